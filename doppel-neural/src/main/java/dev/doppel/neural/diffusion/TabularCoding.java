package dev.doppel.neural.diffusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.ParameterReader;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.synth.fake.FakeColumn;
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
 * How a table appears to the diffusion model: each learned numeric column is one quantile-normal score (a Gaussian
 * coordinate); each categorical or boolean column, and the "is null" flag of each numeric column that has nulls, is one
 * categorical coordinate with a null category when the column had nulls. ID, PII and text columns are never learned
 * and are generated fresh. Immutable.
 */
final class TabularCoding {
    /** How one column of the table is coded. */
    sealed interface ColumnCoding permits Numeric, Discrete, Categorical, Fake { }

    /**
     * A numeric or datetime column: its Gaussian coordinate ({@code -1} when every value was null) and its null-flag
     * categorical coordinate ({@code -1} when no value was null).
     */
    record Numeric(QuantileNormal transform, int gaussian, int nullFlag, boolean round) implements ColumnCoding { }

    /**
     * A numeric or datetime column with few distinct values (Adult's education-num: 16), coded as one categorical
     * coordinate over its values in ascending order, then null when the column had nulls. A quantile-normal score
     * would make the network place each value by the width of its share, and a pair like education ↔ education-num,
     * where one column decides the other, is what masked categorical diffusion reproduces best.
     */
    record Discrete(double[] values, boolean hasNulls, int coordinate) implements ColumnCoding {
        Discrete {
            values = values.clone();
        }

        int size() {
            return values.length + (hasNulls ? 1 : 0);
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /** A categorical or boolean column: its values (null for missing) in code order, and its coordinate. */
    record Categorical(List<String> values, int coordinate) implements ColumnCoding {
        Categorical {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** A column generated fresh. */
    record Fake(FakeColumn fake) implements ColumnCoding { }

    /** Rows in model space: {@code gaussian[row * gaussianCount + g]}, {@code categories[row * categoricalCount + k]}. */
    record Encoded(int rows, float[] gaussian, int[] categories) { }

    private final TableMetadata metadata;
    private final List<ColumnCoding> columns;
    private final int gaussianCount;
    private final int[] categorySizes;

    TabularCoding(TableMetadata metadata, List<ColumnCoding> columns) {
        if (columns.size() != metadata.columns().size()) {
            throw new IllegalArgumentException("one coding per column needed");
        }
        this.metadata = metadata;
        this.columns = List.copyOf(columns);
        int g = 0;
        List<Integer> sizes = new ArrayList<>();
        for (ColumnCoding c : columns) {
            if (c instanceof Numeric n) {
                if (n.gaussian() >= 0) {
                    g++;
                }
                if (n.nullFlag() >= 0) {
                    sizes.add(2);
                }
            } else if (c instanceof Discrete d) {
                sizes.add(d.size());
            } else if (c instanceof Categorical k) {
                sizes.add(k.values().size());
            }
        }
        this.gaussianCount = g;
        this.categorySizes = sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The coding learned from {@code table}; numeric columns with at most {@code discreteLimit} distinct values (0:
     * none) are coded as {@link Discrete}.
     */
    static TabularCoding fit(Table table, TableMetadata metadata, int discreteLimit) {
        List<ColumnCoding> codings = new ArrayList<>();
        int g = 0;
        int k = 0;
        for (int c = 0; c < table.columnCount(); c++) {
            ColumnMetadata meta = metadata.columns().get(c);
            Column column = table.column(c);
            if (!meta.isLearned()) {
                codings.add(new Fake(FakeColumn.fit(meta, column)));
            } else if (meta.isNumeric()) {
                NumericColumn n = (NumericColumn) column;
                double[] sorted = n.sortedNonNull();
                boolean round = meta.type() == ColumnType.DATETIME || Boolean.TRUE.equals(meta.integer());
                double[] distinct = Arrays.stream(sorted).distinct().toArray();
                if (distinct.length >= 1 && distinct.length <= discreteLimit) {
                    codings.add(new Discrete(distinct, sorted.length < n.size(), k++));
                    continue;
                }
                QuantileNormal transform = sorted.length == 0 ? null : QuantileNormal.of(sorted);
                int gaussian = transform == null ? -1 : g++;
                int nullFlag = sorted.length > 0 && sorted.length < n.size() ? k++ : -1;
                codings.add(new Numeric(transform, gaussian, nullFlag, round));
            } else {
                CategoricalColumn cat = (CategoricalColumn) column;
                List<String> values = new ArrayList<>(cat.dictionary());
                if (cat.nullCount() > 0 || values.isEmpty()) {
                    values.add(null);
                }
                codings.add(new Categorical(values, k++));
            }
        }
        return new TabularCoding(metadata, codings);
    }

    TableMetadata metadata() {
        return metadata;
    }

    List<ColumnCoding> columns() {
        return columns;
    }

    int gaussianCount() {
        return gaussianCount;
    }

    int categoricalCount() {
        return categorySizes.length;
    }

    /** Number of categories of each categorical coordinate. */
    int[] categorySizes() {
        return categorySizes.clone();
    }

    /** {@code table} in model space; ties are spread by a random stream of {@code seed}. */
    Encoded encode(Table table, long seed) {
        int rows = table.rowCount();
        int dg = gaussianCount;
        int dk = categorySizes.length;
        float[] gaussian = new float[rows * dg];
        int[] categories = new int[rows * dk];
        SplittableRandom jitter = new SplittableRandom(seed);
        for (int c = 0; c < columns.size(); c++) {
            ColumnCoding coding = columns.get(c);
            if (coding instanceof Numeric n) {
                NumericColumn column = (NumericColumn) table.column(c);
                double[] sorted = column.sortedNonNull();
                for (int r = 0; r < rows; r++) {
                    boolean isNull = column.isNull(r);
                    if (n.gaussian() >= 0) {
                        // A null's score is 0, the mean: the flag, not the score, carries it.
                        gaussian[r * dg + n.gaussian()] = isNull ? 0f
                                : (float) QuantileNormal.score(sorted, column.get(r), jitter.nextDouble());
                    }
                    if (n.nullFlag() >= 0) {
                        categories[r * dk + n.nullFlag()] = isNull ? 1 : 0;
                    }
                }
            } else if (coding instanceof Discrete d) {
                NumericColumn column = (NumericColumn) table.column(c);
                double[] values = d.values();
                for (int r = 0; r < rows; r++) {
                    int code = column.isNull(r) ? -1 : Arrays.binarySearch(values, column.get(r));
                    if (column.isNull(r) && d.hasNulls()) {
                        code = values.length;
                    }
                    if (code < 0) {
                        throw new IllegalArgumentException("column " + column.name() + " has value " + column.get(r)
                                + " unknown to the coding");
                    }
                    categories[r * dk + d.coordinate()] = code;
                }
            } else if (coding instanceof Categorical k) {
                CategoricalColumn column = (CategoricalColumn) table.column(c);
                Map<String, Integer> index = new HashMap<>();
                for (int v = 0; v < k.values().size(); v++) {
                    index.put(k.values().get(v), v);
                }
                for (int r = 0; r < rows; r++) {
                    Integer code = index.get(column.get(r));
                    if (code == null) {
                        throw new IllegalArgumentException("column " + column.name() + " has value '" + column.get(r)
                                + "' unknown to the coding");
                    }
                    categories[r * dk + k.coordinate()] = code;
                }
            }
        }
        return new Encoded(rows, gaussian, categories);
    }

    /**
     * Model-space rows back as a typed table; fake columns are generated from {@code seed} (already specific to the
     * block), rows numbered from {@code firstRow}.
     */
    Table decode(Encoded encoded, long seed, long firstRow) {
        int rows = encoded.rows();
        int dg = gaussianCount;
        int dk = categorySizes.length;
        List<Column> out = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            ColumnMetadata meta = metadata.columns().get(c);
            ColumnCoding coding = columns.get(c);
            if (coding instanceof Numeric n) {
                double[] values = new double[rows];
                double low = meta.min() == null ? Double.NEGATIVE_INFINITY : meta.min();
                double high = meta.max() == null ? Double.POSITIVE_INFINITY : meta.max();
                for (int r = 0; r < rows; r++) {
                    if (n.gaussian() < 0 || (n.nullFlag() >= 0 && encoded.categories()[r * dk + n.nullFlag()] == 1)) {
                        values[r] = Double.NaN;
                        continue;
                    }
                    double x = n.transform().value(encoded.gaussian()[r * dg + n.gaussian()]);
                    if (n.round()) {
                        x = Math.rint(x);
                    }
                    values[r] = Math.min(high, Math.max(low, x));
                }
                out.add(new NumericColumn(meta.name(), values));
            } else if (coding instanceof Discrete d) {
                double[] known = d.values();
                double[] values = new double[rows];
                for (int r = 0; r < rows; r++) {
                    int code = encoded.categories()[r * dk + d.coordinate()];
                    values[r] = code < known.length ? known[code] : Double.NaN;
                }
                out.add(new NumericColumn(meta.name(), values));
            } else if (coding instanceof Categorical k) {
                out.add(categorical(meta.name(), k, encoded.categories(), dk, rows));
            } else {
                out.add(((Fake) coding).fake().sample(meta.name(), StreamSeeds.mix(seed, c), firstRow, rows));
            }
        }
        return new Table(out);
    }

    private static CategoricalColumn categorical(String name, Categorical k, int[] categories, int dk, int rows) {
        List<String> dictionary = new ArrayList<>();
        int[] codeOf = new int[k.values().size()];
        for (int v = 0; v < codeOf.length; v++) {
            if (k.values().get(v) == null) {
                codeOf[v] = CategoricalColumn.NULL;
            } else {
                codeOf[v] = dictionary.size();
                dictionary.add(k.values().get(v));
            }
        }
        int[] codes = new int[rows];
        for (int r = 0; r < rows; r++) {
            codes[r] = codeOf[categories[r * dk + k.coordinate()]];
        }
        return new CategoricalColumn(name, codes, dictionary);
    }

    /** The coding's parameters, one object per column, for the model file. */
    ArrayNode toJson() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int c = 0; c < columns.size(); c++) {
            ColumnMetadata meta = metadata.columns().get(c);
            ObjectNode node = out.addObject();
            node.put("name", meta.name());
            node.put("type", meta.type().jsonName());
            ColumnCoding coding = columns.get(c);
            if (coding instanceof Numeric n) {
                node.put("hasNulls", n.nullFlag() >= 0 || n.gaussian() < 0);
                if (n.transform() != null) {
                    ArrayNode q = node.putArray("quantiles");
                    for (double v : n.transform().quantiles()) {
                        q.add(v);
                    }
                }
            } else if (coding instanceof Discrete d) {
                node.put("hasNulls", d.hasNulls());
                ArrayNode values = node.putArray("discrete");
                for (double v : d.values()) {
                    values.add(v);
                }
            } else if (coding instanceof Categorical k) {
                ArrayNode values = node.putArray("values");
                k.values().forEach(values::add);
            } else {
                ((Fake) coding).fake().writeTo(node);
            }
        }
        return out;
    }

    /**
     * Reads {@link #toJson()}'s output, validating each field against {@code metadata}; {@code discreteAllowed} is
     * false for files written before discrete coding existed.
     */
    static TabularCoding fromJson(ParameterReader r, JsonNode parameters, TableMetadata metadata,
                                  boolean discreteAllowed) {
        JsonNode columns = r.columnEntries(parameters, metadata);
        List<ColumnCoding> codings = new ArrayList<>();
        int g = 0;
        int k = 0;
        for (int c = 0; c < columns.size(); c++) {
            ColumnMetadata meta = metadata.columns().get(c);
            JsonNode node = columns.get(c);
            String path = "columns[" + c + "]";
            if (!meta.isLearned()) {
                codings.add(new Fake(FakeColumn.read(r, meta, node, path)));
            } else if (meta.isNumeric()) {
                boolean hasNulls = r.bool(node, "hasNulls", path + ".hasNulls");
                boolean round = meta.type() == ColumnType.DATETIME || Boolean.TRUE.equals(meta.integer());
                if (node.has("discrete")) {
                    if (!discreteAllowed) {
                        throw r.invalid(path + ".discrete", "no discrete values in a version-1 model", "some");
                    }
                    double[] values = r.numbers(node, "discrete", path + ".discrete", 1);
                    for (int i = 1; i < values.length; i++) {
                        if (!(values[i] > values[i - 1])) {
                            throw r.invalid(path + ".discrete[" + i + "]", "values in strictly ascending order",
                                    values[i]);
                        }
                    }
                    codings.add(new Discrete(values, hasNulls, k++));
                    continue;
                }
                QuantileNormal transform = null;
                if (node.has("quantiles")) {
                    double[] q = r.nonDecreasing(node, "quantiles", path + ".quantiles", 2);
                    transform = new QuantileNormal(q);
                } else if (!hasNulls) {
                    throw r.invalid(path + ".quantiles", "quantiles for a column with values", "none");
                }
                int gaussian = transform == null ? -1 : g++;
                int nullFlag = transform != null && hasNulls ? k++ : -1;
                codings.add(new Numeric(transform, gaussian, nullFlag, round));
            } else {
                List<String> values = r.distinctValues(node, "values", path + ".values", "value");
                codings.add(new Categorical(values, k++));
            }
        }
        return new TabularCoding(metadata, codings);
    }

    @Override
    public String toString() {
        return "TabularCoding" + Arrays.toString(categorySizes) + "+" + gaussianCount;
    }
}
