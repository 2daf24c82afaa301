package dev.doppel.design.process;

import dev.doppel.DoppelException;
import java.util.List;

/** Checks shared by the cycle records. */
final class Weights {
    private Weights() {
    }

    /** A copy of {@code weights} after checking there are {@code count} finite, non-negative ones, not all zero. */
    static List<Double> checked(List<Double> weights, int count, String what) {
        if (weights == null || weights.size() != count) {
            throw new DoppelException(what + ": expected " + count + " weights, found "
                    + (weights == null ? "none" : String.valueOf(weights.size())));
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            Double w = weights.get(i);
            if (w == null || !Double.isFinite(w) || w < 0) {
                throw new DoppelException(what + ": expected a finite weight ≥ 0 at position " + (i + 1)
                        + ", found " + w);
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new DoppelException(what + ": expected at least one weight above 0, found all 0");
        }
        return List.copyOf(weights);
    }

    /** Weights divided by their mean, so that they average 1. */
    static double[] normalized(List<Double> weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double[] out = new double[weights.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = weights.get(i) * weights.size() / sum;
        }
        return out;
    }
}
