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
 * equals its parent's and the other learned columns follow the model's conditional distribution. Thread-safe.
 */
final class ParentConditions {
    /** The shared columns reached through one reference column, and every parent row's values of them. */
    record Shared(int reference, String parent, List<String> columns, int[][] codes, List<List<String>> values) { }

    /** The learned rows of a block: sample {@code sampleOf[i]}'s row {@code rowOf[i]} is the block's row i. */
    record Rows(Table[] samples, int[] sampleOf, int[] rowOf) { }

    private final SyntheticModel model;
    private final List<Shared> shared;
    private final long seed;
    private final int table;
    private final Map<List<String>, SyntheticModel> conditioned = new ConcurrentHashMap<>();

    private ParentConditions(SyntheticModel model, List<Shared> shared, long seed, int table) {
        this.model = model;
        this.shared = List.copyOf(shared);
        this.seed = seed;
        this.table = table;
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
        return new ParentConditions(spec.model(), shared, seed, plans.get(spec.name()).index());
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
        if (shared.isEmpty()) {
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
        Table[] samples = new Table[groups.size()];
        int[] sampleOf = new int[n];
        int[] rowOf = new int[n];
        int k = 0;
        for (Map.Entry<List<String>, List<Integer>> group : groups.entrySet()) {
            List<String> key = group.getKey();
            boolean none = key.stream().allMatch(v -> v == null);
            samples[k] = (none ? model : conditioned.computeIfAbsent(key, this::given))
                    .sampleBlock(none ? base : StreamSeeds.mix(base, hash(key)), b, group.getValue().size());
            int r = 0;
            for (int i : group.getValue()) {
                sampleOf[i] = k;
                rowOf[i] = r++;
            }
            k++;
        }
        return new Rows(samples, sampleOf, rowOf);
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
