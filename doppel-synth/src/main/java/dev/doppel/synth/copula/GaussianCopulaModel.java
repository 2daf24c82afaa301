package dev.doppel.synth.copula;

import dev.doppel.synth.FittedModel;
import dev.doppel.synth.ParameterReader;

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
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fitted Gaussian copula: per learned column a marginal (numeric) or frequency intervals (categorical, null as a
 * category), a null indicator for numeric columns with nulls, and one correlation matrix over all these normal
 * scores; ID, PII and TEXT columns are generated fresh (see {@link FakeColumn}). Immutable and thread safe.
 *
 * <p>Block {@code b} for {@code seed} draws its normals from {@code SplittableRandom(mix(seed, b))}, so it depends
 * only on (model, seed, b).
 */
public final class GaussianCopulaModel implements FittedModel {
    private final TableMetadata metadata;
    private final List<ColumnPlan> plans;
    private final double[][] correlation;
    private final double[][] cholesky;
    private final int[] firstVariable;
    private final FrequencyIntervals[] indicators;

    GaussianCopulaModel(TableMetadata metadata, List<ColumnPlan> plans, double[][] correlation) {
        this.metadata = metadata;
        this.plans = List.copyOf(plans);
        this.correlation = correlation;
        this.cholesky = CorrelationRepair.cholesky(correlation);
        if (cholesky == null) {
            throw new IllegalArgumentException("correlation matrix is not positive definite");
        }
        this.firstVariable = new int[plans.size()];
        this.indicators = new FrequencyIntervals[plans.size()];
        int v = 0;
        for (int c = 0; c < plans.size(); c++) {
            firstVariable[c] = v;
            v += plans.get(c).variables();
            if (plans.get(c) instanceof ColumnPlan.Numeric n && n.hasIndicator()) {
                indicators[c] = n.indicator();
            }
        }
        if (v != correlation.length) {
            throw new IllegalArgumentException("correlation has " + correlation.length + " variables, need " + v);
        }
    }

    /** Reads a model written by {@link #parametersJson()}; invalid parameters raise an {@code InvalidDataException}. */
    public static GaussianCopulaModel fromJson(TableMetadata metadata, JsonNode parameters, String sourceName) {
        ParameterReader r = new ParameterReader(sourceName);
        JsonNode columns = r.columnEntries(parameters, metadata);
        List<ColumnMetadata> metas = metadata.columns();
        List<ColumnPlan> plans = new ArrayList<>();
        int variables = 0;
        for (int c = 0; c < metas.size(); c++) {
            ColumnPlan plan = readColumn(r, metas.get(c), columns.get(c), "columns[" + c + "]");
            plans.add(plan);
            variables += plan.variables();
        }
        JsonNode rows = r.array(parameters, "correlation", "correlation");
        if (rows.size() != variables) {
            throw r.invalid("correlation", variables + " rows", rows.size() + " rows");
        }
        double[][] corr = new double[variables][];
        for (int i = 0; i < variables; i++) {
            String path = "correlation[" + i + "]";
            if (!rows.get(i).isArray()) {
                throw r.invalid(path, "an array", rows.get(i));
            }
            corr[i] = r.numbers(rows.get(i), path, 0);
        }
        for (int i = 0; i < variables; i++) {
            if (corr[i].length != variables) {
                throw r.invalid("correlation[" + i + "]", variables + " numbers", corr[i].length + " numbers");
            }
            if (corr[i][i] != 1.0) {
                throw r.invalid("correlation[" + i + "][" + i + "]", "1", corr[i][i]);
            }
            for (int j = 0; j < i; j++) {
                if (corr[i][j] != corr[j][i] || Math.abs(corr[i][j]) > 1) {
                    throw r.invalid("correlation[" + i + "][" + j + "]", "a symmetric value in [-1, 1]", corr[i][j]);
                }
            }
        }
        if (CorrelationRepair.cholesky(corr) == null) {
            throw r.invalid("correlation", "a positive-definite matrix", "a matrix that is not");
        }
        return new GaussianCopulaModel(metadata, plans, corr);
    }

    private static ColumnPlan readColumn(ParameterReader r, ColumnMetadata meta, JsonNode node, String path) {
        if (!meta.isLearned()) {
            return new ColumnPlan.Fake(FakeColumn.read(r, meta, node, path));
        }
        if (!meta.isNumeric()) {
            String mpath = path + ".marginal";
            JsonNode m = r.object(node, "marginal", mpath);
            String kind = r.text(m, "kind", mpath + ".kind");
            if (!kind.equals("categorical")) {
                throw r.invalid(mpath + ".kind", "categorical", kind);
            }
            double[] p = r.distribution(m, "probabilities", mpath + ".probabilities");
            List<String> list = r.distinctValues(m, "values", mpath + ".values", "value");
            if (list.size() != p.length) {
                throw r.invalid(mpath + ".values", p.length + " values", list.size() + " values");
            }
            return new ColumnPlan.Categorical(list, new FrequencyIntervals(p));
        }
        double p = r.probability(node, "nullProbability", path + ".nullProbability");
        if (p == 1.0) {
            if (node.has("marginal")) {
                throw r.invalid(path + ".marginal", "no marginal for an all-null column", node.get("marginal"));
            }
            return new ColumnPlan.Numeric(null, 0, 0, 1.0);
        }
        double low = r.number(node, "low", path + ".low");
        double high = r.number(node, "high", path + ".high");
        if (low > high) {
            throw r.invalid(path + ".high", "at least low " + low, high);
        }
        return new ColumnPlan.Numeric(readMarginal(r, node, path + ".marginal"), low, high, p);
    }

    private static NumericMarginal readMarginal(ParameterReader r, JsonNode column, String path) {
        JsonNode m = r.object(column, "marginal", path);
        String kind = r.text(m, "kind", path + ".kind");
        return switch (kind) {
            case EmpiricalMarginal.KIND -> new EmpiricalMarginal(r.nonDecreasing(m, "quantiles", path + ".quantiles", 2));
            case UniformMarginal.KIND -> {
                double low = r.number(m, "low", path + ".low");
                double high = r.number(m, "high", path + ".high");
                if (!(high > low)) {
                    throw r.invalid(path + ".high", "above low " + low, high);
                }
                yield new UniformMarginal(low, high);
            }
            case TruncatedNormalMarginal.KIND -> {
                double mean = r.number(m, "mean", path + ".mean");
                double sd = r.positive(m, "sd", path + ".sd");
                double low = r.number(m, "low", path + ".low");
                double high = r.number(m, "high", path + ".high");
                if (!(high > low)) {
                    throw r.invalid(path + ".high", "above low " + low, high);
                }
                yield new TruncatedNormalMarginal(mean, sd, low, high);
            }
            case BetaMarginal.KIND -> {
                double alpha = r.positive(m, "alpha", path + ".alpha");
                double beta = r.positive(m, "beta", path + ".beta");
                double low = r.number(m, "low", path + ".low");
                double high = r.number(m, "high", path + ".high");
                if (!(high > low)) {
                    throw r.invalid(path + ".high", "above low " + low, high);
                }
                yield new BetaMarginal(alpha, beta, low, high);
            }
            case GammaMarginal.KIND -> new GammaMarginal(r.positive(m, "shape", path + ".shape"),
                    r.positive(m, "scale", path + ".scale"), r.number(m, "low", path + ".low"));
            default -> throw r.invalid(path + ".kind", "one of empirical, uniform, truncated-normal, beta, gamma", kind);
        };
    }

    @Override
    public String synthesizer() {
        return GaussianCopulaSynthesizer.NAME;
    }

    @Override
    public TableMetadata metadata() {
        return metadata;
    }

    /** The (positive-definite) correlation matrix of the normal scores; a copy. */
    double[][] correlation() {
        double[][] out = new double[correlation.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = correlation[i].clone();
        }
        return out;
    }

    List<ColumnPlan> plans() {
        return plans;
    }

    @Override
    public Table sampleBlock(long seed, long block, int rows) {
        SyntheticModel.checkBlock(block, rows);
        long blockSeed = NormalSource.mix(seed, block);
        double[][] scores = correlatedScores(blockSeed, rows);
        List<Column> out = new ArrayList<>(plans.size());
        for (int c = 0; c < plans.size(); c++) {
            ColumnMetadata meta = metadata.columns().get(c);
            int v = firstVariable[c];
            ColumnPlan plan = plans.get(c);
            if (plan instanceof ColumnPlan.Numeric n) {
                out.add(numericColumn(meta, n, c, scores, v, rows));
            } else if (plan instanceof ColumnPlan.Categorical k) {
                out.add(categoricalColumn(meta.name(), k, scores[v], rows));
            } else {
                // Fake columns draw from their own stream so they never shift the copula's normals.
                out.add(((ColumnPlan.Fake) plan).fake().sample(meta.name(), NormalSource.mix(blockSeed, 1 + c),
                        block * BLOCK_ROWS, rows));
            }
        }
        return new Table(out);
    }

    /** Columnar z = L·ε for each row; allocation only for the buffers. */
    private double[][] correlatedScores(long blockSeed, int rows) {
        int d = correlation.length;
        double[][] scores = new double[d][rows];
        NormalSource normals = new NormalSource(new SplittableRandom(blockSeed));
        double[] eps = new double[d];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                eps[j] = normals.next();
            }
            for (int j = 0; j < d; j++) {
                double[] lj = cholesky[j];
                double z = 0;
                for (int k = 0; k <= j; k++) {
                    z += lj[k] * eps[k];
                }
                scores[j][i] = z;
            }
        }
        return scores;
    }

    private NumericColumn numericColumn(ColumnMetadata meta, ColumnPlan.Numeric plan, int c, double[][] scores,
                                        int v, int rows) {
        double[] values = new double[rows];
        if (plan.marginal() == null) {
            Arrays.fill(values, Double.NaN);
            return new NumericColumn(meta.name(), values);
        }
        boolean round = meta.type() == ColumnType.DATETIME || Boolean.TRUE.equals(meta.integer());
        double low = plan.low();
        double high = plan.high();
        NumericMarginal marginal = plan.marginal();
        double[] z = scores[v];
        for (int i = 0; i < rows; i++) {
            double x = marginal.quantile(NormalDistributionFunctions.cdf(z[i]));
            if (round) {
                x = Math.rint(x);
            }
            values[i] = Math.min(high, Math.max(low, x));
        }
        if (indicators[c] != null) {
            double[] nz = scores[v + 1];
            FrequencyIntervals nulls = indicators[c];
            for (int i = 0; i < rows; i++) {
                if (nulls.categoryOfScore(nz[i]) == 1) {
                    values[i] = Double.NaN;
                }
            }
        }
        return new NumericColumn(meta.name(), values);
    }

    private static CategoricalColumn categoricalColumn(String name, ColumnPlan.Categorical plan, double[] z, int rows) {
        List<String> dictionary = new ArrayList<>();
        int[] outCode = new int[plan.values().size()];
        for (int k = 0; k < outCode.length; k++) {
            String value = plan.values().get(k);
            outCode[k] = value == null ? CategoricalColumn.NULL : dictionary.size();
            if (value != null) {
                dictionary.add(value);
            }
        }
        int[] codes = new int[rows];
        FrequencyIntervals intervals = plan.intervals();
        for (int i = 0; i < rows; i++) {
            codes[i] = outCode[intervals.categoryOfScore(z[i])];
        }
        return new CategoricalColumn(name, codes, dictionary);
    }

    @Override
    public JsonNode parametersJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode columns = root.putArray("columns");
        ArrayNode variables = f.arrayNode();
        for (int c = 0; c < plans.size(); c++) {
            ColumnMetadata meta = metadata.columns().get(c);
            ObjectNode node = columns.addObject();
            node.put("name", meta.name());
            node.put("type", meta.type().jsonName());
            ColumnPlan plan = plans.get(c);
            if (plan instanceof ColumnPlan.Numeric n) {
                node.put("nullProbability", n.nullProbability());
                if (n.marginal() != null) {
                    node.put("low", n.low()).put("high", n.high());
                    ObjectNode m = node.putObject("marginal");
                    m.put("kind", n.marginal().kind());
                    n.marginal().writeTo(m);
                    variables.add(meta.name());
                }
                if (n.hasIndicator()) {
                    variables.add(meta.name() + " is null");
                }
            } else if (plan instanceof ColumnPlan.Categorical k) {
                ObjectNode m = node.putObject("marginal");
                m.put("kind", "categorical");
                ArrayNode values = m.putArray("values");
                k.values().forEach(values::add);
                ArrayNode p = m.putArray("probabilities");
                for (double q : k.intervals().probabilities()) {
                    p.add(q);
                }
                variables.add(meta.name());
            } else {
                ((ColumnPlan.Fake) plan).fake().writeTo(node);
            }
        }
        // Variable names are for the reader of the file only; they are derived from the columns on load.
        root.set("variables", variables);
        ArrayNode corr = root.putArray("correlation");
        for (double[] row : correlation) {
            ArrayNode r = corr.addArray();
            for (double x : row) {
                r.add(x);
            }
        }
        return root;
    }
}
