package dev.doppel.neural.diffusion;

import dev.doppel.synth.copula.NormalDistributionFunctions;
import java.util.Arrays;

/**
 * The quantile-normal transform of one numeric column (as TabDDPM uses): a value becomes the standard-normal score of
 * its rank, and a score maps back through the column's quantile table. Ties (a spike at 0, whole numbers) are spread
 * uniformly over their share of ranks, so the scores of the training column are exactly standard normal and the
 * inverse lands each score back inside the tied value's share.
 *
 * @param quantiles the column's values at evenly spaced probabilities 0, 1/(q-1), ..., 1; non-decreasing, q ≥ 2
 */
record QuantileNormal(double[] quantiles) {
    /** At most this many quantiles are stored: enough that interpolation error is far below sampling noise. */
    static final int MAX_QUANTILES = 1001;

    QuantileNormal {
        if (quantiles.length < 2) {
            throw new IllegalArgumentException("a quantile table needs at least 2 values");
        }
        for (int i = 1; i < quantiles.length; i++) {
            if (!(quantiles[i] >= quantiles[i - 1])) {
                throw new IllegalArgumentException("quantiles must be non-decreasing and finite");
            }
        }
        quantiles = quantiles.clone();
    }

    /** The table of {@code sorted} (ascending, non-empty, no NaN). */
    static QuantileNormal of(double[] sorted) {
        int q = Math.max(2, Math.min(MAX_QUANTILES, sorted.length));
        double[] table = new double[q];
        for (int k = 0; k < q; k++) {
            double pos = (double) k * (sorted.length - 1) / (q - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(sorted.length - 1, lo + 1);
            table[k] = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
        return new QuantileNormal(table);
    }

    /**
     * The normal score of {@code x} within {@code sorted} (the training column), placed at {@code jitter} ∈ [0, 1)
     * within the ranks its ties share.
     */
    static double score(double[] sorted, double x, double jitter) {
        int below = lowerBound(sorted, x);
        int upTo = upperBound(sorted, x);
        int n = sorted.length;
        // Half a rank of margin at each end keeps the score finite: |z| ≤ Φ⁻¹(1 - 1/(2n)).
        double u = (below + 0.5 + jitter * Math.max(0, upTo - below - 1)) / n;
        return NormalDistributionFunctions.quantile(u);
    }

    /** The column value of normal score {@code z}: linear interpolation in the quantile table at Φ(z). */
    double value(double z) {
        double u = NormalDistributionFunctions.cdf(z);
        double pos = u * (quantiles.length - 1);
        if (!(pos > 0)) {
            return quantiles[0];
        }
        if (pos >= quantiles.length - 1) {
            return quantiles[quantiles.length - 1];
        }
        int lo = (int) pos;
        return quantiles[lo] + (pos - lo) * (quantiles[lo + 1] - quantiles[lo]);
    }

    private static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public double[] quantiles() {
        return quantiles.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantileNormal q && Arrays.equals(quantiles, q.quantiles);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(quantiles);
    }
}
