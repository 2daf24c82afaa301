package dev.doppel.synth.trees;

import java.util.SplittableRandom;

/** What a tree's leaf keeps of its training rows: class counts, or a smoothed sketch of numeric values. */
sealed interface Leaf permits Leaf.ClassCounts, Leaf.ValueSketch {

    /** Rows of the training table that ended in this leaf. */
    int rows();

    /** Counts of each class among the leaf's rows; a class is drawn with probability count / rows. */
    final class ClassCounts implements Leaf {
        private final int[] counts;
        private final int[] cumulative;

        ClassCounts(int[] counts) {
            this.counts = counts.clone();
            this.cumulative = new int[counts.length];
            int sum = 0;
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] < 0) {
                    throw new IllegalArgumentException("negative class count " + counts[k]);
                }
                sum = Math.addExact(sum, counts[k]);
                cumulative[k] = sum;
            }
            if (sum == 0) {
                throw new IllegalArgumentException("a leaf needs at least one row");
            }
        }

        int[] counts() {
            return counts.clone();
        }

        @Override
        public int rows() {
            return cumulative[cumulative.length - 1];
        }

        int draw(SplittableRandom random) {
            int u = random.nextInt(rows());
            // The first class whose cumulative count exceeds u (classes with count 0 are never chosen).
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }

    /**
     * Quantiles of the leaf's values at the probabilities {@code (j + 0.5) / k}, {@code j = 0..k-1}, with
     * {@code k <= rows / 2}, so each quantile blends about two or more of the rows' values and neither the smallest
     * nor the largest value is kept unless it is tied. Values are drawn from the sketch, not from the rows: see
     * {@link #draw}.
     */
    final class ValueSketch implements Leaf {
        private final int rows;
        private final double[] quantiles;

        ValueSketch(int rows, double[] quantiles) {
            if (rows < 1 || quantiles.length < 1) {
                throw new IllegalArgumentException("a value leaf needs rows and quantiles");
            }
            this.rows = rows;
            this.quantiles = quantiles.clone();
        }

        /** The sketch of {@code sorted} (ascending, at least one value) with at most {@code maxKnots} knots. */
        static ValueSketch of(double[] sorted, int maxKnots) {
            int n = sorted.length;
            int k = Math.max(1, Math.min(maxKnots, n / 2));
            double[] q = new double[k];
            for (int j = 0; j < k; j++) {
                q[j] = quantile(sorted, (j + 0.5) / k);
            }
            return new ValueSketch(n, q);
        }

        /** Linear interpolation between order statistics (Hyndman and Fan's type 7). */
        private static double quantile(double[] sorted, double p) {
            double h = (sorted.length - 1) * p;
            int lo = (int) Math.floor(h);
            int hi = Math.min(sorted.length - 1, lo + 1);
            return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        }

        double[] quantiles() {
            return quantiles.clone();
        }

        @Override
        public int rows() {
            return rows;
        }

        /**
         * A value by inverse-CDF sampling. Discrete columns (few distinct values, where a value is shared by many
         * rows) draw one quantile with probability 1/k each, which keeps their point masses; continuous columns
         * interpolate linearly between neighbouring quantiles, so their values are spread out rather than repeated.
         */
        double draw(SplittableRandom random, boolean discrete) {
            double u = random.nextDouble();
            int k = quantiles.length;
            if (discrete || k == 1) {
                return quantiles[Math.min(k - 1, (int) (u * k))];
            }
            // Quantile j sits at probability (j + 0.5) / k; below the first and above the last the outer segments
            // are extended, so a leaf's spread is not cut by the half-step its outer quantiles sit inside its range.
            double h = u * k - 0.5;
            int lo = Math.max(0, Math.min(k - 2, (int) Math.floor(h)));
            return quantiles[lo] + (h - lo) * (quantiles[lo + 1] - quantiles[lo]);
        }
    }
}
