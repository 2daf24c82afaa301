package dev.doppel.synth.copula;

import dev.doppel.synth.StreamSeeds;
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

    /** See {@link StreamSeeds#mix}. */
    static long mix(long seed, long stream) {
        return StreamSeeds.mix(seed, stream);
    }
}
