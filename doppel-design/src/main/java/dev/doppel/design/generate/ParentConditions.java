package dev.doppel.design.generate;

import dev.doppel.DoppelException;
import dev.doppel.design.spec.ColumnSource;
import dev.doppel.design.spec.ColumnSpec;
import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.TableSpec;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For a hybrid table (a learned model as its source) with references to parent tables: the learned categorical or
 * boolean columns that a parent also has, by name, and each parent row's values of them. A block's rows are then
 * sampled from the model given their parent's values ({@link SyntheticModel#given}), so a child's shared column
 * equals its parent's and the other learned columns follow the model's conditional distribution. With the table's
 * constraints, each group keeps only sampled rows that meet them (rejection sampling), with or without parents.
 * Thread-safe.
 */
final class ParentConditions {
    /** The shared columns reached through one reference column, and every parent row's values of them. */
    record Shared(int reference, String parent, List<String> columns, int[][] codes, List<List<String>> values) { }

    /** The learned rows of a block: sample {@code sampleOf[i]}'s row {@code rowOf[i]} is the block's row i. */
    record Rows(Table[] samples, int[] sampleOf, int[] rowOf) { }

    /** Draws per row of a group before constraints are given up as (nearly) impossible for the model. */
    static final int DRAW_FACTOR = 20;
    /** The least draws for a group, so small groups are not refused on a few unlucky rows. */
    static final int MIN_DRAWS = 1024;

    private final SyntheticModel model;
    private final List<Shared> shared;
    private final long seed;
    private final int table;
    private final Map<List<String>, SyntheticModel> conditioned = new ConcurrentHashMap<>();
    private final LearnedConstraints constraints;
    private final String tableName;

    private ParentConditions(SyntheticModel model, List<Shared> shared, long seed, int table,
            LearnedConstraints constraints, String tableName) {
        this.model = model;
        this.shared = List.copyOf(shared);
        this.seed = seed;
        this.table = table;
        this.constraints = constraints;
        this.tableName = tableName;
    }

    /**
     * The shared columns of {@code spec}, with its parents' values computed by generating the parents' blocks once;
     * none when the table has no model. Checks, before any row is written, that the model can condition on each
     * shared column and makes every value the parents have.
     */
    static ParentConditions of(DesignSpec design, TableSpec spec, Map<String, TablePlan> plans, long seed,
            RowExpressions expressions) {
        List<Shared> shared = new ArrayList<>();
        if (spec.model() != null) {
            Set<String> claimed = new LinkedHashSet<>();
            for (int c = 0; c < spec.columns().size(); c++) {
                if (spec.columns().get(c).source() instanceof ColumnSource.Reference r) {
                    Shared s = shared(design, spec, c, r, claimed, plans, seed, expressions);
                    if (s != null) {
                        shared.add(s);
                    }
                }
            }
        }
        return new ParentConditions(spec.model(), shared, seed, plans.get(spec.name()).index(),
                LearnedConstraints.of(spec, expressions), spec.name());
    }

    private static Shared shared(DesignSpec design, TableSpec spec, int reference, ColumnSource.Reference r,
            Set<String> claimed, Map<String, TablePlan> plans, long seed, RowExpressions expressions) {
        TableSpec parent = design.table(r.table());
        List<String> names = new ArrayList<>();
        for (ColumnSpec column : spec.columns()) {
            // The first reference whose table has the column claims it; a column the spec overrides is not learned.
            if (column.source() instanceof ColumnSource.Learned l && parent.indexOf(column.name()) >= 0
                    && conditionable(spec.model().metadata().columns().get(l.index()))
                    && claimed.add(column.name())) {
                names.add(column.name());
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        TableGenerator parentRows = new TableGenerator(design, parent, plans, seed, expressions);
        int[] at = names.stream().mapToInt(parent::indexOf).toArray();
        long rows = parentRows.rows();
        if (rows > Integer.MAX_VALUE) {
            throw new DoppelException("table " + spec.name() + ": conditioning on table " + parent.name()
                    + " needs at most " + Integer.MAX_VALUE + " parent rows, it has " + rows);
        }
        int[][] codes = new int[names.size()][(int) rows];
        List<Map<String, Integer>> index = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            index.add(new HashMap<>());
            values.add(new ArrayList<>());
        }
        for (long b = 0; b < parentRows.blocks(); b++) {
            String[][] block = parentRows.block(b);
            for (int i = 0; i < block.length; i++) {
                int row = (int) (b * SyntheticModel.BLOCK_ROWS + i);
                for (int j = 0; j < at.length; j++) {
                    List<String> v = values.get(j);
                    codes[j][row] = index.get(j).computeIfAbsent(block[i][at[j]], k -> {
                        v.add(k);
                        return v.size() - 1;
                    });
                }
            }
        }
        for (int j = 0; j < names.size(); j++) {
            check(spec, parent.name(), names.get(j), values.get(j));
        }
        return new Shared(reference, parent.name(), names, codes, values);
    }

    private static boolean conditionable(ColumnMetadata column) {
        return column.type() == ColumnType.CATEGORICAL || column.type() == ColumnType.BOOLEAN;
    }

    private static void check(TableSpec spec, String parent, String column, List<String> parentValues) {
        String why = "table " + spec.name() + ": learned column " + column + " is also a column of parent table "
                + parent + ", so rows are sampled given their parent's " + column + "; ";
        List<String> made;
        try {
            made = spec.model().categories(column);
            spec.model().given(new Condition(List.of(new ColumnCondition.OneOf(column, new LinkedHashSet<>(made)))));
        } catch (DoppelException e) {
            throw new DoppelException(why + e.getMessage() + " (or rename the parent's column)", e);
        }
        for (String v : parentValues) {
            if (v != null && !made.contains(v)) {
                throw new DoppelException(why + "the model never makes the value '" + v + "' that " + parent
                        + " has (the model makes " + made + ")");
            }
        }
    }

    /** Whether any learned column is conditioned on a parent. */
    boolean any() {
        return !shared.isEmpty();
    }

    /** The reference columns whose parents condition rows, in the order {@link #sample} takes their parent rows. */
    int[] references() {
        return shared.stream().mapToInt(Shared::reference).toArray();
    }

    /**
     * The model's rows for block {@code b}. Rows are grouped by their parents' values; each group is block b of the
     * model given those values, for a seed derived from the values, so the block is a pure function of its inputs.
     *
     * @param parents per reference of {@link #references}, each row's parent row (-1: no parent, unconditioned)
     */
    Rows sample(long b, int n, long[][] parents) {
        long base = Streams.seed(seed, table, Streams.LEARNED, 0, 0);
        if (shared.isEmpty() && constraints.isEmpty()) {
            return new Rows(new Table[] {model.sampleBlock(base, b, n)}, new int[n], identity(n));
        }
        Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            List<String> key = new ArrayList<>();
            for (int g = 0; g < shared.size(); g++) {
                Shared s = shared.get(g);
                long p = parents[g][i];
                for (int j = 0; j < s.columns().size(); j++) {
                    key.add(p < 0 ? null : s.values().get(j).get(s.codes()[j][(int) p]));
                }
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        List<Table> samples = new ArrayList<>();
        int[] sampleOf = new int[n];
        int[] rowOf = new int[n];
        for (Map.Entry<List<String>, List<Integer>> group : groups.entrySet()) {
            List<String> key = group.getKey();
            boolean none = key.stream().allMatch(v -> v == null);
            SyntheticModel source = none ? model : conditioned.computeIfAbsent(key, this::given);
            long groupSeed = none ? base : StreamSeeds.mix(base, hash(key));
            List<Integer> rows = group.getValue();
            if (constraints.isEmpty()) {
                samples.add(source.sampleBlock(groupSeed, b, rows.size()));
                int r = 0;
                for (int i : rows) {
                    sampleOf[i] = samples.size() - 1;
                    rowOf[i] = r++;
                }
            } else {
                accepted(source, groupSeed, b, rows, key, samples, sampleOf, rowOf);
            }
        }
        return new Rows(samples.toArray(Table[]::new), sampleOf, rowOf);
    }

    /**
     * Rejection sampling: the group's rows take, in order, the sampled rows that pass the constraints, from block b
     * of the model, then from further draws of block b with seeds mixed with the attempt number, so the accepted rows
     * follow the model's distribution restricted to the constraints and stay a pure function of (seed, b). Gives up
     * after {@value #DRAW_FACTOR} × the group's rows (at least {@value #MIN_DRAWS}) drawn.
     */
    private void accepted(SyntheticModel source, long groupSeed, long b, List<Integer> rows, List<String> key,
            List<Table> samples, int[] sampleOf, int[] rowOf) {
        int m = rows.size();
        long budget = Math.max((long) DRAW_FACTOR * m, MIN_DRAWS);
        long drawn = 0;
        int filled = 0;
        long[] failedBy = new long[constraints.size()];
        for (int attempt = 0; filled < m; attempt++) {
            if (drawn >= budget) {
                throw unsatisfiable(b, key, drawn, drawn - Arrays.stream(failedBy).sum(), failedBy);
            }
            // The first draw is block b itself (as without constraints); later ones are sized by the pass rate so
            // far, with a margin, to need few attempts.
            long passed = drawn - Arrays.stream(failedBy).sum();
            int size = attempt == 0 ? m : (int) Math.min(Math.min(SyntheticModel.BLOCK_ROWS, budget - drawn),
                    Math.max(64, Math.ceil((m - filled) * 1.2 * drawn / Math.max(passed, 1))));
            long attemptSeed = attempt == 0 ? groupSeed
                    : StreamSeeds.mix(StreamSeeds.mix(groupSeed, Streams.CONSTRAINT_REDRAW), attempt);
            Table sample = source.sampleBlock(attemptSeed, b, size);
            samples.add(sample);
            int k = samples.size() - 1;
            for (int r = 0; r < size && filled < m; r++) {
                drawn++;
                int failed = constraints.firstFailed(sample, r);
                if (failed >= 0) {
                    failedBy[failed]++;
                } else {
                    int i = rows.get(filled++);
                    sampleOf[i] = k;
                    rowOf[i] = r;
                }
            }
        }
    }

    private DoppelException unsatisfiable(long b, List<String> key, long drawn, long passed, long[] failedBy) {
        int worst = 0;
        for (int k = 1; k < failedBy.length; k++) {
            if (failedBy[k] > failedBy[worst]) {
                worst = k;
            }
        }
        String given = key.stream().allMatch(v -> v == null) ? "" : " given its parent's values " + key;
        return new DoppelException(String.format(java.util.Locale.ROOT,
                "table %s: the model's rows rarely meet constraint \"%s\": of %d rows drawn for block %d%s, only "
                + "%.2f%% passed all constraints (%d failed this one); loosen the constraint or fit the model to data "
                + "that meets it", tableName, constraints.source(worst), drawn, b, given, 100.0 * passed / drawn,
                failedBy[worst]));
    }

    private SyntheticModel given(List<String> key) {
        List<ColumnCondition> parts = new ArrayList<>();
        int at = 0;
        for (Shared s : shared) {
            for (String column : s.columns()) {
                String v = key.get(at++);
                if (v != null) {
                    parts.add(new ColumnCondition.OneOf(column, Set.of(v)));
                }
            }
        }
        return model.given(new Condition(parts));
    }

    /** A stable 64-bit hash of the values (String.hashCode is part of the Java specification). */
    private static long hash(List<String> key) {
        long h = key.size();
        for (String v : key) {
            h = StreamSeeds.mix(h, v == null ? -1 : v.hashCode() & 0xFFFFFFFFL);
        }
        return h;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        Arrays.setAll(out, i -> i);
        return out;
    }
}
