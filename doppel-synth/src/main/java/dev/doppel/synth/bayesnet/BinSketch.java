package dev.doppel.synth.bayesnet;

import java.util.Arrays;

/**
 * The values of one bin as a piecewise-linear quantile function through {@code knots} (at equally spaced
 * probabilities). A bin of one distinct value has one knot. Sampling interpolates between knots, so a value drawn in
 * a bin is a smoothed one, not a stored training value (except at the knots and for point bins).
 */
record BinSketch(double[] knots) {
    BinSketch {
        if (knots.length == 0) {
            throw new IllegalArgumentException("a bin needs at least one knot");
        }
        for (int i = 1; i < knots.length; i++) {
            if (!(knots[i] >= knots[i - 1])) {
                throw new IllegalArgumentException("bin knots must be non-decreasing");
            }
        }
    }

    /** The sketch of {@code sorted[from, to)} with at most {@code maxKnots} knots (type-7 quantiles). */
    static BinSketch of(double[] sorted, int from, int to, int maxKnots) {
        int m = to - from;
        if (sorted[from] == sorted[to - 1]) {
            return new BinSketch(new double[] {sorted[from]});
        }
        int k = Math.min(maxKnots, m);
        double[] knots = new double[k];
        for (int i = 0; i < k; i++) {
            double h = (double) i / (k - 1) * (m - 1);
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, m - 1);
            knots[i] = sorted[from + lo] + (h - lo) * (sorted[from + hi] - sorted[from + lo]);
        }
        return new BinSketch(knots);
    }

    double low() {
        return knots[0];
    }

    double high() {
        return knots[knots.length - 1];
    }

    /** The value at probability {@code u} in [0, 1]. */
    double quantile(double u) {
        int segments = knots.length - 1;
        if (segments == 0) {
            return knots[0];
        }
        double h = u * segments;
        int i = Math.min((int) h, segments - 1);
        return knots[i] + (h - i) * (knots[i + 1] - knots[i]);
    }

    /**
     * The probability interval {@code [uLow, uHigh]} whose quantiles lie in {@code [a, b]}; its length is the bin's
     * mass inside the range (0 when they do not meet; a point bin inside the range has mass 1).
     */
    double[] probabilitiesWithin(double a, double b) {
        if (b < knots[0] || a > high()) {
            return new double[] {0, 0};
        }
        int segments = knots.length - 1;
        if (segments == 0) {
            return new double[] {0, 1};
        }
        return new double[] {lowestProbabilityAtOrAbove(a, segments), highestProbabilityAtOrBelow(b, segments)};
    }

    private double lowestProbabilityAtOrAbove(double a, int segments) {
        if (a <= knots[0]) {
            return 0;
        }
        int i = 0;
        while (knots[i + 1] < a) {
            i++;
        }
        // knots[i] < a <= knots[i + 1], so the segment is not flat.
        return (i + (a - knots[i]) / (knots[i + 1] - knots[i])) / segments;
    }

    private double highestProbabilityAtOrBelow(double b, int segments) {
        if (b >= high()) {
            return 1;
        }
        int i = segments - 1;
        while (knots[i] > b) {
            i--;
        }
        // knots[i] <= b < knots[i + 1].
        return (i + (b - knots[i]) / (knots[i + 1] - knots[i])) / segments;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinSketch other && Arrays.equals(knots, other.knots);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(knots);
    }

    @Override
    public String toString() {
        return Arrays.toString(knots);
    }
}
