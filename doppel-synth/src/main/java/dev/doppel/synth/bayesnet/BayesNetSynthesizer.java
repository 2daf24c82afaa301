package dev.doppel.synth.bayesnet;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
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
 * Learns a Bayesian network over the table's learned columns, discretized: numeric columns into bins of about equal
 * mass (one bin per value when there are few), categorical columns by value, a missing value as a state of its own.
 * Structure by greedy hill climbing on BIC with bounded parents; each variable's table given its parents smoothed
 * towards its marginal. A sampled numeric value is drawn inside its bin from a sketch of the bin's values.
 *
 * @param maxBins          bins per numeric column, 2..1000
 * @param binKnots         knots of each bin's value sketch, 2..1001
 * @param maxParents       parents per variable, 0..4
 * @param candidateParents partners of highest mutual information a variable may take parents from, at least 1
 * @param penalty          multiplier of BIC's complexity penalty, positive; below 1 admits richer tables
 * @param pseudoCount      weight of the marginal prior in each table row, not negative; guards rare combinations
 * @param threads          threads used while fitting, at least 1; the model does not depend on it
 */
public record BayesNetSynthesizer(int maxBins, int binKnots, int maxParents, int candidateParents, double penalty,
                                  double pseudoCount, int threads) implements Synthesizer {
    public static final String NAME = "bayes-net";

    public BayesNetSynthesizer {
        if (maxBins < 2 || maxBins > 1000) {
            throw new IllegalArgumentException("maxBins must be 2..1000, not " + maxBins);
        }
        if (binKnots < 2 || binKnots > 1001) {
            throw new IllegalArgumentException("binKnots must be 2..1001, not " + binKnots);
        }
        if (maxParents < 0 || maxParents > 4) {
            throw new IllegalArgumentException("maxParents must be 0..4, not " + maxParents);
        }
        if (candidateParents < 1) {
            throw new IllegalArgumentException("candidateParents must be at least 1, not " + candidateParents);
        }
        if (!(penalty > 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("penalty must be positive, not " + penalty);
        }
        if (!(pseudoCount >= 0) || Double.isInfinite(pseudoCount)) {
            throw new IllegalArgumentException("pseudoCount must be 0 or more, not " + pseudoCount);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
    }

    /** Defaults measured on Adult (docs/BENCHMARKS.md); one thread per available processor. */
    public BayesNetSynthesizer() {
        this(32, 17, 3, 12, 0.1, 1.0, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("maxBins", maxBins);
        p.put("binKnots", binKnots);
        p.put("maxParents", maxParents);
        p.put("candidateParents", candidateParents);
        p.put("penalty", penalty);
        p.put("pseudoCount", pseudoCount);
        p.put("threads", threads);
        return Collections.unmodifiableMap(p);
    }

    @Override
    public BayesNetSynthesizer withParameters(Map<String, String> settings) {
        ParameterSettings p = ParameterSettings.apply(NAME, parameters(), settings);
        return p.build(() -> new BayesNetSynthesizer(p.intValue("maxBins"), p.intValue("binKnots"),
                p.intValue("maxParents"), p.intValue("candidateParents"), p.doubleValue("penalty"),
                p.doubleValue("pseudoCount"), p.intValue("threads")));
    }

    @Override
    public BayesNetModel fit(Table table, TableMetadata metadata, long seed) {
        List<ColumnMetadata> metas = metadata.columns();
        if (table.columnCount() != metas.size()) {
            throw new IllegalArgumentException("table has " + table.columnCount() + " columns, metadata " + metas.size());
        }
        List<ColumnStates> states = new ArrayList<>();
        List<int[]> data = new ArrayList<>();
        FakeColumn[] fakes = new FakeColumn[metas.size()];
        for (int c = 0; c < metas.size(); c++) {
            ColumnMetadata meta = metas.get(c);
            Column column = table.column(c);
            if (!meta.isLearned()) {
                fakes[c] = FakeColumn.fit(meta, column);
            } else if (meta.isNumeric()) {
                if (!(column instanceof NumericColumn numeric)) {
                    throw new IllegalArgumentException("column " + meta.name() + " must be numeric");
                }
                boolean round = meta.type() == ColumnType.DATETIME || Boolean.TRUE.equals(meta.integer());
                ColumnStates.Numeric s = ColumnStates.Numeric.fit(numeric, maxBins, binKnots, round, meta.min(),
                        meta.max());
                states.add(s);
                data.add(s.encode(numeric));
            } else {
                if (!(column instanceof CategoricalColumn categorical)) {
                    throw new IllegalArgumentException("column " + meta.name() + " must be categorical");
                }
                ColumnStates.Categorical s = ColumnStates.Categorical.fit(categorical);
                states.add(s);
                data.add(s.encode(categorical));
            }
        }
        int[][] matrix = data.toArray(int[][]::new);
        int[] cards = states.stream().mapToInt(ColumnStates::count).toArray();
        int[][] parents = new StructureSearch(matrix, cards, maxParents, penalty).search(candidateParents, threads);
        List<ConditionalTable> tables = new ArrayList<>();
        for (int v = 0; v < matrix.length; v++) {
            tables.add(ConditionalTable.estimate(v, parents[v], matrix, cards, pseudoCount));
        }
        Network network = new Network(states, tables, Network.topologicalOrder(parents));
        return new BayesNetModel(metadata, network, java.util.Arrays.asList(fakes));
    }
}
