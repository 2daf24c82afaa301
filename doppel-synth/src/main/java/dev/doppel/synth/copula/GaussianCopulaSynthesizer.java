package dev.doppel.synth.copula;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.ParameterSettings;
import dev.doppel.synth.Synthesizer;
import dev.doppel.synth.fake.FakeColumn;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns a Gaussian copula: each learned column is mapped to a standard normal score (numeric columns through the
 * mid-rank of their value with jitter inside ties; categorical columns through frequency intervals), and the scores'
 * Pearson correlation, repaired to be positive definite, joins them. Numeric marginals are parametric when one fits
 * (see {@link MarginalSelection}), else empirical quantiles.
 *
 * @param quantileKnots       knots of empirical marginals, 2..100001
 * @param ksThreshold         the largest KS distance a parametric marginal may have, in [0, 1]
 * @param parametricMarginals whether parametric marginals are tried at all
 * @param threads             threads used while fitting, at least 1; the fitted model does not depend on it
 */
public record GaussianCopulaSynthesizer(int quantileKnots, double ksThreshold, boolean parametricMarginals,
                                        int threads) implements Synthesizer {
    public static final String NAME = "gaussian-copula";

    public GaussianCopulaSynthesizer {
        if (quantileKnots < 2 || quantileKnots > 100_001) {
            throw new IllegalArgumentException("quantileKnots must be 2..100001, not " + quantileKnots);
        }
        if (!(ksThreshold >= 0 && ksThreshold <= 1)) {
            throw new IllegalArgumentException("ksThreshold must be in [0, 1], not " + ksThreshold);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
    }

    /** Defaults: 1001 knots, KS threshold 0.02, parametric marginals on, one thread per available processor. */
    public GaussianCopulaSynthesizer() {
        this(1001, 0.02, true, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("quantileKnots", quantileKnots);
        p.put("ksThreshold", ksThreshold);
        p.put("parametricMarginals", parametricMarginals);
        p.put("threads", threads);
        return Collections.unmodifiableMap(p);
    }

    @Override
    public GaussianCopulaSynthesizer withParameters(Map<String, String> settings) {
        ParameterSettings p = ParameterSettings.apply(NAME, parameters(), settings);
        return p.build(() -> new GaussianCopulaSynthesizer(p.intValue("quantileKnots"), p.doubleValue("ksThreshold"),
                p.booleanValue("parametricMarginals"), p.intValue("threads")));
    }

    @Override
    public GaussianCopulaModel fit(Table table, TableMetadata metadata, long seed) {
        List<ColumnMetadata> metas = metadata.columns();
        if (table.columnCount() != metas.size()) {
            throw new IllegalArgumentException(
                    "table has " + table.columnCount() + " columns, metadata " + metas.size());
        }
        MarginalSelection selection = new MarginalSelection(quantileKnots, ksThreshold, parametricMarginals);
        List<ColumnPlan> plans = new ArrayList<>();
        for (int c = 0; c < metas.size(); c++) {
            plans.add(plan(metas.get(c), table.column(c), selection));
        }
        double[][] scores = new NormalScores(threads).scores(table, plans, seed);
        double[][] correlation = CorrelationRepair.repair(new NormalScores(threads).correlation(scores));
        return new GaussianCopulaModel(metadata, plans, correlation);
    }

    private static ColumnPlan plan(ColumnMetadata meta, Column column, MarginalSelection selection) {
        int n = column.size();
        double nullProbability = n == 0 ? 1.0 : (double) column.nullCount() / n;
        if (!meta.isLearned()) {
            return new ColumnPlan.Fake(FakeColumn.fit(meta, column));
        }
        if (meta.isNumeric()) {
            if (!(column instanceof NumericColumn numeric)) {
                throw new IllegalArgumentException("column " + meta.name() + " must be numeric");
            }
            double[] sorted = numeric.sortedNonNull();
            if (sorted.length == 0) {
                return new ColumnPlan.Numeric(null, 0, 0, 1.0);
            }
            double low = sorted[0];
            double high = sorted[sorted.length - 1];
            if (meta.min() != null && meta.max() != null && meta.min() <= low && meta.max() >= high) {
                low = meta.min();
                high = meta.max();
            }
            return new ColumnPlan.Numeric(selection.select(sorted, low, high), low, high, nullProbability);
        }
        if (!(column instanceof CategoricalColumn categorical)) {
            throw new IllegalArgumentException("column " + meta.name() + " must be categorical");
        }
        return categoricalPlan(categorical);
    }

    /** Categories by frequency, descending, ties by code (null, code -1, first); only those that occur. */
    private static ColumnPlan.Categorical categoricalPlan(CategoricalColumn column) {
        int[] counts = column.counts();
        int n = column.size();
        int nulls = column.nullCount();
        List<Integer> codes = new ArrayList<>();
        if (nulls > 0 || n == 0) {
            codes.add(CategoricalColumn.NULL);
        }
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0) {
                codes.add(code);
            }
        }
        codes.sort((a, b) -> {
            int ca = a == CategoricalColumn.NULL ? nulls : counts[a];
            int cb = b == CategoricalColumn.NULL ? nulls : counts[b];
            return ca != cb ? Integer.compare(cb, ca) : Integer.compare(a, b);
        });
        List<String> values = new ArrayList<>();
        double[] p = new double[codes.size()];
        for (int k = 0; k < p.length; k++) {
            int code = codes.get(k);
            values.add(code == CategoricalColumn.NULL ? null : column.dictionary().get(code));
            p[k] = n == 0 ? 1.0 : (double) (code == CategoricalColumn.NULL ? nulls : counts[code]) / n;
        }
        return new ColumnPlan.Categorical(Collections.unmodifiableList(values), new FrequencyIntervals(p));
    }
}
