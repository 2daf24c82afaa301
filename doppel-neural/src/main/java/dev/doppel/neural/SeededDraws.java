package dev.doppel.neural;

import java.util.SplittableRandom;

/**
 * Random arrays drawn in Java from a seeded {@link SplittableRandom}: noise, dropout masks and batch orders come from
 * here rather than from PyTorch's process-wide generator, so a fit depends on its seed alone.
 */
public final class SeededDraws {
    private SeededDraws() {
    }

    /** {@code n} standard normal floats (Box-Muller, both values of each pair used). */
    public static float[] normal(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i += 2) {
            double u = 1 - random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u));
            double theta = 2 * Math.PI * random.nextDouble();
            v[i] = (float) (r * Math.cos(theta));
            if (i + 1 < n) {
                v[i + 1] = (float) (r * Math.sin(theta));
            }
        }
        return v;
    }

    /** {@code n} floats uniform in (0, 1). */
    public static float[] uniformOpen(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double u;
            do {
                u = random.nextDouble();
            } while (u == 0);
            v[i] = (float) Math.min(u, 1 - 1e-7);
        }
        return v;
    }

    /**
     * An inverted-dropout mask: each of {@code n} entries is {@code 1 / (1 - rate)} with probability {@code 1 - rate},
     * else 0, so the layer's expected output is unchanged.
     */
    public static float[] dropoutMask(SplittableRandom random, int n, double rate) {
        float keep = (float) (1 / (1 - rate));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble() < rate ? 0f : keep;
        }
        return v;
    }

    /** A uniformly random order of {@code 0..n-1} (Fisher-Yates). */
    public static int[] permutation(SplittableRandom random, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
