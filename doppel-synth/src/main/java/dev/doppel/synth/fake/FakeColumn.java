package dev.doppel.synth.fake;

import dev.doppel.table.CategoricalColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A column whose values are never learned (ID, PII, TEXT): only its null rate (and for text the word counts) is
 * kept, and fresh values are generated. Implementations are immutable.
 */
public sealed interface FakeColumn permits IdValues, PiiValues, TextValues {
    /** Probability that a generated value is null, in [0, 1]. */
    double nullProbability();

    /**
     * Rows {@code [firstRow, firstRow + rows)} of the column, a pure function of the arguments.
     *
     * @param seed     already specific to the block and column
     * @param firstRow global index of the first row (block * block rows)
     */
    CategoricalColumn sample(String name, long seed, long firstRow, int rows);

    /** Builds a column from generated values (null entries are nulls); the dictionary is the non-null values. */
    static CategoricalColumn column(String name, String[] values) {
        int[] codes = new int[values.length];
        List<String> dictionary = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                codes[i] = CategoricalColumn.NULL;
            } else {
                codes[i] = dictionary.size();
                dictionary.add(values[i]);
            }
        }
        return new CategoricalColumn(name, codes, dictionary);
    }

    /** Which rows are null, drawn independently with the column's null probability. */
    static boolean[] nullRows(double nullProbability, SplittableRandom random, int rows) {
        boolean[] out = new boolean[rows];
        if (nullProbability > 0) {
            for (int i = 0; i < rows; i++) {
                out[i] = random.nextDouble() < nullProbability;
            }
        }
        return out;
    }
}
