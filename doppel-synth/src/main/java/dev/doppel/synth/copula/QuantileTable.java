package dev.doppel.synth.copula;

import java.util.function.DoubleUnaryOperator;

/**
 * A quantile function tabulated at {@link #INTERVALS} + 1 evenly spaced probabilities and interpolated linearly, with
 * the exact function used in the outer {@link #EXACT_TAIL} intervals on each side (3% of draws), where quantile
 * functions such as the beta's near a bound curve too sharply for linear interpolation. Hipparchus inverts beta and gamma
 * distributions with an iterative solver (microseconds per call), too slow for sampling millions of rows; a smooth
 * quantile function on a 1/4096 grid interpolates to far below the data's own resolution.
 */
final class QuantileTable {
    static final int INTERVALS = 4096;
    static final int EXACT_TAIL = 64;

    private final DoubleUnaryOperator exact;
    private final double[] knots;

    QuantileTable(DoubleUnaryOperator exact) {
        this.exact = exact;
        this.knots = new double[INTERVALS + 1];
        for (int i = EXACT_TAIL; i <= INTERVALS - EXACT_TAIL; i++) {
            knots[i] = exact.applyAsDouble((double) i / INTERVALS);
        }
    }

    double quantile(double u) {
        double h = u * INTERVALS;
        int lo = (int) h;
        if (lo < EXACT_TAIL || lo >= INTERVALS - EXACT_TAIL) {
            return exact.applyAsDouble(u);
        }
        return knots[lo] + (h - lo) * (knots[lo + 1] - knots[lo]);
    }
}
