package dev.doppel.eval.privacy;

import dev.doppel.eval.privacy.MixedDistance.RowMatrix;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Exact nearest-neighbour search under a {@link MixedDistance}: for each query row, the distance to its nearest and
 * second-nearest reference rows and the index of the nearest (the lowest index among equally near rows).
 *
 * <p>Brute force over primitive row-major arrays with early exit: a candidate is dropped as soon as its partial sum
 * reaches the current second-best; {@link MixedDistance} encodes columns in the order that tends to exclude candidates
 * soonest. Queries are split into chunks searched in parallel; each
 * query's answer depends only on the query, so results are the same for any number of threads.
 */
public final class NearestNeighbours {
    private NearestNeighbours() {
    }

    /**
     * Nearest and second-nearest distances per query.
     *
     * @param nearest       distance to the nearest reference row
     * @param secondNearest distance to the second-nearest reference row (+∞ when the reference has one row)
     * @param index         index of the nearest reference row
     */
    public record Neighbours(double[] nearest, double[] secondNearest, int[] index) {
    }

    /** Searches {@code reference} for every row of {@code queries}, with up to {@code threads} threads. */
    public static Neighbours search(MixedDistance distance, RowMatrix queries, RowMatrix reference, int threads) {
        int m = distance.width();
        if (queries.columns() != m || reference.columns() != m) {
            throw new IllegalArgumentException("rows are not encoded for this distance");
        }
        if (reference.rows() == 0) {
            throw new IllegalArgumentException("the reference table has no rows");
        }
        double[] ref = reference.data();
        double[] qs = queries.data();
        boolean[] numeric = distance.numericFlags();
        int n = queries.rows();
        double[] nearest = new double[n];
        double[] second = new double[n];
        int[] index = new int[n];
        int chunk = 64;
        int chunks = (n + chunk - 1) / chunk;
        Runnable work = () -> IntStream.range(0, chunks).parallel().forEach(c -> {
            for (int q = c * chunk; q < Math.min(n, (c + 1) * chunk); q++) {
                searchOne(qs, q, ref, reference.rows(), m, numeric, nearest, second, index);
            }
        });
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("nearest-neighbour search interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("nearest-neighbour search failed", e.getCause());
        } finally {
            pool.shutdown();
        }
        for (int q = 0; q < n; q++) {
            nearest[q] /= m;
            second[q] /= m;
        }
        return new Neighbours(nearest, second, index);
    }

    private static void searchOne(double[] qs, int q, double[] ref, int refRows, int m, boolean[] numeric,
                                  double[] nearestOut, double[] secondOut, int[] indexOut) {
        int qb = q * m;
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        int bestIndex = -1;
        for (int r = 0; r < refRows; r++) {
            int rb = r * m;
            double s = 0;
            int k = 0;
            for (; k < m; k++) {
                double a = qs[qb + k];
                double b = ref[rb + k];
                double d;
                if (numeric[k]) {
                    d = Math.abs(a - b);
                    if (d != d) {
                        d = a != a && b != b ? 0.0 : 1.0;
                    } else if (d > 1.0) {
                        d = 1.0;
                    }
                } else {
                    d = a == b ? 0.0 : 1.0;
                }
                s += d;
                if (s >= second) {
                    break;
                }
            }
            if (k == m) {
                if (s < best) {
                    second = best;
                    best = s;
                    bestIndex = r;
                } else if (s < second) {
                    second = s;
                }
                if (second == 0.0) {
                    break;
                }
            }
        }
        nearestOut[q] = best;
        secondOut[q] = second;
        indexOut[q] = bestIndex;
    }
}
