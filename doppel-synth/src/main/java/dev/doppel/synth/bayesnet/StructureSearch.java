package dev.doppel.synth.bayesnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Learns which variables are each variable's parents: greedy hill climbing over single-edge additions, removals and
 * reversals, maximising the BIC score, with at most {@code maxParents} parents drawn from each variable's
 * {@code candidates} partners of highest mutual information. Deterministic: ties go to the lowest variable indices, and
 * family scores are computed in parallel into fixed slots, so the structure does not depend on the thread count.
 */
final class StructureSearch {
    private final int[][] data;
    private final int[] cards;
    private final int rows;
    private final int maxParents;
    private final double penaltyPerParameter;
    private final Map<Family, Double> scores = new HashMap<>();

    private record Family(int child, int[] parents) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Family f && f.child == child && Arrays.equals(f.parents, parents);
        }

        @Override
        public int hashCode() {
            return 31 * child + Arrays.hashCode(parents);
        }
    }

    /**
     * @param data    states per variable and row
     * @param cards   number of states per variable
     * @param penalty multiplier of the BIC penalty (1 is BIC; lower admits richer families)
     */
    StructureSearch(int[][] data, int[] cards, int maxParents, double penalty) {
        this.data = data;
        this.cards = cards;
        this.rows = data.length == 0 ? 0 : data[0].length;
        this.maxParents = maxParents;
        this.penaltyPerParameter = penalty * 0.5 * Math.log(Math.max(2, rows));
    }

    /** The parents of each variable, each list ascending. */
    int[][] search(int candidates, int threads) {
        int d = cards.length;
        int[][] allowed = candidateParents(candidates, threads);
        precomputeScores(allowed, threads);
        int[][] parents = new int[d][0];
        double[] familyScore = new double[d];
        for (int v = 0; v < d; v++) {
            familyScore[v] = score(v, parents[v]);
        }
        while (true) {
            double bestGain = 1e-9;
            int bestOp = -1;
            int bestFrom = -1;
            int bestTo = -1;
            for (int to = 0; to < d; to++) {
                for (int from = 0; from < d; from++) {
                    if (from == to) {
                        continue;
                    }
                    boolean present = contains(parents[to], from);
                    if (!present && parents[to].length < maxParents && contains(allowed[to], from)
                            && !isAncestorOrSelf(parents, to, from)) {
                        double gain = score(to, with(parents[to], from)) - familyScore[to];
                        if (gain > bestGain) {
                            bestGain = gain;
                            bestOp = 0;
                            bestFrom = from;
                            bestTo = to;
                        }
                    } else if (present) {
                        double gain = score(to, without(parents[to], from)) - familyScore[to];
                        if (gain > bestGain) {
                            bestGain = gain;
                            bestOp = 1;
                            bestFrom = from;
                            bestTo = to;
                        }
                        if (parents[from].length < maxParents && contains(allowed[from], to)) {
                            int[][] reversed = parents.clone();
                            reversed[to] = without(parents[to], from);
                            if (!isAncestorOrSelf(reversed, from, to)) {
                                double g = gain + score(from, with(parents[from], to)) - familyScore[from];
                                if (g > bestGain) {
                                    bestGain = g;
                                    bestOp = 2;
                                    bestFrom = from;
                                    bestTo = to;
                                }
                            }
                        }
                    }
                }
            }
            if (bestOp < 0) {
                return parents;
            }
            if (bestOp == 0) {
                parents[bestTo] = with(parents[bestTo], bestFrom);
            } else {
                parents[bestTo] = without(parents[bestTo], bestFrom);
                if (bestOp == 2) {
                    parents[bestFrom] = with(parents[bestFrom], bestTo);
                    familyScore[bestFrom] = score(bestFrom, parents[bestFrom]);
                }
            }
            familyScore[bestTo] = score(bestTo, parents[bestTo]);
        }
    }

    /** Per variable, the {@code k} others of highest mutual information (all others when k covers them). */
    private int[][] candidateParents(int k, int threads) {
        int d = cards.length;
        int[][] allowed = new int[d][];
        if (k >= d - 1) {
            for (int v = 0; v < d; v++) {
                int[] others = new int[d - 1];
                for (int u = 0, j = 0; u < d; u++) {
                    if (u != v) {
                        others[j++] = u;
                    }
                }
                allowed[v] = others;
            }
            return allowed;
        }
        double[][] mi = new double[d][d];
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                pairs.add(new int[] {a, b});
            }
        }
        double[] values = parallel(pairs.size(), threads, i -> mutualInformation(pairs.get(i)[0], pairs.get(i)[1]));
        for (int i = 0; i < pairs.size(); i++) {
            mi[pairs.get(i)[0]][pairs.get(i)[1]] = values[i];
            mi[pairs.get(i)[1]][pairs.get(i)[0]] = values[i];
        }
        for (int v = 0; v < d; v++) {
            final int child = v;
            Integer[] order = new Integer[d - 1];
            for (int u = 0, j = 0; u < d; u++) {
                if (u != v) {
                    order[j++] = u;
                }
            }
            Arrays.sort(order, (x, y) -> mi[child][x] != mi[child][y] ? Double.compare(mi[child][y], mi[child][x])
                    : Integer.compare(x, y));
            int[] chosen = new int[k];
            for (int j = 0; j < k; j++) {
                chosen[j] = order[j];
            }
            Arrays.sort(chosen);
            allowed[v] = chosen;
        }
        return allowed;
    }

    private double mutualInformation(int a, int b) {
        int ca = cards[a];
        int cb = cards[b];
        long[] joint = new long[ca * cb];
        int[] xa = data[a];
        int[] xb = data[b];
        for (int i = 0; i < rows; i++) {
            joint[xa[i] * cb + xb[i]]++;
        }
        long[] ma = new long[ca];
        long[] mb = new long[cb];
        for (int x = 0; x < ca; x++) {
            for (int y = 0; y < cb; y++) {
                ma[x] += joint[x * cb + y];
                mb[y] += joint[x * cb + y];
            }
        }
        double mi = 0;
        for (int x = 0; x < ca; x++) {
            for (int y = 0; y < cb; y++) {
                long n = joint[x * cb + y];
                if (n > 0) {
                    mi += n * Math.log((double) n * rows / ((double) ma[x] * mb[y]));
                }
            }
        }
        return mi / rows;
    }

    /** Scores every family the search can reach, in parallel, before the (sequential) climb. */
    private void precomputeScores(int[][] allowed, int threads) {
        List<Family> families = new ArrayList<>();
        for (int v = 0; v < cards.length; v++) {
            subsets(v, allowed[v], 0, new int[0], families);
        }
        double[] values = parallel(families.size(), threads, i -> familyScore(families.get(i)));
        for (int i = 0; i < families.size(); i++) {
            scores.put(families.get(i), values[i]);
        }
    }

    private void subsets(int child, int[] allowed, int from, int[] chosen, List<Family> out) {
        out.add(new Family(child, chosen));
        if (chosen.length == maxParents) {
            return;
        }
        for (int j = from; j < allowed.length; j++) {
            subsets(child, allowed, j + 1, with(chosen, allowed[j]), out);
        }
    }

    private double score(int child, int[] parents) {
        Double s = scores.get(new Family(child, parents));
        return s != null ? s : Double.NEGATIVE_INFINITY;
    }

    /** Log-likelihood of the child given its parents at the maximum-likelihood estimate, minus the BIC penalty. */
    private double familyScore(Family f) {
        int r = cards[f.child];
        long q = 1;
        for (int p : f.parents) {
            q *= cards[p];
        }
        if (q * r > 50_000_000L) {
            return Double.NEGATIVE_INFINITY;
        }
        int[] counts = new int[(int) (q * r)];
        int[] child = data[f.child];
        int[][] parentData = new int[f.parents.length][];
        for (int j = 0; j < f.parents.length; j++) {
            parentData[j] = data[f.parents[j]];
        }
        int[] strides = ConditionalTable.strides(f.parents, cards);
        for (int i = 0; i < rows; i++) {
            int config = 0;
            for (int j = 0; j < parentData.length; j++) {
                config += parentData[j][i] * strides[j];
            }
            counts[config * r + child[i]]++;
        }
        double ll = 0;
        for (int c = 0; c < q; c++) {
            long total = 0;
            for (int s = 0; s < r; s++) {
                total += counts[c * r + s];
            }
            if (total == 0) {
                continue;
            }
            for (int s = 0; s < r; s++) {
                int n = counts[c * r + s];
                if (n > 0) {
                    ll += n * Math.log((double) n / total);
                }
            }
        }
        return ll - penaltyPerParameter * q * (r - 1);
    }

    @FunctionalInterface
    private interface IndexFunction {
        double apply(int i);
    }

    private static double[] parallel(int n, int threads, IndexFunction f) {
        double[] out = new double[n];
        if (threads <= 1 || n < 64) {
            for (int i = 0; i < n; i++) {
                out[i] = f.apply(i);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "doppel-bayesnet");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int first = t;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < n; i += threads) {
                        out[i] = f.apply(i);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while learning the network", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("learning the network failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    static boolean contains(int[] a, int x) {
        for (int y : a) {
            if (y == x) {
                return true;
            }
        }
        return false;
    }

    static int[] with(int[] a, int x) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = x;
        Arrays.sort(out);
        return out;
    }

    static int[] without(int[] a, int x) {
        return Arrays.stream(a).filter(y -> y != x).toArray();
    }

    /** True when {@code ancestor} is {@code node} or one of its ancestors; an edge node→ancestor would close a cycle. */
    private static boolean isAncestorOrSelf(int[][] parents, int ancestor, int node) {
        boolean[] seen = new boolean[parents.length];
        ArrayList<Integer> stack = new ArrayList<>();
        stack.add(node);
        while (!stack.isEmpty()) {
            int v = stack.remove(stack.size() - 1);
            if (v == ancestor) {
                return true;
            }
            if (!seen[v]) {
                seen[v] = true;
                for (int p : parents[v]) {
                    stack.add(p);
                }
            }
        }
        return false;
    }
}
