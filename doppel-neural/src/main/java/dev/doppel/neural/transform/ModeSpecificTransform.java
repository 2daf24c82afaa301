package dev.doppel.neural.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.ParameterReader;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The learned columns of a table as the features a network reads and writes (Xu et al. 2019, "mode-specific
 * normalization"): a numerical or datetime column becomes a value in [-1, 1] relative to one mode of a variational
 * Gaussian mixture plus a one-hot of that mode (and a present/missing one-hot when it has nulls); a categorical or
 * boolean column becomes a one-hot of its classes, missing being a class. Columns that are not learned (ID, PII,
 * TEXT) take no features. Immutable.
 *
 * <p>{@link #encode} picks each value's mode at random from the mixture's posterior, from a stream of the seed and
 * the column, so it is deterministic for a seed; {@link #decode} takes the arg-max of every one-hot and inverts the
 * normalization, so {@code decode(encode(t))} gives back {@code t}'s values up to the ±0.99 clipping of values more
 * than 3.96 deviations from their mode, and rounding.
 */
public final class ModeSpecificTransform {
    /** CTGAN's settings: at most 10 modes, weight concentration 0.001, modes under 0.5 % of the weight dropped. */
    public static final int MAX_MODES = 10;
    private static final double CONCENTRATION = 0.001;
    private static final double PRUNE_BELOW = 0.005;
    private static final double CLIP = 0.99;

    private final TableMetadata metadata;
    private final int[] columns;
    private final List<ColumnEncoding> encodings;
    private final List<Span> spans;
    private final int[] firstFeature;
    private final int width;
    private final Map<Integer, Integer> encodingOfColumn = new HashMap<>();
    private final List<List<String>> dictionaries = new ArrayList<>();
    private final List<int[]> outputCodes = new ArrayList<>();

    /**
     * @param columns   the learned columns' indices in the table, ascending
     * @param encodings one per learned column, in the same order
     */
    public ModeSpecificTransform(TableMetadata metadata, int[] columns, List<ColumnEncoding> encodings) {
        if (columns.length != encodings.size()) {
            throw new IllegalArgumentException("one encoding per learned column");
        }
        this.metadata = metadata;
        this.columns = columns.clone();
        this.encodings = List.copyOf(encodings);
        List<Span> out = new ArrayList<>();
        this.firstFeature = new int[columns.length];
        int at = 0;
        for (int e = 0; e < columns.length; e++) {
            encodingOfColumn.put(columns[e], e);
            firstFeature[e] = at;
            List<String> dictionary = List.of();
            int[] codes = null;
            if (encodings.get(e) instanceof ColumnEncoding.Numeric n) {
                out.add(new Span(at, 1, Span.Kind.VALUE, columns[e]));
                out.add(new Span(at + 1, n.mixture().components(), Span.Kind.ONE_HOT, columns[e]));
                if (n.nullable()) {
                    out.add(new Span(at + 1 + n.mixture().components(), 2, Span.Kind.ONE_HOT, columns[e]));
                }
            } else {
                ColumnEncoding.Categorical k = (ColumnEncoding.Categorical) encodings.get(e);
                out.add(new Span(at, k.width(), Span.Kind.ONE_HOT, columns[e]));
                List<String> values = new ArrayList<>();
                codes = new int[k.classes().size()];
                for (int i = 0; i < codes.length; i++) {
                    String v = k.classes().get(i);
                    codes[i] = v == null ? CategoricalColumn.NULL : values.size();
                    if (v != null) {
                        values.add(v);
                    }
                }
                // One list instance for every block, so sampled blocks share their dictionary when concatenated.
                dictionary = List.copyOf(values);
            }
            dictionaries.add(dictionary);
            outputCodes.add(codes);
            at += encodings.get(e).width();
        }
        this.spans = List.copyOf(out);
        this.width = at;
    }

    /** Fits the encoding of every learned column of {@code table}; deterministic, needs no seed. */
    public static ModeSpecificTransform fit(Table table, TableMetadata metadata) {
        List<Integer> learned = new ArrayList<>();
        List<ColumnEncoding> encodings = new ArrayList<>();
        for (int c = 0; c < metadata.columns().size(); c++) {
            ColumnMetadata meta = metadata.columns().get(c);
            if (!meta.isLearned()) {
                continue;
            }
            learned.add(c);
            Column column = table.column(c);
            if (meta.isNumeric()) {
                double[] values = ((NumericColumn) column).sortedNonNull();
                boolean round = meta.type() == ColumnType.DATETIME || Boolean.TRUE.equals(meta.integer());
                if (values.length == 0) {
                    // An all-null column: one dummy mode, always missing.
                    encodings.add(new ColumnEncoding.Numeric(new GaussianMixture(new double[] {1}, new double[] {0},
                            new double[] {1}), 0, 0, round, true));
                    continue;
                }
                double low = values[0];
                double high = values[values.length - 1];
                if (meta.min() != null && meta.max() != null && meta.min() <= low && meta.max() >= high) {
                    low = meta.min();
                    high = meta.max();
                }
                GaussianMixture mixture = GaussianMixture.fit(values, MAX_MODES, CONCENTRATION, PRUNE_BELOW);
                encodings.add(new ColumnEncoding.Numeric(mixture, low, high, round, column.nullCount() > 0));
            } else {
                CategoricalColumn k = (CategoricalColumn) column;
                int[] counts = k.counts();
                List<String> classes = new ArrayList<>();
                for (int code = 0; code < counts.length; code++) {
                    if (counts[code] > 0) {
                        classes.add(k.dictionary().get(code));
                    }
                }
                if (k.nullCount() > 0 || classes.isEmpty()) {
                    classes.add(null);
                }
                encodings.add(new ColumnEncoding.Categorical(classes));
            }
        }
        return new ModeSpecificTransform(metadata, learned.stream().mapToInt(Integer::intValue).toArray(), encodings);
    }

    /** Features per row. */
    public int width() {
        return width;
    }

    public List<Span> spans() {
        return spans;
    }

    /** The learned columns' indices in the table. */
    public int[] columns() {
        return columns.clone();
    }

    public List<ColumnEncoding> encodings() {
        return encodings;
    }

    /** The first feature of the {@code e}-th learned column. */
    public int firstFeature(int e) {
        return firstFeature[e];
    }

    /**
     * The rows of {@code table} as features, row-major [rows, width], and each categorical column's class per row.
     *
     * @param seed picks the mixture modes; column {@code c} draws from {@code SplittableRandom(mix(seed, c))}
     */
    public Encoded encode(Table table, long seed) {
        int rows = table.rowCount();
        float[] data = new float[rows * width];
        int[][] classes = new int[columns.length][];
        for (int e = 0; e < columns.length; e++) {
            int c = columns[e];
            int at = firstFeature[e];
            if (encodings.get(e) instanceof ColumnEncoding.Numeric n) {
                SplittableRandom random = new SplittableRandom(StreamSeeds.mix(seed, c));
                NumericColumn column = (NumericColumn) table.column(c);
                GaussianMixture mixture = n.mixture();
                int modes = mixture.components();
                int heaviest = argMax(mixture.weights());
                for (int r = 0; r < rows; r++) {
                    int o = r * width + at;
                    double x = column.get(r);
                    if (Double.isNaN(x)) {
                        data[o + 1 + heaviest] = 1;
                        data[o + 1 + modes + 1] = 1;
                        continue;
                    }
                    int k = draw(mixture.posterior(x), random);
                    data[o] = (float) Math.max(-CLIP, Math.min(CLIP, (x - mixture.mean(k)) / (4 * mixture.std(k))));
                    data[o + 1 + k] = 1;
                    if (n.nullable()) {
                        data[o + 1 + modes] = 1;
                    }
                }
            } else {
                ColumnEncoding.Categorical k = (ColumnEncoding.Categorical) encodings.get(e);
                CategoricalColumn column = (CategoricalColumn) table.column(c);
                int[] classOfCode = new int[column.dictionary().size()];
                Arrays.fill(classOfCode, -1);
                for (int i = 0; i < k.classes().size(); i++) {
                    String v = k.classes().get(i);
                    if (v != null) {
                        classOfCode[column.dictionary().indexOf(v)] = i;
                    }
                }
                int nullClass = k.classes().indexOf(null);
                int[] cls = new int[rows];
                for (int r = 0; r < rows; r++) {
                    int code = column.code(r);
                    cls[r] = code == CategoricalColumn.NULL ? nullClass : classOfCode[code];
                    if (cls[r] < 0) {
                        throw new IllegalArgumentException("column " + column.name() + " has a value the transform "
                                + "was not fitted on: " + column.get(r));
                    }
                    data[r * width + at + cls[r]] = 1;
                }
                classes[e] = cls;
            }
        }
        return new Encoded(rows, data, classes);
    }

    /**
     * Encoded rows.
     *
     * @param data    row-major [rows, width]
     * @param classes per learned column, the class index of each row for categorical columns, null for numeric ones
     */
    public record Encoded(int rows, float[] data, int[][] classes) { }

    /**
     * The table column of every learned column from features (row-major [rows, width]) such as a network writes: the
     * arg-max of each one-hot decides, values are clipped to [-1, 1] and mapped back through their mode, rounded when
     * whole and clipped to the column's range. Returns learned columns by table index.
     */
    public Map<Integer, Column> decode(float[] features, int rows) {
        Map<Integer, Column> out = new HashMap<>();
        for (int e = 0; e < columns.length; e++) {
            int c = columns[e];
            int at = firstFeature[e];
            String name = metadata.columns().get(c).name();
            if (encodings.get(e) instanceof ColumnEncoding.Numeric n) {
                GaussianMixture mixture = n.mixture();
                int modes = mixture.components();
                double[] values = new double[rows];
                for (int r = 0; r < rows; r++) {
                    int o = r * width + at;
                    if (n.nullable() && features[o + 1 + modes + 1] > features[o + 1 + modes]) {
                        values[r] = Double.NaN;
                        continue;
                    }
                    int k = argMax(features, o + 1, modes);
                    double alpha = Math.max(-1, Math.min(1, features[o]));
                    double x = alpha * 4 * mixture.std(k) + mixture.mean(k);
                    if (n.round()) {
                        x = Math.rint(x);
                    }
                    values[r] = Math.max(n.low(), Math.min(n.high(), x));
                }
                out.put(c, new NumericColumn(name, values));
            } else {
                int[] codes = new int[rows];
                int[] map = outputCodes.get(e);
                for (int r = 0; r < rows; r++) {
                    codes[r] = map[argMax(features, r * width + at, map.length)];
                }
                out.put(c, new CategoricalColumn(name, codes, dictionaries.get(e)));
            }
        }
        return out;
    }

    /** The encoding of table column {@code column}, or -1 when it is not learned. */
    public int encodingOf(int column) {
        return encodingOfColumn.getOrDefault(column, -1);
    }

    /** Writes the encoding of table column {@code column} (a learned one) into its model entry. */
    public void writeColumn(int column, ObjectNode node) {
        ColumnEncoding encoding = encodings.get(encodingOf(column));
        if (encoding instanceof ColumnEncoding.Numeric n) {
            ObjectNode mixture = node.putObject("mixture");
            putArray(mixture.putArray("weights"), n.mixture().weights());
            putArray(mixture.putArray("means"), n.mixture().means());
            putArray(mixture.putArray("stds"), n.mixture().stds());
            node.put("low", n.low());
            node.put("high", n.high());
            node.put("round", n.round());
            node.put("nullable", n.nullable());
        } else {
            ArrayNode classes = node.putArray("classes");
            ((ColumnEncoding.Categorical) encoding).classes().forEach(classes::add);
        }
    }

    /** Reads the encoding {@link #writeColumn} wrote for a learned column, validating every field. */
    public static ColumnEncoding readColumn(ParameterReader r, ColumnMetadata meta, JsonNode node, String path) {
        if (meta.isNumeric()) {
            JsonNode m = r.object(node, "mixture", path + ".mixture");
            double[] weights = r.distribution(m, "weights", path + ".mixture.weights");
            double[] means = r.numbers(m, "means", path + ".mixture.means", weights.length);
            double[] stds = r.numbers(m, "stds", path + ".mixture.stds", weights.length);
            if (means.length != weights.length || stds.length != weights.length) {
                throw r.invalid(path + ".mixture", weights.length + " means and deviations",
                        means.length + " and " + stds.length);
            }
            for (int k = 0; k < stds.length; k++) {
                if (!(stds[k] > 0)) {
                    throw r.invalid(path + ".mixture.stds[" + k + "]", "a positive deviation", stds[k]);
                }
            }
            double low = r.number(node, "low", path + ".low");
            double high = r.number(node, "high", path + ".high");
            if (low > high) {
                throw r.invalid(path + ".high", "at least low (" + low + ")", high);
            }
            return new ColumnEncoding.Numeric(new GaussianMixture(weights, means, stds), low, high,
                    r.bool(node, "round", path + ".round"), r.bool(node, "nullable", path + ".nullable"));
        }
        return new ColumnEncoding.Categorical(r.distinctValues(node, "classes", path + ".classes", "class"));
    }

    private static void putArray(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(v);
        }
    }

    static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static int argMax(float[] v, int from, int count) {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (v[from + i] > v[from + best]) {
                best = i;
            }
        }
        return best;
    }

    private static int draw(double[] p, SplittableRandom random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int k = 0; k < p.length; k++) {
            cumulative += p[k];
            if (u < cumulative) {
                return k;
            }
        }
        return p.length - 1;
    }
}
