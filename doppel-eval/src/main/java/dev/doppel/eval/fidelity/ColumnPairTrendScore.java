package dev.doppel.eval.fidelity;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SDMetrics' Column Pair Trends property: for two numerical/datetime columns {@code CorrelationSimilarity}
 * (1 − |Pearson_real − Pearson_synthetic| / 2, rows with a null in either column dropped); for every other pair
 * {@code ContingencySimilarity} (1 − TVD of the two-way frequency tables, nulls a category of their own), with each
 * numerical/datetime column first cut into 10 equal-width bins spanning the real values ({@link EqualWidthBins}).
 * ID, PII and TEXT columns are not scored.
 */
public final class ColumnPairTrendScore {
    private ColumnPairTrendScore() {
    }

    /**
     * The trend score of one pair of columns.
     *
     * @param columnA              first column (metadata order)
     * @param columnB              second column
     * @param metric               {@code CorrelationSimilarity} or {@code ContingencySimilarity}
     * @param score                in [0, 1]; NaN when a correlation is undefined (a constant column)
     * @param realCorrelation      Pearson correlation in the reference table, NaN for contingency pairs
     * @param syntheticCorrelation Pearson correlation in the compared table, NaN for contingency pairs
     */
    public record ColumnPairTrend(String columnA, String columnB, String metric, double score, double realCorrelation,
                                  double syntheticCorrelation) {
    }

    /** Scores every pair of learned columns of table {@code b} against table {@code a}. */
    public static List<ColumnPairTrend> of(AlignedTables tables, Role a, Role b) {
        int m = tables.columnCount();
        List<int[]> codesA = new ArrayList<>();
        List<int[]> codesB = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (tables.isNumeric(j)) {
                EqualWidthBins bins = EqualWidthBins.of(tables.numeric(j, a), EqualWidthBins.SDMETRICS_BINS);
                codesA.add(bins.codes(tables.numeric(j, a)));
                codesB.add(bins.codes(tables.numeric(j, b)));
            } else {
                codesA.add(tables.codes(j, a));
                codesB.add(tables.codes(j, b));
            }
        }
        List<ColumnPairTrend> out = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                String ni = tables.columns().get(i).name();
                String nj = tables.columns().get(j).name();
                if (tables.isNumeric(i) && tables.isNumeric(j)) {
                    double ra = pearson(tables.numeric(i, a), tables.numeric(j, a));
                    double rb = pearson(tables.numeric(i, b), tables.numeric(j, b));
                    out.add(new ColumnPairTrend(ni, nj, "CorrelationSimilarity", 1.0 - Math.abs(ra - rb) / 2.0, ra, rb));
                } else {
                    out.add(new ColumnPairTrend(ni, nj, "ContingencySimilarity",
                            contingencySimilarity(codesA.get(i), codesA.get(j), codesB.get(i), codesB.get(j)),
                            Double.NaN, Double.NaN));
                }
            }
        }
        return out;
    }

    /** 1 − |r_real − r_synthetic| / 2 with Pearson r over rows where both values are non-null. */
    public static double correlationSimilarity(double[] realX, double[] realY, double[] synthX, double[] synthY) {
        return 1.0 - Math.abs(pearson(realX, realY) - pearson(synthX, synthY)) / 2.0;
    }

    /** Pearson correlation over the rows where neither value is NaN; NaN when undefined. */
    public static double pearson(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                sx += x[i];
                sy += y[i];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxx += dx * dx;
                syy += dy * dy;
                sxy += dx * dy;
            }
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
    }

    /**
     * 1 − TVD of the joint frequency tables of two code columns (code −1 = null is a category), real vs synthetic.
     */
    public static double contingencySimilarity(int[] realA, int[] realB, int[] synthA, int[] synthB) {
        int ka = Math.max(max(realA), max(synthA)) + 2;
        int kb = Math.max(max(realB), max(synthB)) + 2;
        double tv = 0;
        if ((long) ka * kb <= DENSE_CELLS) {
            // counts in a dense table, shifted by one so that code -1 (null) has a cell
            int[] p = new int[ka * kb];
            int[] q = new int[ka * kb];
            for (int r = 0; r < realA.length; r++) {
                p[(realA[r] + 1) * kb + realB[r] + 1]++;
            }
            for (int r = 0; r < synthA.length; r++) {
                q[(synthA[r] + 1) * kb + synthB[r] + 1]++;
            }
            for (int c = 0; c < p.length; c++) {
                tv += Math.abs((double) p[c] / realA.length - (double) q[c] / synthA.length);
            }
        } else {
            Map<Long, int[]> joint = new HashMap<>();
            for (int r = 0; r < realA.length; r++) {
                joint.computeIfAbsent(key(realA[r], realB[r]), k -> new int[2])[0]++;
            }
            for (int r = 0; r < synthA.length; r++) {
                joint.computeIfAbsent(key(synthA[r], synthB[r]), k -> new int[2])[1]++;
            }
            for (int[] pq : joint.values()) {
                tv += Math.abs((double) pq[0] / realA.length - (double) pq[1] / synthA.length);
            }
        }
        return 1.0 - Math.min(1.0, 0.5 * tv);
    }

    /** Largest joint table counted in a dense array; larger ones (high-cardinality pairs) go to a hash map. */
    private static final int DENSE_CELLS = 1 << 20;

    private static int max(int[] codes) {
        int m = -1;
        for (int c : codes) {
            m = Math.max(m, c);
        }
        return m;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) ^ (b & 0xffffffffL);
    }
}
