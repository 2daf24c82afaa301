package dev.doppel.synth.constraint;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.Constraint;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Row by row checks of the row-level constraints (all but uniqueness, which spans the output, and patterns of
 * generated columns, which hold by construction) on a table with the real columns. Missing values satisfy a
 * constraint, except in fixed combinations, where a missing value is part of the combination.
 */
final class RowChecks {
    private final TableMetadata metadata;
    private final Map<Integer, List<List<Object>>> combinations;

    /** A row that breaks a constraint. */
    record Violation(int constraint, int row, String detail) { }

    /** @param combinations the seen combinations of each fixed-combinations constraint, by constraint index */
    RowChecks(TableMetadata metadata, Map<Integer, List<List<Object>>> combinations) {
        this.metadata = metadata;
        this.combinations = Map.copyOf(combinations);
    }

    /**
     * Marks in {@code ok} the rows that break a constraint (leaves the others) and adds each constraint's number of
     * broken rows to {@code broken}.
     */
    void check(Table table, boolean[] ok, long[] broken) {
        List<Constraint> constraints = metadata.constraints();
        for (int k = 0; k < constraints.size(); k++) {
            IntPredicate holds = rule(k, table);
            if (holds == null) {
                continue;
            }
            for (int i = 0; i < table.rowCount(); i++) {
                if (!holds.test(i)) {
                    ok[i] = false;
                    broken[k]++;
                }
            }
        }
    }

    /** The first row breaking a constraint, in constraint order, with the values involved. */
    Optional<Violation> firstViolation(Table table) {
        List<Constraint> constraints = metadata.constraints();
        for (int k = 0; k < constraints.size(); k++) {
            IntPredicate holds = rule(k, table);
            if (holds == null) {
                continue;
            }
            for (int i = 0; i < table.rowCount(); i++) {
                if (!holds.test(i)) {
                    return Optional.of(new Violation(k, i, values(table, metadata, constraints.get(k), i)));
                }
            }
        }
        return Optional.empty();
    }

    /** The row's values of the constraint's columns, as written in the data (dates as dates). */
    private static String values(Table table, TableMetadata metadata, Constraint constraint, int row) {
        List<String> parts = new ArrayList<>();
        for (String name : new java.util.LinkedHashSet<>(constraint.columns())) {
            Column c = table.column(name);
            String v = c.isNull(row) ? "missing"
                    : c instanceof NumericColumn n ? new WrittenValues(metadata.column(name).orElseThrow()).text(n.get(row))
                    : "'" + ((CategoricalColumn) c).get(row) + "'";
            parts.add(name + " " + v);
        }
        return String.join(", ", parts);
    }

    /** The predicate of constraint {@code k} on {@code table}, or null when it is not checked row by row. */
    private IntPredicate rule(int k, Table table) {
        Constraint constraint = metadata.constraints().get(k);
        if (constraint instanceof Constraint.Inequality q) {
            NumericColumn a = (NumericColumn) table.column(q.low());
            NumericColumn b = (NumericColumn) table.column(q.high());
            return q.strict() ? i -> !(a.get(i) >= b.get(i)) : i -> !(a.get(i) > b.get(i));
        }
        if (constraint instanceof Constraint.Range r) {
            NumericColumn x = (NumericColumn) table.column(r.column());
            NumericColumn lo = r.lowColumn() == null ? null : (NumericColumn) table.column(r.lowColumn());
            NumericColumn hi = r.highColumn() == null ? null : (NumericColumn) table.column(r.highColumn());
            double low = r.low() == null ? Double.NaN : r.low();
            double high = r.high() == null ? Double.NaN : r.high();
            // NaN comparisons are false, so a missing value or bound never counts as outside.
            return i -> {
                double v = x.get(i);
                double l = lo == null ? low : lo.get(i);
                double h = hi == null ? high : hi.get(i);
                return !(v < l) && !(v > h);
            };
        }
        if (constraint instanceof Constraint.FixedCombinations f) {
            Set<List<Object>> seen = new HashSet<>(combinations.get(k));
            List<ColumnMetadata> columns = f.columns().stream().map(n -> metadata.column(n).orElseThrow()).toList();
            return i -> seen.contains(CombinationTransform.values(table, columns, i));
        }
        if (constraint instanceof Constraint.Formula f) {
            ColumnMetadata target = metadata.column(f.column()).orElseThrow();
            Map<String, Column> columns = new HashMap<>();
            for (String name : f.columns()) {
                columns.put(name, table.column(name));
            }
            double[] expected = FormulaTransform.compute(f, target, columns, table.rowCount());
            NumericColumn actual = (NumericColumn) table.column(f.column());
            WrittenValues written = new WrittenValues(target);
            return i -> Double.isNaN(expected[i]) ? actual.isNull(i) : expected[i] == written.written(actual.get(i));
        }
        if (constraint instanceof Constraint.Regex x
                && metadata.column(x.column()).orElseThrow().type() == ColumnType.CATEGORICAL) {
            CategoricalColumn c = (CategoricalColumn) table.column(x.column());
            Pattern pattern = Pattern.compile(x.pattern());
            boolean[] matches = new boolean[c.dictionary().size()];
            for (int d = 0; d < matches.length; d++) {
                matches[d] = pattern.matcher(c.dictionary().get(d)).matches();
            }
            return i -> c.code(i) == CategoricalColumn.NULL || matches[c.code(i)];
        }
        if (constraint instanceof Constraint.Sign s) {
            NumericColumn x = (NumericColumn) table.column(s.column());
            if (s.positive()) {
                return s.strict() ? i -> !(x.get(i) <= 0) : i -> !(x.get(i) < 0);
            }
            return s.strict() ? i -> !(x.get(i) >= 0) : i -> !(x.get(i) > 0);
        }
        return null;
    }
}
