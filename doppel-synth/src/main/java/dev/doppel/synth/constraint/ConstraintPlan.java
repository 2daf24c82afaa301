package dev.doppel.synth.constraint;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.Constraint;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a table's constraints are enforced: which are made impossible to break by a {@link ColumnTransform} (each real
 * column restored by at most one transform, and no transform waiting on itself), which are only checked, which
 * columns are generated from a pattern, and which column sets must be unique across the output. Derived from the
 * metadata and the seen combinations alone, so a loaded model rebuilds the same plan.
 */
final class ConstraintPlan {
    private final TableMetadata real;
    private final Map<Integer, List<List<Object>>> combinations;
    private final List<ColumnTransform> transforms;
    private final TableMetadata model;
    private final RowChecks checks;
    private final List<WrittenColumn> snapped;
    private final List<RegexValues> generated;
    private final List<List<String>> unique;

    private record WrittenColumn(String name, WrittenValues written) { }

    /**
     * @param combinations the seen combinations of every fixed-combinations constraint, by constraint index
     */
    ConstraintPlan(TableMetadata real, Map<Integer, List<List<Object>>> combinations) {
        this.real = real;
        this.combinations = Map.copyOf(combinations);
        this.transforms = assign(real, combinations);
        LinkedHashMap<String, ColumnMetadata> modelColumns = new LinkedHashMap<>();
        for (ColumnMetadata c : real.columns()) {
            modelColumns.put(c.name(), c);
        }
        for (ColumnTransform t : transforms) {
            t.describe(modelColumns);
        }
        this.model = new TableMetadata(List.copyOf(modelColumns.values()), real.nullMarker(), real.delimiter());
        this.checks = new RowChecks(real, combinations);
        Set<String> produced = new HashSet<>();
        transforms.forEach(t -> produced.addAll(t.produces()));
        Set<String> named = new java.util.LinkedHashSet<>();
        real.constraints().forEach(c -> named.addAll(c.columns()));
        this.snapped = named.stream()
                .filter(n -> !produced.contains(n) && real.column(n).orElseThrow().isNumeric())
                .map(n -> new WrittenColumn(n, new WrittenValues(real.column(n).orElseThrow())))
                .toList();
        List<RegexValues> gen = new ArrayList<>();
        List<List<String>> uniq = new ArrayList<>();
        for (Constraint c : real.constraints()) {
            if (c instanceof Constraint.Regex x && !real.column(x.column()).orElseThrow().isLearned()) {
                gen.add(new RegexValues(x.column(), x.pattern()));
                // Ids are unique keys; values drawn from a pattern are not unique by themselves.
                if (real.column(x.column()).orElseThrow().type() == ColumnType.ID
                        && real.constraints().stream().noneMatch(
                                u -> u instanceof Constraint.Unique q && q.columns().equals(List.of(x.column())))) {
                    uniq.add(List.of(x.column()));
                }
            } else if (c instanceof Constraint.Unique u) {
                uniq.add(u.columns());
            }
        }
        this.generated = List.copyOf(gen);
        this.unique = List.copyOf(uniq);
    }

    /** The fixed-combinations constraints' seen combinations of {@code table}, by constraint index. */
    static Map<Integer, List<List<Object>>> learnCombinations(Table table, TableMetadata metadata) {
        Map<Integer, List<List<Object>>> out = new HashMap<>();
        for (int k = 0; k < metadata.constraints().size(); k++) {
            if (metadata.constraints().get(k) instanceof Constraint.FixedCombinations f) {
                out.put(k, CombinationTransform.seen(table, columns(metadata, f.columns())));
            }
        }
        return out;
    }

    private static List<ColumnMetadata> columns(TableMetadata metadata, List<String> names) {
        return names.stream().map(n -> metadata.column(n).orElseThrow()).toList();
    }

    /** Transforms in restoring order; constraints whose columns are taken, or that would wait on themselves, are left to checks. */
    private static List<ColumnTransform> assign(TableMetadata real, Map<Integer, List<List<Object>>> combinations) {
        List<ColumnTransform> candidates = new ArrayList<>();
        // Priority: a computed column is never learned, a combination is never broken; then orders, ranges, signs.
        for (Class<?> kind : List.of(Constraint.Formula.class, Constraint.FixedCombinations.class,
                Constraint.Inequality.class, Constraint.Range.class, Constraint.Sign.class)) {
            for (int k = 0; k < real.constraints().size(); k++) {
                Constraint c = real.constraints().get(k);
                if (kind.isInstance(c)) {
                    candidates.add(transformOf(real, c, combinations.get(k)));
                }
                // A range between two columns needs low <= high: model high as its distance above low too.
                if (kind == Constraint.Range.class && c instanceof Constraint.Range r && r.lowColumn() != null
                        && r.highColumn() != null) {
                    candidates.add(new DifferenceTransform(new Constraint.Inequality(r.lowColumn(), r.highColumn(),
                            false), real.column(r.lowColumn()).orElseThrow(),
                            real.column(r.highColumn()).orElseThrow()));
                }
            }
        }
        List<ColumnTransform> accepted = new ArrayList<>();
        Set<String> produced = new HashSet<>();
        for (ColumnTransform t : candidates) {
            if (t.produces().stream().anyMatch(produced::contains)) {
                continue;
            }
            List<ColumnTransform> trial = new ArrayList<>(accepted);
            trial.add(t);
            List<ColumnTransform> ordered = restoringOrder(trial);
            if (ordered != null) {
                accepted = ordered;
                produced.addAll(t.produces());
            }
        }
        return List.copyOf(accepted);
    }

    private static ColumnTransform transformOf(TableMetadata real, Constraint c, List<List<Object>> seen) {
        if (c instanceof Constraint.Formula f) {
            return new FormulaTransform(f, real.column(f.column()).orElseThrow());
        }
        if (c instanceof Constraint.FixedCombinations f) {
            String name = String.join("+", f.columns());
            while (real.column(name).isPresent()) {
                name = name + "'";
            }
            return new CombinationTransform(f, columns(real, f.columns()), seen, name);
        }
        if (c instanceof Constraint.Inequality q) {
            return new DifferenceTransform(q, real.column(q.low()).orElseThrow(), real.column(q.high()).orElseThrow());
        }
        if (c instanceof Constraint.Range r) {
            return new RelativePositionTransform(r, real.column(r.column()).orElseThrow());
        }
        Constraint.Sign s = (Constraint.Sign) c;
        return new SignTransform(s, real.column(s.column()).orElseThrow());
    }

    /** A topological order (every transform after those producing what it reads), or null when there is a cycle. */
    private static List<ColumnTransform> restoringOrder(List<ColumnTransform> transforms) {
        List<ColumnTransform> out = new ArrayList<>();
        Set<String> pending = new HashSet<>();
        transforms.forEach(t -> pending.addAll(t.produces()));
        List<ColumnTransform> left = new ArrayList<>(transforms);
        while (!left.isEmpty()) {
            ColumnTransform ready = null;
            for (ColumnTransform t : left) {
                if (t.reads().stream().noneMatch(pending::contains)) {
                    ready = t;
                    break;
                }
            }
            if (ready == null) {
                return null;
            }
            left.remove(ready);
            out.add(ready);
            ready.produces().forEach(pending::remove);
        }
        return out;
    }

    TableMetadata real() {
        return real;
    }

    /** The metadata of the table the inner synthesizer learns. */
    TableMetadata model() {
        return model;
    }

    List<ColumnTransform> transforms() {
        return transforms;
    }

    Map<Integer, List<List<Object>>> combinations() {
        return combinations;
    }

    RowChecks checks() {
        return checks;
    }

    List<RegexValues> generated() {
        return generated;
    }

    List<List<String>> unique() {
        return unique;
    }

    /** Real columns that a transform represents differently in model space. */
    Set<String> reshaped() {
        Set<String> out = new HashSet<>();
        transforms.stream().filter(ColumnTransform::reshapes).forEach(t -> out.addAll(t.produces()));
        return out;
    }

    /** The real table in model space. */
    Table forward(Table table) {
        LinkedHashMap<String, Column> columns = new LinkedHashMap<>();
        for (ColumnMetadata c : real.columns()) {
            columns.put(c.name(), table.column(c.name()));
        }
        for (ColumnTransform t : transforms) {
            t.forward(table, columns);
        }
        return new Table(List.copyOf(columns.values()));
    }

    /** A model-space block back in real columns (in the metadata's order), constrained numbers as written. */
    Table backward(Table block) {
        int rows = block.rowCount();
        LinkedHashMap<String, Column> columns = new LinkedHashMap<>();
        for (Column c : block.columns()) {
            columns.put(c.name(), c);
        }
        for (WrittenColumn s : snapped) {
            NumericColumn n = (NumericColumn) columns.get(s.name());
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = s.written().written(n.get(i));
            }
            columns.put(s.name(), new NumericColumn(s.name(), values));
        }
        for (ColumnTransform t : transforms) {
            t.backward(columns, rows);
        }
        List<Column> out = new ArrayList<>(real.columns().size());
        for (ColumnMetadata c : real.columns()) {
            out.add(columns.get(c.name()));
        }
        return new Table(out);
    }
}
