package dev.doppel.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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

    /**
     * A {@code [rows, columns]} array of standard normal draws: the uniforms come from {@code random}, Box-Muller's
     * logarithm, root and sine/cosine run vectorised on the device. Per element, those functions cost ten times the
     * draw itself in Java, and a training step needs about a hundred thousand of them.
     */
    public static NDArray normal(NDManager manager, SplittableRandom random, int rows, int columns) {
        int n = rows * columns;
        int pairs = (n + 1) / 2;
        NDArray radius = OwnedArrays.copyOf(manager, uniformOpen(random, pairs)).log().mul(-2f).sqrt();
        NDArray angle = OwnedArrays.copyOf(manager, uniform(random, pairs)).mul((float) (2 * Math.PI));
        NDArray both = radius.mul(angle.cos()).concat(radius.mul(angle.sin()));
        return (n == 2 * pairs ? both : both.get("0:" + n)).reshape(new Shape(rows, columns));
    }

    /** A {@code [rows, columns]} array of standard Gumbel draws, {@code -log(-log u)}, the logarithms on the device. */
    public static NDArray gumbel(NDManager manager, SplittableRandom random, int rows, int columns) {
        return OwnedArrays.copyOf(manager, uniformOpen(random, rows * columns), new Shape(rows, columns)).log().neg().log().neg();
    }

    /** {@code n} floats uniform in [0, 1). */
    public static float[] uniform(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble();
        }
        return v;
    }

    /** {@code n} floats uniform in (0, 1): never 0 (a logarithm's argument) nor 1 (nor rounded to either as floats). */
    public static float[] uniformOpen(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double u;
            do {
                u = random.nextDouble();
            } while (u == 0);
            v[i] = Math.max((float) Math.min(u, 1 - 1e-7), Float.MIN_NORMAL);
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
