package dev.doppel.synth;

/** Seeds of independent random streams derived from one seed, so a block's draws depend only on (seed, block). */
public final class StreamSeeds {
    private StreamSeeds() {
    }

    /** A strong 64-bit mix of a seed and a stream index (the SplitMix64 finalizer). */
    public static long mix(long seed, long stream) {
        long z = seed ^ (0x9E3779B97F4A7C15L * (stream + 1));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
