package dev.doppel.synth.trees;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The joint distribution of the first columns in a trees model's visiting order, all categorical, restricted to
 * allowed classes: every combination is enumerated with its probability (the product of the leaves' class shares
 * along the order), so sampling from it is exact. The columns after the prefix are then drawn as usual, given it.
 */
final class ConditionedPrefix {
    /** Most combinations enumerated before a condition is refused as too wide. */
    static final int MAX_COMBINATIONS = 1_000_000;

    private final int[] columns;
    private final int[][] classes;
    private final double[] cumulative;
    private final double probability;

    private ConditionedPrefix(int[] columns, int[][] classes, double[] cumulative, double probability) {
        this.columns = columns;
        this.classes = classes;
        this.cumulative = cumulative;
        this.probability = probability;
    }

    /**
     * @param prefix  the columns enumerated, in visiting order; each a categorical plan
     * @param allowed per column, which classes the condition allows (null: all)
     * @return the restricted distribution; its {@link #probability()} is 0 when no combination is allowed
     * @throws IllegalStateException when more than {@link #MAX_COMBINATIONS} combinations would be needed
     */
    static ConditionedPrefix of(int[] prefix, List<ColumnPlan> plans, boolean[][] allowed) {
        int width = plans.size();
        int[][] current = new int[width][];
        double[] weight = {1.0};
        int size = 1;
        for (int c : prefix) {
            ColumnPlan.Categorical plan = (ColumnPlan.Categorical) plans.get(c);
            int k = plan.classes().size();
            int[][] next = new int[width][];
            int capacity = 0;
            Leaf.ClassCounts[] leaves = new Leaf.ClassCounts[size];
            for (int i = 0; i < size; i++) {
                leaves[i] = (Leaf.ClassCounts) plan.tree().leafOf(i, new double[width][], current);
                int[] counts = leaves[i].counts();
                for (int s = 0; s < k; s++) {
                    if (counts[s] > 0 && (allowed[c] == null || allowed[c][s])) {
                        capacity++;
                    }
                }
            }
            if (capacity > MAX_COMBINATIONS) {
                throw new IllegalStateException(capacity + " combinations");
            }
            for (int p : prefix) {
                if (current[p] != null || p == c) {
                    next[p] = new int[capacity];
                }
            }
            double[] nextWeight = new double[capacity];
            int n = 0;
            for (int i = 0; i < size; i++) {
                int[] counts = leaves[i].counts();
                int rows = leaves[i].rows();
                for (int s = 0; s < k; s++) {
                    if (counts[s] > 0 && (allowed[c] == null || allowed[c][s])) {
                        for (int p : prefix) {
                            if (current[p] != null) {
                                next[p][n] = current[p][i];
                            }
                        }
                        next[c][n] = s;
                        nextWeight[n] = weight[i] * counts[s] / rows;
                        n++;
                    }
                }
            }
            current = next;
            weight = nextWeight;
            size = capacity;
        }
        double[] cumulative = new double[size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            total += weight[i];
            cumulative[i] = total;
        }
        int[][] classes = new int[prefix.length][];
        for (int j = 0; j < prefix.length; j++) {
            classes[j] = current[prefix[j]];
        }
        return new ConditionedPrefix(prefix.clone(), classes, cumulative, total);
    }

    /** The probability of the allowed combinations under the model. */
    double probability() {
        return probability;
    }

    int[] columns() {
        return columns.clone();
    }

    /** Draws {@code rows} combinations into {@code classes[column]} for each prefix column. */
    void draw(SplittableRandom random, int rows, int[][] out) {
        for (int j = 0; j < columns.length; j++) {
            out[columns[j]] = new int[rows];
        }
        for (int i = 0; i < rows; i++) {
            double u = random.nextDouble() * probability;
            int at = Arrays.binarySearch(cumulative, u);
            at = at >= 0 ? Math.min(at + 1, cumulative.length - 1) : Math.min(-at - 1, cumulative.length - 1);
            for (int j = 0; j < columns.length; j++) {
                out[columns[j]][i] = classes[j][at];
            }
        }
    }
}
