package dev.doppel.synth.bayesnet;

import dev.doppel.synth.condition.ImpossibleConditionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the network's variables for a block of rows, exactly from P(variables | evidence) where evidence is a
 * likelihood per state of some variables (1 allowed, 0 excluded, or a fraction for partly allowed bins).
 *
 * <p>Variables outside the evidence's ancestral set are independent of the evidence given their parents and are drawn
 * forward from their tables. The ancestral set is handled by variable elimination: each variable is summed out of the
 * product of the factors that mention it (its "bucket"), and rows are then drawn backwards through the buckets, each
 * variable from its bucket given the variables eliminated after it. This is exact, and costs per row only a look-up
 * of each variable's states.
 */
final class StateSampler {
    /** Largest factor built during elimination; beyond it a condition is refused rather than exhausting memory. */
    static final long MAX_FACTOR = 20_000_000L;

    private final Network network;
    private final int[] forwardOrder;
    private final double[][] cumulative;
    private final int[][] strides;
    private final int[] eliminated;
    private final Factor[] buckets;
    private final double logProbability;

    /** Forward sampling without evidence. */
    StateSampler(Network network) {
        this(network, new double[network.size()][]);
    }

    /**
     * @param likelihood per variable, a weight per state, or null for variables without evidence
     * @throws ImpossibleConditionException when the evidence has probability 0 under the network
     */
    StateSampler(Network network, double[][] likelihood) {
        this.network = network;
        int d = network.size();
        int[] cards = network.cards();
        List<Integer> evidence = new ArrayList<>();
        for (int v = 0; v < d; v++) {
            if (likelihood[v] != null) {
                evidence.add(v);
            }
        }
        boolean[] ancestral = network.ancestralSet(evidence);
        this.forwardOrder = Arrays.stream(network.order()).filter(v -> !ancestral[v]).toArray();
        this.cumulative = new double[d][];
        this.strides = new int[d][];
        for (int v : forwardOrder) {
            ConditionalTable t = network.tables().get(v);
            cumulative[v] = t.cumulative();
            strides[v] = ConditionalTable.strides(t.parents(), cards);
        }
        List<Factor> pool = new ArrayList<>();
        for (int v = 0; v < d; v++) {
            if (ancestral[v]) {
                Factor f = Factor.of(v, network.tables().get(v));
                pool.add(likelihood[v] == null ? f : weighted(f, v, likelihood[v]));
            }
        }
        int[] order = eliminationOrder(ancestral, cards);
        this.eliminated = order;
        this.buckets = new Factor[order.length];
        double logZ = 0;
        for (int k = 0; k < order.length; k++) {
            int v = order[k];
            List<Factor> mentioning = new ArrayList<>();
            List<Factor> rest = new ArrayList<>();
            for (Factor f : pool) {
                (f.indexOf(v) >= 0 ? mentioning : rest).add(f);
            }
            Factor bucket;
            try {
                bucket = Factor.product(mentioning.toArray(Factor[]::new), cards, MAX_FACTOR);
            } catch (Factor.TooLargeException e) {
                throw new ImpossibleConditionException("the condition links too many columns for exact sampling on "
                        + "this network (" + e.getMessage() + "); condition on fewer columns");
            }
            buckets[k] = bucket;
            Factor message = bucket.sumOut(v);
            double max = message.max();
            if (max == 0) {
                throw new ImpossibleConditionException("no row can satisfy the condition: the model gives it "
                        + "probability 0");
            }
            logZ += Math.log(max);
            rest.add(message.scaled(1 / max));
            pool = rest;
        }
        this.logProbability = logZ;
    }

    /** The probability of the evidence under the network (1 without evidence). */
    double probability() {
        return Math.exp(logProbability);
    }

    private static Factor weighted(Factor f, int var, double[] weights) {
        int at = f.indexOf(var);
        int stride = f.strides[at];
        int card = f.cards[at];
        double[] values = f.values.clone();
        for (int i = 0; i < values.length; i++) {
            values[i] *= weights[(i / stride) % card];
        }
        return new Factor(f.vars, f.cards, values);
    }

    /** Greedy minimum-weight order over the interaction graph of the ancestral set; ties to the lowest index. */
    private int[] eliminationOrder(boolean[] in, int[] cards) {
        int d = in.length;
        boolean[][] adjacent = new boolean[d][d];
        for (int v = 0; v < d; v++) {
            if (!in[v]) {
                continue;
            }
            int[] family = Arrays.copyOf(network.tables().get(v).parents(), network.tables().get(v).parents().length + 1);
            family[family.length - 1] = v;
            for (int a : family) {
                for (int b : family) {
                    if (a != b) {
                        adjacent[a][b] = true;
                    }
                }
            }
        }
        List<Integer> left = new ArrayList<>();
        for (int v = 0; v < d; v++) {
            if (in[v]) {
                left.add(v);
            }
        }
        int[] order = new int[left.size()];
        for (int k = 0; k < order.length; k++) {
            int best = -1;
            double bestWeight = Double.POSITIVE_INFINITY;
            for (int v : left) {
                double weight = cards[v];
                for (int u : left) {
                    if (adjacent[v][u]) {
                        weight *= cards[u];
                    }
                }
                if (weight < bestWeight) {
                    bestWeight = weight;
                    best = v;
                }
            }
            order[k] = best;
            left.remove(Integer.valueOf(best));
            for (int a : left) {
                for (int b : left) {
                    if (a != b && adjacent[best][a] && adjacent[best][b]) {
                        adjacent[a][b] = true;
                    }
                }
            }
        }
        return order;
    }

    /** States of every variable for {@code rows} rows: {@code states[variable][row]}. */
    int[][] draw(SplittableRandom random, int rows) {
        int d = network.size();
        int[][] states = new int[d][rows];
        int[] row = new int[d];
        double[] weights = new double[64];
        for (int i = 0; i < rows; i++) {
            for (int k = eliminated.length - 1; k >= 0; k--) {
                int v = eliminated[k];
                Factor b = buckets[k];
                int at = b.indexOf(v);
                int base = 0;
                for (int j = 0; j < b.vars.length; j++) {
                    if (j != at) {
                        base += row[b.vars[j]] * b.strides[j];
                    }
                }
                int card = b.cards[at];
                if (weights.length < card) {
                    weights = new double[card];
                }
                double total = 0;
                for (int s = 0; s < card; s++) {
                    total += b.values[base + s * b.strides[at]];
                    weights[s] = total;
                }
                double u = random.nextDouble() * total;
                int s = 0;
                while (s < card - 1 && weights[s] <= u) {
                    s++;
                }
                while (s > 0 && b.values[base + s * b.strides[at]] == 0) {
                    s--;
                }
                row[v] = s;
            }
            for (int v : forwardOrder) {
                ConditionalTable t = network.tables().get(v);
                int config = 0;
                int[] parents = t.parents();
                for (int j = 0; j < parents.length; j++) {
                    config += row[parents[j]] * strides[v][j];
                }
                row[v] = ConditionalTable.draw(cumulative[v], config, t.states(), random);
            }
            for (int v = 0; v < d; v++) {
                states[v][i] = row[v];
            }
        }
        return states;
    }
}
