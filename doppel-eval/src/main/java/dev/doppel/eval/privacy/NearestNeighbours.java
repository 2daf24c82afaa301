package dev.doppel.eval.privacy;

import dev.doppel.eval.privacy.MixedDistance.RowMatrix;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Exact nearest-neighbour search under a {@link MixedDistance}: for each query row, the distance to its nearest and
 * second-nearest reference rows and the index of the nearest (the lowest index among equally near rows).
 *
 * <p>Branch and bound over a trie of the reference rows' categorical codes: every categorical mismatch adds exactly
 * 1/m to a distance, so a branch whose mismatches already reach the current second-best is skipped whole, and the
 * branch matching the query is searched first to make that bound tight early. In the trie's leaves the numeric
 * columns are summed with early exit. Real-looking data has most nearest neighbours in the query's own categorical
 * leaf, so most of the reference is never touched. Queries are searched in parallel chunks; each query's answer depends
 * only on the query, so results are identical for any number of threads.
 */
public final class NearestNeighbours {
    private static final int CHUNK = 64;

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
        Trie trie = new Trie(reference, distance.categoricalPrefix());
        boolean[] numeric = distance.numericFlags();
        int n = queries.rows();
        double[] nearest = new double[n];
        double[] second = new double[n];
        int[] index = new int[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        Runnable work = () -> IntStream.range(0, chunks).parallel().forEach(c -> {
            Query q = new Query(trie, reference.data(), m, numeric, queries.data());
            for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) {
                q.run(i);
                nearest[i] = q.best / m;
                second[i] = q.second / m;
                index[i] = q.bestIndex;
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
        return new Neighbours(nearest, second, index);
    }

    /** The reference rows sorted by their leading {@code k} categorical codes, with the trie of equal-prefix ranges. */
    private static final class Trie {
        final int k;
        /** Reference row indices, sorted by codes then index. */
        final int[] rows;
        /** Per node: first and one-past-last position in {@link #rows}, first child, child count, code. */
        int[] start = new int[64];
        int[] end = new int[64];
        int[] firstChild = new int[64];
        int[] childCount = new int[64];
        double[] code = new double[64];
        int nodes;

        Trie(RowMatrix reference, int k) {
            this.k = k;
            int m = reference.columns();
            double[] d = reference.data();
            Integer[] order = IntStream.range(0, reference.rows()).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> {
                for (int l = 0; l < k; l++) {
                    int c = Double.compare(d[a * m + l], d[b * m + l]);
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(a, b);
            });
            rows = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
            int root = newNode(0, rows.length, Double.NaN);
            build(root, 0, d, m);
        }

        private int newNode(int from, int to, double c) {
            if (nodes == start.length) {
                int size = nodes * 2;
                start = Arrays.copyOf(start, size);
                end = Arrays.copyOf(end, size);
                firstChild = Arrays.copyOf(firstChild, size);
                childCount = Arrays.copyOf(childCount, size);
                code = Arrays.copyOf(code, size);
            }
            start[nodes] = from;
            end[nodes] = to;
            code[nodes] = c;
            return nodes++;
        }

        /** Children of {@code node} are allocated contiguously, then each is expanded. */
        private void build(int node, int level, double[] d, int m) {
            if (level == k) {
                return;
            }
            int from = start[node];
            int to = end[node];
            int first = nodes;
            int i = from;
            while (i < to) {
                double c = d[rows[i] * m + level];
                int j = i + 1;
                while (j < to && d[rows[j] * m + level] == c) {
                    j++;
                }
                newNode(i, j, c);
                i = j;
            }
            firstChild[node] = first;
            childCount[node] = nodes - first;
            for (int child = first; child < first + childCount[node]; child++) {
                build(child, level + 1, d, m);
            }
        }
    }

    /** One thread's search state; distances are kept as sums (times m) until the end. */
    private static final class Query {
        final Trie trie;
        final double[] ref;
        final int m;
        final boolean[] numeric;
        final double[] queries;
        int base;
        double best;
        double second;
        int bestIndex;

        Query(Trie trie, double[] ref, int m, boolean[] numeric, double[] queries) {
            this.trie = trie;
            this.ref = ref;
            this.m = m;
            this.numeric = numeric;
            this.queries = queries;
        }

        void run(int q) {
            base = q * m;
            best = Double.POSITIVE_INFINITY;
            second = Double.POSITIVE_INFINITY;
            bestIndex = -1;
            visit(0, 0, 0.0);
        }

        /**
         * True when a row whose distance is at least {@code s} cannot change the answer: above the second-best, or
         * equal to it while the best is strictly smaller (an equal best could still lower the index).
         */
        private boolean excluded(double s) {
            return s > second || (s == second && best < second);
        }

        private void visit(int node, int level, double mismatches) {
            if (level == trie.k) {
                scan(node, mismatches);
                return;
            }
            double qc = queries[base + level];
            int first = trie.firstChild[node];
            int last = first + trie.childCount[node];
            int match = -1;
            for (int c = first; c < last; c++) {
                if (trie.code[c] == qc) {
                    match = c;
                    visit(c, level + 1, mismatches);
                    break;
                }
            }
            for (int c = first; c < last; c++) {
                if (excluded(mismatches + 1)) {
                    return;
                }
                if (c != match) {
                    visit(c, level + 1, mismatches + 1);
                }
            }
        }

        private void scan(int node, double mismatches) {
            int k = trie.k;
            for (int p = trie.start[node]; p < trie.end[node]; p++) {
                int r = trie.rows[p];
                int rb = r * m;
                double s = mismatches;
                int j = k;
                for (; j < m; j++) {
                    double a = queries[base + j];
                    double b = ref[rb + j];
                    double d;
                    if (numeric[j]) {
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
                    if (s > second) {
                        break;
                    }
                }
                if (j == m && !excluded(s)) {
                    offer(s, r);
                }
            }
        }

        private void offer(double s, int r) {
            if (s < best) {
                second = best;
                best = s;
                bestIndex = r;
            } else if (s == best) {
                second = best;
                if (r < bestIndex) {
                    bestIndex = r;
                }
            } else if (s < second) {
                second = s;
            }
        }
    }
}
