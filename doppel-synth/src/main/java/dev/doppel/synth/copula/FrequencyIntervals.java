package dev.doppel.synth.copula;

import java.util.Arrays;

/**
 * Categories as adjacent intervals of [0, 1), one per category in the given order, each as wide as its probability
 * (the encoding of categorical columns in a Gaussian copula, as in SDV/RDT's FrequencyEncoder). Sampling compares a
 * normal score with the interval bounds mapped through Φ⁻¹, which is the same as comparing Φ(z) with the bounds but
 * needs no Φ per row.
 */
final class FrequencyIntervals {
    private final double[] probabilities;
    private final double[] upper;
    private final double[] upperScores;

    /** @param probabilities non-negative, summing to 1, in interval order */
    FrequencyIntervals(double[] probabilities) {
        this.probabilities = probabilities.clone();
        int k = probabilities.length;
        this.upper = new double[k];
        this.upperScores = new double[Math.max(0, k - 1)];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += probabilities[i];
            upper[i] = i == k - 1 ? 1.0 : Math.min(1.0, sum);
        }
        for (int i = 0; i < k - 1; i++) {
            upperScores[i] = NormalDistributionFunctions.quantile(upper[i]);
        }
    }

    int size() {
        return probabilities.length;
    }

    double[] probabilities() {
        return probabilities.clone();
    }

    /** A point of category {@code i}'s interval: its lower bound plus {@code fraction} of its width. */
    double pointIn(int i, double fraction) {
        double lo = i == 0 ? 0 : upper[i - 1];
        return lo + fraction * (upper[i] - lo);
    }

    /** The category whose interval holds Φ(z). */
    int categoryOfScore(double z) {
        // Upper bound search: first i with z < upperScores[i]; the last category takes the rest.
        int lo = 0;
        int hi = upperScores.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (z < upperScores[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "FrequencyIntervals" + Arrays.toString(probabilities);
    }
}
