package dev.doppel.synth.copula;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * The data's own distribution: quantiles at K evenly spaced probabilities 0, 1/(K-1), ..., 1 (so the first and last
 * are the minimum and maximum), inverted by linear interpolation between knots.
 */
record EmpiricalMarginal(double[] quantiles) implements NumericMarginal {
    static final String KIND = "empirical";

    /** Knots of sorted non-empty data: at most {@code maxKnots}, at most one per value, at least 2. */
    static EmpiricalMarginal of(double[] sorted, int maxKnots) {
        int n = sorted.length;
        int k = Math.max(2, Math.min(n, maxKnots));
        double[] q = new double[k];
        for (int i = 0; i < k; i++) {
            // Hyndman-Fan type 7 quantile, the usual linear interpolation between order statistics.
            double h = (n - 1) * (double) i / (k - 1);
            int lo = (int) Math.floor(h);
            int hi = Math.min(n - 1, lo + 1);
            q[i] = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        }
        return new EmpiricalMarginal(q);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public double cdf(double x) {
        int k = quantiles.length;
        if (x < quantiles[0]) {
            return 0;
        }
        if (x >= quantiles[k - 1]) {
            return 1;
        }
        int i = Arrays.binarySearch(quantiles, x);
        if (i < 0) {
            i = -i - 2;
        }
        while (i + 1 < k && quantiles[i + 1] <= x) {
            i++;
        }
        double span = quantiles[i + 1] - quantiles[i];
        return (i + (span > 0 ? (x - quantiles[i]) / span : 0)) / (k - 1);
    }

    @Override
    public double quantile(double u) {
        double h = u * (quantiles.length - 1);
        int lo = (int) h;
        if (lo >= quantiles.length - 1) {
            return quantiles[quantiles.length - 1];
        }
        return quantiles[lo] + (h - lo) * (quantiles[lo + 1] - quantiles[lo]);
    }

    @Override
    public void writeTo(ObjectNode node) {
        var array = node.putArray("quantiles");
        for (double q : quantiles) {
            array.add(q);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmpiricalMarginal other && Arrays.equals(quantiles, other.quantiles);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(quantiles);
    }

    @Override
    public String toString() {
        return "EmpiricalMarginal[" + quantiles.length + " knots]";
    }
}
