package dev.doppel.synth.copula;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a numeric column's marginal: the parametric candidate (truncated normal, beta, gamma, uniform) with the
 * smallest Kolmogorov-Smirnov distance to the data, if that distance is below
 * {@code min(1.36 / sqrt(n), ksThreshold)}; otherwise the empirical quantiles. 1.36/sqrt(n) is the asymptotic 5%
 * critical value of the one-sample KS test, so a parametric form is kept only where the data gives no evidence
 * against it; discrete columns and point masses fail it and get the empirical marginal.
 */
record MarginalSelection(int quantileKnots, double ksThreshold, boolean parametric) {

    /**
     * @param sorted non-null values, ascending, at least one
     * @param low    lower bound of the column (metadata min, else observed)
     * @param high   upper bound of the column
     */
    NumericMarginal select(double[] sorted, double low, double high) {
        EmpiricalMarginal empirical = EmpiricalMarginal.of(sorted, quantileKnots);
        int n = sorted.length;
        if (!parametric || n < 3 || !(high > low) || sorted[0] == sorted[n - 1]) {
            return empirical;
        }
        double threshold = Math.min(1.36 / Math.sqrt(n), ksThreshold);
        List<NumericMarginal> candidates = candidates(sorted, low, high);
        // Parsimony: the uniform has no shape parameter, so it wins whenever it fits (a beta(1, 1) fit to uniform
        // data has a slightly smaller KS only through fitting noise).
        if (ksDistance(sorted, candidates.get(0)) < threshold) {
            return candidates.get(0);
        }
        NumericMarginal best = empirical;
        double bestKs = Double.POSITIVE_INFINITY;
        for (NumericMarginal candidate : candidates.subList(1, candidates.size())) {
            double ks = ksDistance(sorted, candidate);
            if (ks < bestKs) {
                bestKs = ks;
                best = candidate;
            }
        }
        return bestKs < threshold ? best : empirical;
    }

    private static List<NumericMarginal> candidates(double[] sorted, double low, double high) {
        double mean = 0;
        for (double v : sorted) {
            mean += v;
        }
        mean /= sorted.length;
        double var = 0;
        for (double v : sorted) {
            var += (v - mean) * (v - mean);
        }
        var /= sorted.length - 1;
        List<NumericMarginal> out = new ArrayList<>();
        out.add(new UniformMarginal(low, high)); // first: see select
        if (var > 0) {
            out.add(new TruncatedNormalMarginal(mean, Math.sqrt(var), low, high));
            // Method of moments for the beta on [low, high]: m(1-m)/v - 1 = alpha + beta.
            double range = high - low;
            double m = (mean - low) / range;
            double v = var / (range * range);
            double common = m * (1 - m) / v - 1;
            if (m > 0 && m < 1 && common > 0) {
                out.add(new BetaMarginal(m * common, (1 - m) * common, low, high));
            }
            // Method of moments for the gamma shifted at low: shape = mean^2/var, scale = var/mean.
            double shifted = mean - low;
            if (shifted > 0) {
                out.add(new GammaMarginal(shifted * shifted / var, var / shifted, low));
            }
        }
        return out;
    }

    /** sup |F_n - F| over the sorted sample. */
    static double ksDistance(double[] sorted, NumericMarginal marginal) {
        int n = sorted.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = marginal.cdf(sorted[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        return d;
    }
}
