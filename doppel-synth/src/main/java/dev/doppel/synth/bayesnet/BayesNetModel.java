package dev.doppel.synth.bayesnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.FittedModel;
import dev.doppel.synth.ParameterReader;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.synth.condition.ImpossibleConditionException;
import dev.doppel.synth.fake.FakeColumn;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A fitted Bayesian network (see {@link BayesNetSynthesizer}); ID, PII and TEXT columns are generated fresh. Samples
 * unconditionally by forward sampling and, through {@link #given}, exactly from the distribution conditioned on
 * column values or ranges. Immutable and thread safe.
 */
public final class BayesNetModel implements FittedModel {
    private final TableMetadata metadata;
    private final Network network;
    private final List<FakeColumn> fakes;
    private final int[] variableOfColumn;
    private final StateSampler forward;

    BayesNetModel(TableMetadata metadata, Network network, List<FakeColumn> fakes) {
        this.metadata = metadata;
        this.network = network;
        this.fakes = java.util.Collections.unmodifiableList(new ArrayList<>(fakes));
        this.variableOfColumn = new int[fakes.size()];
        int v = 0;
        for (int c = 0; c < fakes.size(); c++) {
            variableOfColumn[c] = fakes.get(c) == null ? v++ : -1;
        }
        if (v != network.size()) {
            throw new IllegalArgumentException("network has " + network.size() + " variables, columns need " + v);
        }
        this.forward = new StateSampler(network);
    }

    @Override
    public String synthesizer() {
        return BayesNetSynthesizer.NAME;
    }

    @Override
    public TableMetadata metadata() {
        return metadata;
    }

    /** Each learned column's parents, by name, for tests and for people reading the model. */
    public Map<String, List<String>> parents() {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        List<String> names = learnedNames();
        for (int v = 0; v < network.size(); v++) {
            out.put(names.get(v), Arrays.stream(network.tables().get(v).parents()).mapToObj(names::get).toList());
        }
        return out;
    }

    private List<String> learnedNames() {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < fakes.size(); c++) {
            if (variableOfColumn[c] >= 0) {
                names.add(metadata.columns().get(c).name());
            }
        }
        return names;
    }

    @Override
    public Table sampleBlock(long seed, long block, int rows) {
        return sample(forward, null, seed, block, rows);
    }

    private Table sample(StateSampler sampler, double[][][] ranges, long seed, long block, int rows) {
        SyntheticModel.checkBlock(block, rows);
        long blockSeed = StreamSeeds.mix(seed, block);
        SplittableRandom random = new SplittableRandom(blockSeed);
        int[][] states = sampler.draw(random, rows);
        List<Column> out = new ArrayList<>(fakes.size());
        for (int c = 0; c < fakes.size(); c++) {
            String name = metadata.columns().get(c).name();
            int v = variableOfColumn[c];
            if (v < 0) {
                // Fake columns draw from their own stream so they never shift the network's draws.
                out.add(fakes.get(c).sample(name, StreamSeeds.mix(blockSeed, 1 + c), block * BLOCK_ROWS, rows));
            } else if (network.states().get(v) instanceof ColumnStates.Numeric numeric) {
                out.add(numericColumn(name, numeric, states[v], ranges == null ? null : ranges[v], random));
            } else {
                out.add(categoricalColumn(name, (ColumnStates.Categorical) network.states().get(v), states[v]));
            }
        }
        return new Table(out);
    }

    /** @param ranges per bin, the probability interval allowed by a range condition, or null for the whole bin */
    private static NumericColumn numericColumn(String name, ColumnStates.Numeric numeric, int[] states,
                                               double[][] ranges, SplittableRandom random) {
        double[] values = new double[states.length];
        int nullState = numeric.nullState();
        for (int i = 0; i < values.length; i++) {
            int s = states[i];
            if (s == nullState) {
                values[i] = Double.NaN;
                continue;
            }
            double u = random.nextDouble();
            if (ranges != null) {
                double[] r = ranges[s];
                values[i] = Math.min(r[3], Math.max(r[2], numeric.value(s, r[0] + u * (r[1] - r[0]))));
            } else {
                values[i] = numeric.value(s, u);
            }
        }
        return new NumericColumn(name, values);
    }

    private static CategoricalColumn categoricalColumn(String name, ColumnStates.Categorical states, int[] drawn) {
        List<String> dictionary = new ArrayList<>();
        int[] codeOf = new int[states.count()];
        for (int s = 0; s < codeOf.length; s++) {
            String value = states.values().get(s);
            codeOf[s] = value == null ? CategoricalColumn.NULL : dictionary.size();
            if (value != null) {
                dictionary.add(value);
            }
        }
        int[] codes = new int[drawn.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = codeOf[drawn[i]];
        }
        return new CategoricalColumn(name, codes, dictionary);
    }

    /**
     * The exact conditional distribution given {@code condition}. A categorical condition weighs each state 1 or 0;
     * a numeric range weighs each bin by the share of its sketch inside the range, and values are then drawn from
     * that share only, so every row satisfies the condition.
     */
    @Override
    public SyntheticModel given(Condition condition) {
        int d = network.size();
        double[][] likelihood = new double[d][];
        double[][][] ranges = new double[d][][];
        for (ColumnCondition part : condition.parts()) {
            int c = metadata.columnNames().indexOf(part.column());
            if (c < 0 || variableOfColumn[c] < 0) {
                throw new ImpossibleConditionException("column " + part.column() + " is not learned by this model");
            }
            int v = variableOfColumn[c];
            ColumnStates states = network.states().get(v);
            if (part instanceof ColumnCondition.OneOf oneOf) {
                if (!(states instanceof ColumnStates.Categorical categorical)) {
                    throw new ImpossibleConditionException("column " + part.column() + " is numeric; give a range");
                }
                likelihood[v] = new double[categorical.count()];
                for (String value : oneOf.values()) {
                    int s = categorical.values().indexOf(value);
                    if (s < 0) {
                        throw new ImpossibleConditionException("column " + part.column() + " never has the value '"
                                + value + "' in the training data; its values: " + seen(categorical));
                    }
                    likelihood[v][s] = 1;
                }
            } else {
                ColumnCondition.Range range = (ColumnCondition.Range) part;
                if (!(states instanceof ColumnStates.Numeric numeric)) {
                    throw new ImpossibleConditionException("column " + part.column() + " is categorical; give values");
                }
                double low = range.low();
                double high = range.high();
                double from = low;
                double to = high;
                if (numeric.round()) {
                    // Values are rounded after drawing: whole numbers in [ceil(low), floor(high)] come from
                    // draws in [ceil(low) - 0.5, floor(high) + 0.5].
                    low = Math.ceil(low);
                    high = Math.floor(high);
                    from = low - 0.5;
                    to = high + 0.5;
                }
                likelihood[v] = new double[numeric.count()];
                ranges[v] = new double[numeric.count()][];
                double total = 0;
                for (int b = 0; b < numeric.bins().size(); b++) {
                    double[] u = low > high ? new double[] {0, 0} : numeric.bins().get(b).probabilitiesWithin(from, to);
                    likelihood[v][b] = Math.max(0, u[1] - u[0]);
                    ranges[v][b] = new double[] {u[0], u[1], low, high};
                    total += likelihood[v][b];
                }
                if (total == 0) {
                    throw new ImpossibleConditionException("column " + part.column() + " has no values in "
                            + describe(range) + " in the training data (it spans " + numeric.low() + " to "
                            + numeric.high() + ")");
                }
            }
        }
        StateSampler sampler = new StateSampler(network, likelihood);
        return new Conditioned(this, sampler, ranges, condition);
    }

    private static String describe(ColumnCondition.Range r) {
        return "[" + (Double.isInfinite(r.low()) ? "" : r.low()) + ", " + (Double.isInfinite(r.high()) ? "" : r.high())
                + "]";
    }

    private static String seen(ColumnStates.Categorical c) {
        List<String> values = c.values().stream().map(v -> v == null ? "(missing)" : v).toList();
        return values.size() <= 20 ? String.join(", ", values)
                : String.join(", ", values.subList(0, 20)) + ", … (" + values.size() + " in all)";
    }

    /** This model restricted to a condition; its blocks follow the same contract. Not stored in model files. */
    private static final class Conditioned implements SyntheticModel {
        private final BayesNetModel base;
        private final StateSampler sampler;
        private final double[][][] ranges;
        private final Condition condition;

        Conditioned(BayesNetModel base, StateSampler sampler, double[][][] ranges, Condition condition) {
            this.base = base;
            this.sampler = sampler;
            this.ranges = ranges;
            this.condition = condition;
        }

        @Override
        public String synthesizer() {
            return base.synthesizer();
        }

        @Override
        public TableMetadata metadata() {
            return base.metadata();
        }

        @Override
        public Table sampleBlock(long seed, long block, int rows) {
            return base.sample(sampler, ranges, seed, block, rows);
        }

        @Override
        public SyntheticModel given(Condition more) {
            List<ColumnCondition> parts = new ArrayList<>(condition.parts());
            parts.addAll(more.parts());
            return base.given(new Condition(parts));
        }

        @Override
        public double probability(Condition more) {
            List<ColumnCondition> parts = new ArrayList<>(condition.parts());
            parts.addAll(more.parts());
            return base.probability(new Condition(parts)) / sampler.probability();
        }

        @Override
        public List<String> categories(String column) {
            return base.categories(column);
        }


        @Override
        public String toString() {
            return "bayes-net given " + condition + " (probability " + sampler.probability() + ")";
        }
    }

    @Override
    public double probability(Condition condition) {
        SyntheticModel m = given(condition);
        return ((Conditioned) m).sampler.probability();
    }

    @Override
    public List<String> categories(String column) {
        int c = metadata.columnNames().indexOf(column);
        if (c < 0 || variableOfColumn[c] < 0
                || !(network.states().get(variableOfColumn[c]) instanceof ColumnStates.Categorical categorical)) {
            throw new dev.doppel.DoppelException("column " + column + " is not a learned categorical or boolean column"
                    + " of this model; categorical columns: " + String.join(", ", categoricalColumns()));
        }
        return categorical.values();
    }

    private List<String> categoricalColumns() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < fakes.size(); c++) {
            if (variableOfColumn[c] >= 0 && network.states().get(variableOfColumn[c]) instanceof ColumnStates.Categorical) {
                out.add(metadata.columns().get(c).name());
            }
        }
        return out;
    }

    @Override
    public JsonNode parametersJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        List<String> names = learnedNames();
        ArrayNode columns = root.putArray("columns");
        ArrayNode variables = root.putArray("variables");
        for (int c = 0; c < fakes.size(); c++) {
            ColumnMetadata meta = metadata.columns().get(c);
            ObjectNode node = columns.addObject();
            node.put("name", meta.name());
            node.put("type", meta.type().jsonName());
            FakeColumn fake = fakes.get(c);
            if (fake == null) {
                continue;
            }
            fake.writeTo(node);
        }
        for (int v = 0; v < network.size(); v++) {
            ObjectNode node = variables.addObject();
            node.put("column", names.get(v));
            ColumnStates states = network.states().get(v);
            if (states instanceof ColumnStates.Numeric n) {
                node.put("kind", "numeric");
                node.put("round", n.round());
                node.put("low", n.low());
                node.put("high", n.high());
                node.put("hasNull", n.hasNull());
                ArrayNode bins = node.putArray("bins");
                for (BinSketch b : n.bins()) {
                    ArrayNode knots = bins.addArray();
                    for (double k : b.knots()) {
                        knots.add(k);
                    }
                }
            } else {
                node.put("kind", "categorical");
                ArrayNode values = node.putArray("values");
                ((ColumnStates.Categorical) states).values().forEach(values::add);
            }
            ConditionalTable t = network.tables().get(v);
            ArrayNode parents = node.putArray("parents");
            for (int p : t.parents()) {
                parents.add(names.get(p));
            }
            ArrayNode rows = node.putArray("probabilities");
            for (int c = 0; c < t.configurations(); c++) {
                ArrayNode row = rows.addArray();
                for (int s = 0; s < t.states(); s++) {
                    row.add(t.probabilities()[c * t.states() + s]);
                }
            }
        }
        return root;
    }

    /** Reads a model written by {@link #parametersJson()}; invalid parameters raise an {@code InvalidDataException}. */
    public static BayesNetModel fromJson(TableMetadata metadata, JsonNode parameters, String sourceName) {
        ParameterReader r = new ParameterReader(sourceName);
        JsonNode columns = r.columnEntries(parameters, metadata);
        List<ColumnMetadata> metas = metadata.columns();
        List<FakeColumn> fakes = new ArrayList<>();
        List<String> learned = new ArrayList<>();
        for (int c = 0; c < metas.size(); c++) {
            ColumnMetadata meta = metas.get(c);
            JsonNode node = columns.get(c);
            String path = "columns[" + c + "]";
            if (meta.isLearned()) {
                fakes.add(null);
                learned.add(meta.name());
                continue;
            }
            fakes.add(FakeColumn.read(r, meta, node, path));
        }
        JsonNode variables = r.array(parameters, "variables", "variables");
        if (variables.size() != learned.size()) {
            throw r.invalid("variables", learned.size() + " variables, one per learned column",
                    variables.size() + " variables");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int v = 0; v < learned.size(); v++) {
            index.put(learned.get(v), v);
        }
        List<ColumnStates> states = new ArrayList<>();
        int[][] parents = new int[learned.size()][];
        for (int v = 0; v < learned.size(); v++) {
            String path = "variables[" + v + "]";
            JsonNode node = variables.get(v);
            if (!node.isObject()) {
                throw r.invalid(path, "an object", node);
            }
            String column = r.text(node, "column", path + ".column");
            if (!column.equals(learned.get(v))) {
                throw r.invalid(path + ".column", learned.get(v), column);
            }
            ColumnMetadata meta = metadata.column(column).orElseThrow();
            states.add(readStates(r, node, meta, path));
            JsonNode ps = r.array(node, "parents", path + ".parents");
            parents[v] = new int[ps.size()];
            Set<Integer> seen = new HashSet<>();
            for (int j = 0; j < ps.size(); j++) {
                String p = ps.get(j).asText();
                Integer pv = ps.get(j).isTextual() ? index.get(p) : null;
                if (pv == null || pv == v || !seen.add(pv)) {
                    throw r.invalid(path + ".parents[" + j + "]", "another learned column, listed once", ps.get(j));
                }
                parents[v][j] = pv;
            }
            if (parents[v].length > 1 && !isAscending(parents[v])) {
                throw r.invalid(path + ".parents", "parents in column order", ps);
            }
        }
        int[] order = Network.topologicalOrder(parents);
        if (order == null) {
            throw r.invalid("variables", "parents without a cycle", "a cycle");
        }
        int[] cards = states.stream().mapToInt(ColumnStates::count).toArray();
        List<ConditionalTable> tables = new ArrayList<>();
        for (int v = 0; v < learned.size(); v++) {
            String path = "variables[" + v + "].probabilities";
            JsonNode rows = r.array(variables.get(v), "probabilities", path);
            long configs = 1;
            int[] parentCards = new int[parents[v].length];
            for (int j = 0; j < parents[v].length; j++) {
                parentCards[j] = cards[parents[v][j]];
                configs *= parentCards[j];
            }
            if (rows.size() != configs) {
                throw r.invalid(path, configs + " rows, one per configuration of the parents", rows.size() + " rows");
            }
            double[] p = new double[(int) configs * cards[v]];
            for (int c = 0; c < configs; c++) {
                double[] row = r.distribution(rows.get(c), path + "[" + c + "]");
                if (row.length != cards[v]) {
                    throw r.invalid(path + "[" + c + "]", cards[v] + " probabilities", row.length + " probabilities");
                }
                System.arraycopy(row, 0, p, c * cards[v], row.length);
            }
            tables.add(new ConditionalTable(parents[v], parentCards, cards[v], p));
        }
        return new BayesNetModel(metadata, new Network(states, tables, order), fakes);
    }

    private static boolean isAscending(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] <= a[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static ColumnStates readStates(ParameterReader r, JsonNode node, ColumnMetadata meta, String path) {
        String kind = r.text(node, "kind", path + ".kind");
        if (meta.isNumeric()) {
            if (!kind.equals("numeric")) {
                throw r.invalid(path + ".kind", "numeric for a " + meta.type().jsonName() + " column", kind);
            }
            JsonNode round = node.get("round");
            JsonNode hasNull = node.get("hasNull");
            if (round == null || !round.isBoolean()) {
                throw r.invalid(path + ".round", "true or false", round);
            }
            if (hasNull == null || !hasNull.isBoolean()) {
                throw r.invalid(path + ".hasNull", "true or false", hasNull);
            }
            boolean shouldRound = meta.type() == ColumnType.DATETIME || Boolean.TRUE.equals(meta.integer());
            if (round.asBoolean() != shouldRound) {
                throw r.invalid(path + ".round", shouldRound + " for this column's metadata", round);
            }
            double low = r.number(node, "low", path + ".low");
            double high = r.number(node, "high", path + ".high");
            JsonNode bins = r.array(node, "bins", path + ".bins");
            List<BinSketch> sketches = new ArrayList<>();
            for (int b = 0; b < bins.size(); b++) {
                String bpath = path + ".bins[" + b + "]";
                if (!bins.get(b).isArray()) {
                    throw r.invalid(bpath, "an array of knots", bins.get(b));
                }
                double[] knots = r.numbers(bins.get(b), bpath, 1);
                for (int i = 1; i < knots.length; i++) {
                    if (knots[i] < knots[i - 1]) {
                        throw r.invalid(bpath + "[" + i + "]", "a value not below the previous " + knots[i - 1], knots[i]);
                    }
                }
                if (b > 0 && !(knots[0] > sketches.get(b - 1).high())) {
                    throw r.invalid(bpath + "[0]", "a value above the previous bin's " + sketches.get(b - 1).high(),
                            knots[0]);
                }
                if (knots[0] < low || knots[knots.length - 1] > high) {
                    throw r.invalid(bpath, "knots within [low, high]", Arrays.toString(knots));
                }
                sketches.add(new BinSketch(knots));
            }
            if (sketches.isEmpty() && !hasNull.asBoolean()) {
                throw r.invalid(path + ".bins", "at least one bin, or hasNull true", bins);
            }
            return new ColumnStates.Numeric(sketches, hasNull.asBoolean(), shouldRound, low, high);
        }
        if (!kind.equals("categorical")) {
            throw r.invalid(path + ".kind", "categorical for a " + meta.type().jsonName() + " column", kind);
        }
        List<String> list = r.distinctValues(node, "values", path + ".values", "value");
        return new ColumnStates.Categorical(list);
    }
}
