package dev.doppel.neural;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.neural.transform.ColumnEncoding;
import dev.doppel.neural.transform.ModeSpecificTransform;
import dev.doppel.synth.FittedModel;
import dev.doppel.synth.ParameterReader;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.synth.condition.ImpossibleConditionException;
import dev.doppel.synth.fake.FakeColumn;
import dev.doppel.table.Column;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fitted neural model: a {@link FeatureGenerator} makes feature rows, the {@link ModeSpecificTransform} turns them
 * into values, and columns that are never learned (ID, PII, TEXT) are generated fresh. Immutable and thread safe.
 *
 * <p>Block {@code b} for {@code seed}: the network draws from {@code SplittableRandom(mix(mix(seed, b), columns))},
 * fake column {@code c} from {@code mix(mix(seed, b), c)}; a block depends only on (model, seed, b).
 *
 * <p>Parameters: {@code columns} (one entry per column: its encoding, or a fake column's fields), {@code network}
 * (the generator's shape), {@code training} (epochs and losses), and per categorical column {@code classShares}
 * (training shares of its classes). The weights are the binary part {@value StoredWeights#PART}, a
 * {@link WeightsBlock} with its own version and checksum.
 */
public final class NeuralTableModel implements FittedModel {
    /** Most candidate rows drawn per wanted row when a condition is met by checking rows. */
    static final int MAX_DRAWS_PER_ROW = 200;

    private final String synthesizer;
    private final TableMetadata metadata;
    private final ModeSpecificTransform transform;
    private final Map<Integer, FakeColumn> fakes;
    private final FeatureGenerator generator;
    private final double[][] classShares;
    private final JsonNode training;

    /**
     * @param classShares per learned column (transform encoding order), the training share of each class for
     *                    categorical columns, null for numeric ones
     * @param training    what the fit did (epochs, losses), kept for provenance
     */
    public NeuralTableModel(String synthesizer, TableMetadata metadata, ModeSpecificTransform transform,
                            Map<Integer, FakeColumn> fakes, FeatureGenerator generator, double[][] classShares,
                            JsonNode training) {
        this.synthesizer = synthesizer;
        this.metadata = metadata;
        this.transform = transform;
        this.fakes = Map.copyOf(fakes);
        this.generator = generator;
        this.classShares = classShares.clone();
        this.training = training.deepCopy();
    }

    @Override
    public String synthesizer() {
        return synthesizer;
    }

    @Override
    public TableMetadata metadata() {
        return metadata;
    }

    public ModeSpecificTransform transform() {
        return transform;
    }

    public FeatureGenerator generator() {
        return generator;
    }

    /** What the fit did: epochs run, best epoch, losses per epoch. */
    public JsonNode training() {
        return training.deepCopy();
    }

    @Override
    public Table sampleBlock(long seed, long block, int rows) {
        SyntheticModel.checkBlock(block, rows);
        long blockSeed = StreamSeeds.mix(seed, block);
        int columns = metadata.columns().size();
        float[] features = generator.generate(new SplittableRandom(StreamSeeds.mix(blockSeed, columns)), rows, null);
        return assemble(transform.decode(features, rows), blockSeed, block, rows);
    }

    private Table assemble(Map<Integer, Column> learned, long blockSeed, long block, int rows) {
        List<Column> out = new ArrayList<>();
        for (int c = 0; c < metadata.columns().size(); c++) {
            FakeColumn fake = fakes.get(c);
            out.add(fake != null
                    ? fake.sample(metadata.columns().get(c).name(), StreamSeeds.mix(blockSeed, c), block * BLOCK_ROWS,
                            rows)
                    : learned.get(c));
        }
        return new Table(out);
    }

    /**
     * Rows satisfying {@code condition}, which may only name learned categorical or boolean columns (values as
     * written; null for missing). The first conditioned column steers the generator where it can (CTGAN's conditional
     * vector); every row is then checked, and rows that miss are drawn again, at most {@value #MAX_DRAWS_PER_ROW}
     * candidates per wanted row, beyond which sampling fails with a message saying how rare the condition is.
     */
    @Override
    public SyntheticModel given(Condition condition) {
        FeatureGenerator.ClassHint hint = hint(condition);
        if (probabilityEstimate(condition, hint) == 0) {
            throw new ImpossibleConditionException("the " + synthesizer + " model made no row satisfying " + condition
                    + " in " + ESTIMATE_ROWS + " tries; it cannot sample it");
        }
        return new Conditioned(this, condition, hint);
    }

    private static final int ESTIMATE_ROWS = 4 * BLOCK_ROWS;

    /** An estimate: the share of {@value #ESTIMATE_ROWS} rows of a fixed stream that satisfy {@code condition}. */
    @Override
    public double probability(Condition condition) {
        return probabilityEstimate(condition, null);
    }

    private double probabilityEstimate(Condition condition, FeatureGenerator.ClassHint hint) {
        hint(condition);
        long hits = 0;
        for (int b = 0; b < ESTIMATE_ROWS / BLOCK_ROWS; b++) {
            Table t = hint == null ? sampleBlock(0x5EED, b, BLOCK_ROWS) : draw(hint, 0x5EED, b, BLOCK_ROWS);
            for (int r = 0; r < t.rowCount(); r++) {
                if (condition.holds(t, r)) {
                    hits++;
                }
            }
        }
        return (double) hits / ESTIMATE_ROWS;
    }

    private Table draw(FeatureGenerator.ClassHint hint, long seed, long stream, int rows) {
        long blockSeed = StreamSeeds.mix(seed, stream);
        float[] features = generator.generate(new SplittableRandom(StreamSeeds.mix(blockSeed,
                metadata.columns().size())), rows, hint);
        return assemble(transform.decode(features, rows), blockSeed, stream, rows);
    }

    @Override
    public List<String> categories(String column) {
        int c = metadata.columnNames().indexOf(column);
        int e = c < 0 ? -1 : transform.encodingOf(c);
        if (e < 0 || !(transform.encodings().get(e) instanceof ColumnEncoding.Categorical k)) {
            throw new DoppelException("column " + column + " is not a learned categorical or boolean column of this "
                    + "model");
        }
        return k.classes();
    }

    private FeatureGenerator.ClassHint hint(Condition condition) {
        FeatureGenerator.ClassHint hint = null;
        for (ColumnCondition part : condition.parts()) {
            if (!(part instanceof ColumnCondition.OneOf oneOf)) {
                throw new DoppelException("the " + synthesizer + " synthesizer conditions only on categorical or "
                        + "boolean columns, not on the range of " + part.column() + "; use --synthesizer bayes-net");
            }
            List<String> classes = categories(oneOf.column());
            List<Integer> allowed = new ArrayList<>();
            for (String v : oneOf.values()) {
                if (!classes.contains(v)) {
                    throw new ImpossibleConditionException("column " + oneOf.column() + " never holds "
                            + (v == null ? "a missing value" : "'" + v + "'") + " in this model; it holds " + classes);
                }
                allowed.add(classes.indexOf(v));
            }
            if (hint == null) {
                int e = transform.encodingOf(metadata.columnNames().indexOf(oneOf.column()));
                int[] ids = allowed.stream().mapToInt(Integer::intValue).toArray();
                double[] shares = new double[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    shares[i] = classShares[e][ids[i]];
                }
                hint = new FeatureGenerator.ClassHint(e, ids, shares);
            }
        }
        return hint;
    }

    /** The model under a condition, by steering and checking; the same block contract. */
    private record Conditioned(NeuralTableModel base, Condition condition, FeatureGenerator.ClassHint hint)
            implements SyntheticModel {
        @Override
        public String synthesizer() {
            return base.synthesizer;
        }

        @Override
        public TableMetadata metadata() {
            return base.metadata;
        }

        @Override
        public Table sampleBlock(long seed, long block, int rows) {
            SyntheticModel.checkBlock(block, rows);
            List<Table> parts = new ArrayList<>();
            int kept = 0;
            long drawn = 0;
            long blockSeed = StreamSeeds.mix(seed, block);
            for (int attempt = 0; kept < rows; attempt++) {
                if (drawn >= (long) MAX_DRAWS_PER_ROW * Math.max(rows, 1)) {
                    throw new DoppelException("the " + base.synthesizer + " model made only " + kept + " rows "
                            + "satisfying " + condition + " in " + drawn + " tries: too rare for this model; fit "
                            + "--synthesizer bayes-net for exact conditional sampling");
                }
                Table t = base.draw(hint, blockSeed, attempt, BLOCK_ROWS);
                drawn += t.rowCount();
                int[] pick = new int[t.rowCount()];
                int n = 0;
                for (int r = 0; r < t.rowCount() && kept + n < rows; r++) {
                    if (condition.holds(t, r)) {
                        pick[n++] = r;
                    }
                }
                if (n > 0) {
                    parts.add(t.rows(java.util.Arrays.copyOf(pick, n)));
                    kept += n;
                }
            }
            return concatenate(parts, rows);
        }

        private Table concatenate(List<Table> parts, int rows) {
            if (parts.size() == 1) {
                return parts.get(0);
            }
            List<Column> columns = new ArrayList<>();
            // Stack by rebuilding each column from its parts; dictionaries of learned columns are shared.
            for (int c = 0; c < base.metadata.columns().size(); c++) {
                columns.add(stack(parts, c, rows));
            }
            return new Table(columns);
        }

        private static Column stack(List<Table> parts, int c, int rows) {
            Column first = parts.get(0).column(c);
            if (first instanceof dev.doppel.table.NumericColumn) {
                double[] v = new double[rows];
                int at = 0;
                for (Table t : parts) {
                    dev.doppel.table.NumericColumn n = (dev.doppel.table.NumericColumn) t.column(c);
                    for (int i = 0; i < n.size(); i++) {
                        v[at++] = n.get(i);
                    }
                }
                return new dev.doppel.table.NumericColumn(first.name(), v);
            }
            List<String> dictionary = new ArrayList<>();
            Map<String, Integer> codes = new HashMap<>();
            int[] out = new int[rows];
            int at = 0;
            for (Table t : parts) {
                dev.doppel.table.CategoricalColumn k = (dev.doppel.table.CategoricalColumn) t.column(c);
                for (int i = 0; i < k.size(); i++) {
                    String v = k.get(i);
                    out[at++] = v == null ? dev.doppel.table.CategoricalColumn.NULL
                            : codes.computeIfAbsent(v, key -> {
                                dictionary.add(key);
                                return dictionary.size() - 1;
                            });
                }
            }
            boolean shared = parts.stream().allMatch(t -> ((dev.doppel.table.CategoricalColumn) t.column(c))
                    .dictionary() == ((dev.doppel.table.CategoricalColumn) first).dictionary());
            if (shared) {
                List<String> d = ((dev.doppel.table.CategoricalColumn) first).dictionary();
                int[] codes2 = new int[rows];
                int j = 0;
                for (Table t : parts) {
                    dev.doppel.table.CategoricalColumn k = (dev.doppel.table.CategoricalColumn) t.column(c);
                    for (int i = 0; i < k.size(); i++) {
                        codes2[j++] = k.code(i);
                    }
                }
                return new dev.doppel.table.CategoricalColumn(first.name(), codes2, d);
            }
            return new dev.doppel.table.CategoricalColumn(first.name(), out, dictionary);
        }
    }

    /** The model's parameters (see the class comment). */
    @Override
    public JsonNode parametersJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode columns = root.putArray("columns");
        for (int c = 0; c < metadata.columns().size(); c++) {
            ColumnMetadata meta = metadata.columns().get(c);
            ObjectNode entry = columns.addObject();
            entry.put("name", meta.name());
            entry.put("type", meta.type().jsonName());
            if (fakes.containsKey(c)) {
                fakes.get(c).writeTo(entry);
            } else {
                transform.writeColumn(c, entry);
                double[] shares = classShares[transform.encodingOf(c)];
                if (shares != null) {
                    ArrayNode s = entry.putArray("classShares");
                    for (double v : shares) {
                        s.add(v);
                    }
                }
            }
        }
        root.set("network", generator.networkJson());
        root.set("training", training.deepCopy());
        return root;
    }

    /** The weights (see {@link StoredWeights}). */
    @Override
    public Map<String, byte[]> binaryParts() {
        return StoredWeights.binaryParts(generator.weights());
    }

    /** Makes a model's generator from its stored network description and weights. */
    @FunctionalInterface
    public interface GeneratorReader {
        /**
         * @throws IllegalArgumentException when the weights do not fit the network (turned into an
         *                                  {@link InvalidDataException} naming the file)
         */
        FeatureGenerator read(ParameterReader reader, JsonNode network, ModeSpecificTransform transform,
                              WeightsBlock weights, double[][] classShares);
    }

    /** Reads what {@link #parametersJson} wrote, checking every field. */
    public static NeuralTableModel read(String synthesizer, TableMetadata metadata, JsonNode parameters,
                                        Map<String, byte[]> binaryParts, String sourceName,
                                        GeneratorReader generatorReader) {
        ParameterReader r = new ParameterReader(sourceName);
        for (String part : binaryParts.keySet()) {
            if (!part.equals(StoredWeights.PART)) {
                throw new InvalidDataException(sourceName, 0, "binary parts", "only '" + StoredWeights.PART + "'",
                        "'" + part + "'");
            }
        }
        JsonNode columns = r.columnEntries(parameters, metadata);
        List<Integer> learned = new ArrayList<>();
        List<ColumnEncoding> encodings = new ArrayList<>();
        List<double[]> shares = new ArrayList<>();
        Map<Integer, FakeColumn> fakes = new HashMap<>();
        for (int c = 0; c < metadata.columns().size(); c++) {
            ColumnMetadata meta = metadata.columns().get(c);
            String path = "columns[" + c + "]";
            JsonNode node = columns.get(c);
            if (!meta.isLearned()) {
                fakes.put(c, FakeColumn.read(r, meta, node, path));
                continue;
            }
            learned.add(c);
            ColumnEncoding encoding = ModeSpecificTransform.readColumn(r, meta, node, path);
            encodings.add(encoding);
            if (encoding instanceof ColumnEncoding.Categorical k) {
                double[] s = r.distribution(node, "classShares", path + ".classShares");
                if (s.length != k.classes().size()) {
                    throw r.invalid(path + ".classShares", k.classes().size() + " shares, one per class",
                            s.length + " shares");
                }
                shares.add(s);
            } else {
                shares.add(null);
            }
        }
        ModeSpecificTransform transform = new ModeSpecificTransform(metadata,
                learned.stream().mapToInt(Integer::intValue).toArray(), encodings);
        WeightsBlock weights = StoredWeights.fromBinaryParts(binaryParts, sourceName);
        JsonNode network = r.object(parameters, "network", "network");
        double[][] classShares = shares.toArray(new double[0][]);
        FeatureGenerator generator;
        try {
            generator = generatorReader.read(r, network, transform, weights, classShares);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(sourceName, 0, "weights", "weights that fit the network", e.getMessage());
        }
        JsonNode training = r.object(parameters, "training", "training");
        return new NeuralTableModel(synthesizer, metadata, transform, fakes, generator, classShares, training);
    }
}
