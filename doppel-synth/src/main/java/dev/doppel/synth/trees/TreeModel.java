package dev.doppel.synth.trees;

import dev.doppel.synth.FittedModel;
import dev.doppel.synth.ParameterReader;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.DoppelException;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.synth.condition.ImpossibleConditionException;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.fake.FakeColumn;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A fitted sequential-trees model: learned columns are drawn one after another in the visiting order, each from the
 * leaf its tree reaches given the columns drawn before it (the first from its marginal, a tree without splits).
 * Categorical leaves hold class counts; numeric leaves hold a quantile sketch that values are interpolated from.
 * ID, PII and TEXT columns are generated fresh (see {@link FakeColumn}). Immutable and thread safe.
 *
 * <p>Block {@code b} for {@code seed}: column {@code c} draws from {@code SplittableRandom(mix(mix(seed, b), c))}, so
 * a block depends only on (model, seed, b).
 */
public final class TreeModel implements FittedModel {
    private final TableMetadata metadata;
    private final int[] order;
    private final List<ColumnPlan> plans;
    private final List<List<String>> dictionaries;
    private final int[][] outputCodes;

    TreeModel(TableMetadata metadata, int[] order, List<ColumnPlan> plans) {
        if (plans.size() != metadata.columns().size()) {
            throw new IllegalArgumentException("need one plan per column");
        }
        this.metadata = metadata;
        this.order = order.clone();
        this.plans = List.copyOf(plans);
        this.dictionaries = new ArrayList<>();
        this.outputCodes = new int[plans.size()][];
        for (int c = 0; c < plans.size(); c++) {
            List<String> dictionary = List.of();
            if (plans.get(c) instanceof ColumnPlan.Categorical k) {
                List<String> values = new ArrayList<>();
                outputCodes[c] = new int[k.classes().size()];
                for (int i = 0; i < outputCodes[c].length; i++) {
                    String value = k.classes().get(i);
                    outputCodes[c][i] = value == null ? CategoricalColumn.NULL : values.size();
                    if (value != null) {
                        values.add(value);
                    }
                }
                // One list instance for every block, so blocks share their dictionary when concatenated.
                dictionary = List.copyOf(values);
            }
            dictionaries.add(dictionary);
        }
    }

    @Override
    public String synthesizer() {
        return TreeSynthesizer.NAME;
    }

    @Override
    public TableMetadata metadata() {
        return metadata;
    }

    /** Learned column indices in the order they are drawn. */
    int[] order() {
        return order.clone();
    }

    List<ColumnPlan> plans() {
        return plans;
    }

    @Override
    public Table sampleBlock(long seed, long block, int rows) {
        return sample(seed, block, rows, null);
    }

    private Table sample(long seed, long block, int rows, ConditionedPrefix prefix) {
        SyntheticModel.checkBlock(block, rows);
        long blockSeed = StreamSeeds.mix(seed, block);
        int columns = plans.size();
        double[][] numeric = new double[columns][];
        int[][] classes = new int[columns][];
        if (prefix != null) {
            // A stream no column uses (columns use 0..columns-1).
            prefix.draw(new SplittableRandom(StreamSeeds.mix(blockSeed, columns)), rows, classes);
        }
        for (int c : order) {
            if (classes[c] != null) {
                continue;
            }
            SplittableRandom random = new SplittableRandom(StreamSeeds.mix(blockSeed, c));
            ColumnPlan plan = plans.get(c);
            if (plan instanceof ColumnPlan.Categorical k) {
                int[] drawn = new int[rows];
                for (int i = 0; i < rows; i++) {
                    drawn[i] = ((Leaf.ClassCounts) k.tree().leafOf(i, numeric, classes)).draw(random);
                }
                classes[c] = drawn;
            } else {
                numeric[c] = drawNumeric(metadata.columns().get(c), (ColumnPlan.Numeric) plan, numeric, classes,
                        random, rows);
            }
        }
        List<Column> out = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            String name = metadata.columns().get(c).name();
            ColumnPlan plan = plans.get(c);
            if (plan instanceof ColumnPlan.Fake f) {
                out.add(f.fake().sample(name, StreamSeeds.mix(blockSeed, c), block * BLOCK_ROWS, rows));
            } else if (plan instanceof ColumnPlan.Categorical) {
                int[] codes = new int[rows];
                for (int i = 0; i < rows; i++) {
                    codes[i] = outputCodes[c][classes[c][i]];
                }
                out.add(new CategoricalColumn(name, codes, dictionaries.get(c)));
            } else {
                out.add(new NumericColumn(name, numeric[c]));
            }
        }
        return new Table(out);
    }

    private static double[] drawNumeric(ColumnMetadata meta, ColumnPlan.Numeric plan, double[][] numeric,
                                        int[][] classes, SplittableRandom random, int rows) {
        double[] values = new double[rows];
        if (plan.valueTree() == null) {
            Arrays.fill(values, Double.NaN);
            return values;
        }
        boolean round = meta.type() == ColumnType.DATETIME || Boolean.TRUE.equals(meta.integer());
        for (int i = 0; i < rows; i++) {
            if (plan.nullTree() != null
                    && ((Leaf.ClassCounts) plan.nullTree().leafOf(i, numeric, classes)).draw(random) == 1) {
                values[i] = Double.NaN;
                continue;
            }
            double x = ((Leaf.ValueSketch) plan.valueTree().leafOf(i, numeric, classes)).draw(random, plan.discrete());
            if (round) {
                x = Math.rint(x);
            }
            values[i] = Math.min(plan.high(), Math.max(plan.low(), x));
        }
        return values;
    }

    /**
     * Exact conditional sampling for conditions on categorical columns that come first in the visiting order (by
     * default the columns with fewest distinct values; {@code --param order=...} puts others first): the joint
     * distribution of the columns up to the last conditioned one is enumerated and restricted, and the rest is drawn
     * given it. Other conditions are refused with a message naming the way around.
     */
    @Override
    public SyntheticModel given(Condition condition) {
        ConditionedPrefix prefix = prefix(condition);
        if (prefix.probability() == 0) {
            throw new ImpossibleConditionException("no row can satisfy " + condition
                    + ": the model gives it probability 0");
        }
        return new Conditioned(prefix, condition);
    }

    @Override
    public double probability(Condition condition) {
        return prefix(condition).probability();
    }

    @Override
    public List<String> categories(String column) {
        int c = metadata.columnNames().indexOf(column);
        if (c < 0 || !(plans.get(c) instanceof ColumnPlan.Categorical k)) {
            throw new DoppelException("column " + column + " is not a learned categorical or boolean column of this "
                    + "model");
        }
        return k.classes();
    }

    private ConditionedPrefix prefix(Condition condition) {
        boolean[][] allowed = new boolean[plans.size()][];
        int last = -1;
        for (ColumnCondition part : condition.parts()) {
            int c = metadata.columnNames().indexOf(part.column());
            if (c < 0 || !(plans.get(c) instanceof ColumnPlan.Categorical k)
                    || !(part instanceof ColumnCondition.OneOf oneOf)) {
                throw new DoppelException("the trees synthesizer conditions only on categorical columns, not on "
                        + part.column() + "; fit with --synthesizer bayes-net to condition on numeric ranges");
            }
            allowed[c] = new boolean[k.classes().size()];
            for (String value : oneOf.values()) {
                int s = k.classes().indexOf(value);
                if (s < 0) {
                    throw new ImpossibleConditionException("column " + part.column() + " never has the value '"
                            + value + "' in the training data; its values: " + k.classes());
                }
                allowed[c][s] = true;
            }
            for (int j = 0; j < order.length; j++) {
                if (order[j] == c) {
                    last = Math.max(last, j);
                }
            }
        }
        int[] prefix = Arrays.copyOf(order, last + 1);
        for (int c : prefix) {
            if (!(plans.get(c) instanceof ColumnPlan.Categorical)) {
                throw new DoppelException("the trees model draws numeric column " + metadata.columns().get(c).name()
                        + " before the conditioned columns, so it cannot condition exactly; refit with --param order="
                        + condition.parts().stream().map(ColumnCondition::column).collect(Collectors.joining(","))
                        + " or with --synthesizer bayes-net");
            }
        }
        try {
            return ConditionedPrefix.of(prefix, plans, allowed);
        } catch (IllegalStateException e) {
            throw new DoppelException("the condition needs " + e.getMessage() + " of the columns drawn before it; "
                    + "refit with --param order=" + condition.parts().stream().map(ColumnCondition::column)
                    .collect(Collectors.joining(",")) + " or with --synthesizer bayes-net");
        }
    }

    /** This model restricted to a condition on its first columns; not stored in model files. */
    private final class Conditioned implements SyntheticModel {
        private final ConditionedPrefix prefix;
        private final Condition condition;

        Conditioned(ConditionedPrefix prefix, Condition condition) {
            this.prefix = prefix;
            this.condition = condition;
        }

        @Override
        public SyntheticModel given(Condition more) {
            return TreeModel.this.given(and(more));
        }

        @Override
        public double probability(Condition more) {
            return TreeModel.this.probability(and(more)) / prefix.probability();
        }

        private Condition and(Condition more) {
            List<ColumnCondition> parts = new ArrayList<>(condition.parts());
            parts.addAll(more.parts());
            return new Condition(parts);
        }

        @Override
        public String synthesizer() {
            return TreeModel.this.synthesizer();
        }

        @Override
        public TableMetadata metadata() {
            return metadata;
        }

        @Override
        public Table sampleBlock(long seed, long block, int rows) {
            return sample(seed, block, rows, prefix);
        }

        @Override
        public List<String> categories(String column) {
            return TreeModel.this.categories(column);
        }

    }

    @Override
    public JsonNode parametersJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        List<String> names = metadata.columnNames();
        List<List<String>> classes = classLists(plans);
        ArrayNode visit = root.putArray("order");
        for (int c : order) {
            visit.add(names.get(c));
        }
        ArrayNode columns = root.putArray("columns");
        for (int c = 0; c < plans.size(); c++) {
            ColumnMetadata meta = metadata.columns().get(c);
            ObjectNode node = columns.addObject();
            node.put("name", meta.name());
            node.put("type", meta.type().jsonName());
            ColumnPlan plan = plans.get(c);
            if (plan instanceof ColumnPlan.Categorical k) {
                ArrayNode values = node.putArray("classes");
                k.classes().forEach(values::add);
                node.set("tree", TreeJson.write(k.tree(), names, classes));
            } else if (plan instanceof ColumnPlan.Numeric n) {
                if (n.valueTree() != null) {
                    node.put("low", n.low()).put("high", n.high()).put("discrete", n.discrete());
                    if (n.nullTree() != null) {
                        node.set("nullTree", TreeJson.write(n.nullTree(), names, classes));
                    }
                    node.set("valueTree", TreeJson.write(n.valueTree(), names, classes));
                }
            } else {
                ((ColumnPlan.Fake) plan).fake().writeTo(node);
            }
        }
        return root;
    }

    private static List<List<String>> classLists(List<ColumnPlan> plans) {
        List<List<String>> out = new ArrayList<>();
        for (ColumnPlan p : plans) {
            out.add(p instanceof ColumnPlan.Categorical k ? k.classes() : null);
        }
        return out;
    }

    /** Reads a model written by {@link #parametersJson()}; invalid parameters raise an {@code InvalidDataException}. */
    public static TreeModel fromJson(TableMetadata metadata, JsonNode parameters, String sourceName) {
        ParameterReader r = new ParameterReader(sourceName);
        if (parameters == null || !parameters.isObject()) {
            throw r.invalid("parameters", "an object", parameters);
        }
        List<ColumnMetadata> metas = metadata.columns();
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < metas.size(); c++) {
            index.put(metas.get(c).name(), c);
        }
        int[] order = readOrder(r, parameters, metas, index);
        JsonNode columns = r.columnEntries(parameters, metadata);
        List<List<String>> classes = new ArrayList<>();
        boolean[] numeric = new boolean[metas.size()];
        for (int c = 0; c < metas.size(); c++) {
            ColumnMetadata meta = metas.get(c);
            String path = "columns[" + c + "]";
            JsonNode node = columns.get(c);
            numeric[c] = meta.isLearned() && meta.isNumeric();
            classes.add(meta.isLearned() && !meta.isNumeric() ? r.distinctValues(node, "classes", path + ".classes", "class") : null);
        }
        ColumnPlan[] plans = new ColumnPlan[metas.size()];
        Set<Integer> before = new HashSet<>();
        for (int c : order) {
            String path = "columns[" + c + "]";
            JsonNode node = columns.get(c);
            TreeJson.Context classContext = new TreeJson.Context(index, Set.copyOf(before), numeric, classes,
                    numeric[c] ? 2 : classes.get(c).size());
            if (!numeric[c]) {
                plans[c] = new ColumnPlan.Categorical(classes.get(c),
                        TreeJson.read(r, node.get("tree"), path + ".tree", classContext));
            } else if (!node.has("valueTree")) {
                if (node.has("nullTree")) {
                    throw r.invalid(path + ".valueTree", "a value tree beside the null tree", "none");
                }
                plans[c] = new ColumnPlan.Numeric(0, 0, false, null, null);
            } else {
                double low = r.number(node, "low", path + ".low");
                double high = r.number(node, "high", path + ".high");
                if (low > high) {
                    throw r.invalid(path + ".high", "at least low " + low, high);
                }
                Tree nullTree = node.has("nullTree")
                        ? TreeJson.read(r, node.get("nullTree"), path + ".nullTree", classContext) : null;
                TreeJson.Context valueContext = new TreeJson.Context(index, Set.copyOf(before), numeric, classes, 0);
                boolean discrete = r.bool(node, "discrete", path + ".discrete");
                plans[c] = new ColumnPlan.Numeric(low, high, discrete, nullTree,
                        TreeJson.read(r, node.get("valueTree"), path + ".valueTree", valueContext));
            }
            before.add(c);
        }
        for (int c = 0; c < metas.size(); c++) {
            if (!metas.get(c).isLearned()) {
                plans[c] = new ColumnPlan.Fake(FakeColumn.read(r, metas.get(c), columns.get(c), "columns[" + c + "]"));
            }
        }
        return new TreeModel(metadata, order, Arrays.asList(plans));
    }

    private static int[] readOrder(ParameterReader r, JsonNode parameters, List<ColumnMetadata> metas,
                                   Map<String, Integer> index) {
        JsonNode visit = r.array(parameters, "order", "order");
        long learned = metas.stream().filter(ColumnMetadata::isLearned).count();
        if (visit.size() != learned) {
            throw r.invalid("order", learned + " learned columns", visit.size() + " names");
        }
        int[] order = new int[visit.size()];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < order.length; i++) {
            JsonNode v = visit.get(i);
            Integer c = v.isTextual() ? index.get(v.asText()) : null;
            if (c == null || !metas.get(c).isLearned() || !seen.add(c)) {
                throw r.invalid("order[" + i + "]", "a learned column not listed before", v);
            }
            order[i] = c;
        }
        return order;
    }
}
