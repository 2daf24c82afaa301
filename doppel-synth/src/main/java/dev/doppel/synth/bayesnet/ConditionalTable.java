package dev.doppel.synth.bayesnet;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * P(variable | parents) as one distribution over the variable's states per configuration of the parents' states.
 * Configuration {@code c = Σ parentState[j] · stride[j]}, strides from the first parent (stride 1).
 *
 * @param parents       parent variables, ascending
 * @param parentCards   number of states of each parent
 * @param states        number of states of the variable
 * @param probabilities {@code probabilities[c * states + s]}; each configuration's row sums to 1
 */
record ConditionalTable(int[] parents, int[] parentCards, int states, double[] probabilities) {
    ConditionalTable {
        if (parents.length != parentCards.length) {
            throw new IllegalArgumentException("one card per parent");
        }
        long configs = 1;
        for (int c : parentCards) {
            configs *= c;
        }
        if (configs * states != probabilities.length) {
            throw new IllegalArgumentException("expected " + configs * states + " probabilities, got "
                    + probabilities.length);
        }
    }

    int configurations() {
        return probabilities.length / states;
    }

    static int[] strides(int[] parents, int[] cards) {
        int[] strides = new int[parents.length];
        int stride = 1;
        for (int j = 0; j < parents.length; j++) {
            strides[j] = stride;
            stride *= cards[parents[j]];
        }
        return strides;
    }

    /**
     * Estimates the table from data with a Dirichlet prior: {@code (count + α·marginal) / (total + α)}, so unseen
     * parent configurations fall back to the marginal and no state of a seen configuration has probability exactly
     * as in a handful of rows.
     */
    static ConditionalTable estimate(int child, int[] parents, int[][] data, int[] cards, double alpha) {
        int r = cards[child];
        int[] parentCards = new int[parents.length];
        for (int j = 0; j < parents.length; j++) {
            parentCards[j] = cards[parents[j]];
        }
        int[] strides = strides(parents, cards);
        int configs = 1;
        for (int c : parentCards) {
            configs *= c;
        }
        int rows = data[child].length;
        double[] counts = new double[configs * r];
        double[] marginal = new double[r];
        int[] x = data[child];
        for (int i = 0; i < rows; i++) {
            int config = 0;
            for (int j = 0; j < parents.length; j++) {
                config += data[parents[j]][i] * strides[j];
            }
            counts[config * r + x[i]]++;
            marginal[x[i]]++;
        }
        for (int s = 0; s < r; s++) {
            marginal[s] = rows == 0 ? 1.0 / r : marginal[s] / rows;
        }
        for (int c = 0; c < configs; c++) {
            double total = 0;
            for (int s = 0; s < r; s++) {
                total += counts[c * r + s];
            }
            double denominator = total + alpha;
            for (int s = 0; s < r; s++) {
                counts[c * r + s] = denominator == 0 ? marginal[s] : (counts[c * r + s] + alpha * marginal[s]) / denominator;
            }
        }
        return new ConditionalTable(parents.clone(), parentCards, r, counts);
    }

    /** Cumulative rows for sampling; the last entry of each row is forced to 1 against rounding. */
    double[] cumulative() {
        double[] cum = new double[probabilities.length];
        for (int c = 0; c < configurations(); c++) {
            double sum = 0;
            for (int s = 0; s < states; s++) {
                sum += probabilities[c * states + s];
                cum[c * states + s] = sum;
            }
            for (int s = states - 1; s >= 0 && cum[c * states + s] >= sum; s--) {
                cum[c * states + s] = 1.0;
            }
        }
        return cum;
    }

    /** Draws a state from row {@code config} of cumulative table {@code cum}. */
    static int draw(double[] cum, int config, int states, SplittableRandom random) {
        double u = random.nextDouble();
        int from = config * states;
        int lo = 0;
        int hi = states - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[from + mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConditionalTable t && Arrays.equals(parents, t.parents) && states == t.states
                && Arrays.equals(probabilities, t.probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(parents) + Arrays.hashCode(probabilities);
    }
}
