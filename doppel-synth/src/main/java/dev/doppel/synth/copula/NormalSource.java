package dev.doppel.synth.copula;

import java.util.SplittableRandom;

/**
 * Standard normal variates from a {@link SplittableRandom} by Marsaglia's polar method (Marsaglia and Bray, 1964), so
 * the stream is fully specified by the generator's seed and does not depend on a JDK algorithm choice. Not thread safe:
 * one per block.
 */
final class NormalSource {
    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    NormalSource(SplittableRandom random) {
        this.random = random;
    }

    double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double x;
        double y;
        double s;
        do {
            x = 2 * random.nextDouble() - 1;
            y = 2 * random.nextDouble() - 1;
            s = x * x + y * y;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spare = y * f;
        hasSpare = true;
        return x * f;
    }

    /** A strong 64-bit mix of a seed and a stream index (the SplitMix64 finalizer), for per-block generators. */
    static long mix(long seed, long stream) {
        long z = seed ^ (0x9E3779B97F4A7C15L * (stream + 1));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
