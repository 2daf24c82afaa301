package dev.doppel.synth.condition;

import dev.doppel.synth.StreamSeeds;

/**
 * A seeded pseudo-random permutation of {@code [0, n)}, computable for one index at a time: a balanced Feistel network
 * over the smallest even number of bits covering n, with cycle walking back into range. Lets the position of every row
 * be known without materialising a shuffle of all rows.
 */
final class RowPermutation {
    private static final int ROUNDS = 4;
    private final long n;
    private final int halfBits;
    private final long halfMask;
    private final long[] keys = new long[ROUNDS];

    RowPermutation(long n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, not " + n);
        }
        this.n = n;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
        bits += bits & 1;
        this.halfBits = bits / 2;
        this.halfMask = (1L << halfBits) - 1;
        for (int r = 0; r < ROUNDS; r++) {
            keys[r] = StreamSeeds.mix(seed, r);
        }
    }

    long apply(long index) {
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("index " + index + " outside [0, " + n + ")");
        }
        long x = index;
        do {
            x = encrypt(x);
        } while (x >= n);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (int r = 0; r < ROUNDS; r++) {
            long next = left ^ (StreamSeeds.mix(keys[r], right) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }
}
