package dev.doppel.eval.utility;

import java.util.SplittableRandom;

/**
 * SMOTE oversampling (Chawla et al., 2002), the usual baseline for rare classes: each new row lies at a random point on
 * the segment between a minority row and one of its {@code k} nearest minority neighbours (Euclidean distance on
 * features scaled to unit variance). Features must be numeric without missing values.
 *
 * @param k    neighbours per row, at least 1
 * @param seed seeds the choice of rows, neighbours and points
 */
public record Smote(int k, long seed) {
    public Smote {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, not " + k);
        }
    }

    /** {@code count} new rows made from {@code minority}'s rows. */
    public FeatureMatrix oversample(FeatureMatrix minority, int count) {
        int n = minority.rows();
        int m = minority.columns();
        if (n < 2) {
            throw new IllegalArgumentException("SMOTE needs at least two minority rows, not " + n);
        }
        float[] x = minority.data();
        double[] scale = new double[m];
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * m + j];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (x[i * m + j] - mean) * (x[i * m + j] - mean);
            }
            scale[j] = var > 0 ? 1 / Math.sqrt(var / n) : 0;
        }
        int neighbours = Math.min(k, n - 1);
        int[][] nearest = new int[n][neighbours];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < n; o++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    double diff = (x[i * m + j] - x[o * m + j]) * scale[j];
                    s += diff * diff;
                }
                d[o] = o == i ? Double.POSITIVE_INFINITY : s;
            }
            for (int r = 0; r < neighbours; r++) {
                int best = -1;
                for (int o = 0; o < n; o++) {
                    if (best < 0 || d[o] < d[best] || (d[o] == d[best] && o < best)) {
                        best = o;
                    }
                }
                nearest[i][r] = best;
                d[best] = Double.POSITIVE_INFINITY;
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[count * m];
        for (int c = 0; c < count; c++) {
            int i = c % n;
            int o = nearest[i][random.nextInt(neighbours)];
            double gap = random.nextDouble();
            for (int j = 0; j < m; j++) {
                out[c * m + j] = (float) (x[i * m + j] + gap * (x[o * m + j] - x[i * m + j]));
            }
        }
        return new FeatureMatrix(out, count, m, minority.names());
    }
}
