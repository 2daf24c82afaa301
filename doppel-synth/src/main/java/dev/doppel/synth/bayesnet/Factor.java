package dev.doppel.synth.bayesnet;

import java.util.Arrays;

/**
 * A non-negative function of some discrete variables, as a dense table: {@code values[Σ state[j] · stride[j]]} with
 * strides from the first variable (stride 1). The unit of variable elimination.
 */
final class Factor {
    final int[] vars;
    final int[] cards;
    final int[] strides;
    final double[] values;

    Factor(int[] vars, int[] cards, double[] values) {
        this.vars = vars;
        this.cards = cards;
        this.strides = new int[vars.length];
        long size = 1;
        for (int j = 0; j < vars.length; j++) {
            strides[j] = (int) size;
            size *= cards[j];
        }
        if (size != values.length) {
            throw new IllegalArgumentException("factor of size " + size + " given " + values.length + " values");
        }
        this.values = values;
    }

    /** P(child | parents) of {@code table} as a factor over (parents..., child). */
    static Factor of(int child, ConditionalTable table) {
        int p = table.parents().length;
        int[] vars = Arrays.copyOf(table.parents(), p + 1);
        vars[p] = child;
        int[] cards = Arrays.copyOf(table.parentCards(), p + 1);
        cards[p] = table.states();
        // The table's layout is config * states + s; as a factor with the child last that is s * configs + config.
        int configs = table.configurations();
        double[] values = new double[table.probabilities().length];
        for (int c = 0; c < configs; c++) {
            for (int s = 0; s < table.states(); s++) {
                values[s * configs + c] = table.probabilities()[c * table.states() + s];
            }
        }
        return new Factor(vars, cards, values);
    }

    int indexOf(int var) {
        for (int j = 0; j < vars.length; j++) {
            if (vars[j] == var) {
                return j;
            }
        }
        return -1;
    }

    /** The product of {@code factors} over the union of their variables, in ascending variable order. */
    static Factor product(Factor[] factors, int[] allCards, long maxSize) {
        int[] vars = Arrays.stream(factors).flatMapToInt(f -> Arrays.stream(f.vars)).distinct().sorted().toArray();
        int[] cards = new int[vars.length];
        long size = 1;
        for (int j = 0; j < vars.length; j++) {
            cards[j] = allCards[vars[j]];
            size *= cards[j];
            if (size > maxSize) {
                throw new TooLargeException(size);
            }
        }
        double[] values = new double[(int) size];
        // For each factor, the stride of each product variable in that factor's table (0 when absent).
        int[][] map = new int[factors.length][vars.length];
        for (int k = 0; k < factors.length; k++) {
            for (int j = 0; j < vars.length; j++) {
                int at = factors[k].indexOf(vars[j]);
                map[k][j] = at < 0 ? 0 : factors[k].strides[at];
            }
        }
        int[] state = new int[vars.length];
        int[] offset = new int[factors.length];
        for (int i = 0; i < size; i++) {
            double v = 1;
            for (int k = 0; k < factors.length && v != 0; k++) {
                v *= factors[k].values[offset[k]];
            }
            values[i] = v;
            // Advance the mixed-radix counter and each factor's offset with it.
            for (int j = 0; j < vars.length; j++) {
                if (++state[j] < cards[j]) {
                    for (int k = 0; k < factors.length; k++) {
                        offset[k] += map[k][j];
                    }
                    break;
                }
                state[j] = 0;
                for (int k = 0; k < factors.length; k++) {
                    offset[k] -= map[k][j] * (cards[j] - 1);
                }
            }
        }
        return new Factor(vars, cards, values);
    }

    /** This factor with {@code var} summed out. */
    Factor sumOut(int var) {
        int at = indexOf(var);
        int[] newVars = new int[vars.length - 1];
        int[] newCards = new int[vars.length - 1];
        for (int j = 0, k = 0; j < vars.length; j++) {
            if (j != at) {
                newVars[k] = vars[j];
                newCards[k++] = cards[j];
            }
        }
        int inner = strides[at];
        int card = cards[at];
        int outer = values.length / (inner * card);
        double[] out = new double[inner * outer];
        for (int o = 0; o < outer; o++) {
            for (int s = 0; s < card; s++) {
                int base = (o * card + s) * inner;
                for (int i = 0; i < inner; i++) {
                    out[o * inner + i] += values[base + i];
                }
            }
        }
        return new Factor(newVars, newCards, out);
    }

    double max() {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    Factor scaled(double by) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= by;
        }
        return new Factor(vars, cards, out);
    }

    /** A product that would be too large to hold. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(long size) {
            super("a factor of " + size + " entries");
        }
    }
}
