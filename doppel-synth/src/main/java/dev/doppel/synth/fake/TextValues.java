package dev.doppel.synth.fake;

import dev.doppel.table.CategoricalColumn;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import net.datafaker.Faker;

/**
 * Lorem-ipsum text whose word counts follow the training text's: only the word-count quantiles are learned, never
 * the words.
 *
 * @param wordCountQuantiles word counts at evenly spaced probabilities 0..1, non-decreasing, at least 2
 * @param nullProbability    probability of a null value
 */
public record TextValues(double[] wordCountQuantiles, double nullProbability) implements FakeColumn {
    /** Knots kept for the word-count distribution. */
    public static final int KNOTS = 101;

    public TextValues {
        wordCountQuantiles = wordCountQuantiles.clone();
    }

    /** Learns the word counts of the non-null {@code texts}; empty input gives a one-word distribution. */
    public static TextValues fit(String[] texts, double nullProbability) {
        double[] counts = Arrays.stream(texts)
                .filter(t -> t != null)
                .mapToDouble(t -> t.isBlank() ? 0 : t.trim().split("\\s+").length)
                .sorted()
                .toArray();
        if (counts.length == 0) {
            return new TextValues(new double[] {1, 1}, nullProbability);
        }
        int k = Math.min(KNOTS, Math.max(2, counts.length));
        double[] q = new double[k];
        for (int i = 0; i < k; i++) {
            double h = (counts.length - 1) * (double) i / (k - 1);
            int lo = (int) h;
            int hi = Math.min(counts.length - 1, lo + 1);
            q[i] = counts[lo] + (h - lo) * (counts[hi] - counts[lo]);
        }
        return new TextValues(q, nullProbability);
    }

    @Override
    public double[] wordCountQuantiles() {
        return wordCountQuantiles.clone();
    }

    @Override
    public CategoricalColumn sample(String name, long seed, long firstRow, int rows) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] nulls = FakeColumn.nullRows(nullProbability, random, rows);
        Faker faker = new Faker(Locale.US, new Random(seed ^ 0x5DEECE66DL));
        String[] values = new String[rows];
        int k = wordCountQuantiles.length;
        for (int i = 0; i < rows; i++) {
            double h = random.nextDouble() * (k - 1);
            int lo = (int) h;
            double count = lo >= k - 1 ? wordCountQuantiles[k - 1]
                    : wordCountQuantiles[lo] + (h - lo) * (wordCountQuantiles[lo + 1] - wordCountQuantiles[lo]);
            int words = Math.max(1, (int) Math.round(count));
            values[i] = nulls[i] ? null : String.join(" ", faker.lorem().words(words));
        }
        return FakeColumn.column(name, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextValues t && Arrays.equals(wordCountQuantiles, t.wordCountQuantiles)
                && nullProbability == t.nullProbability;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wordCountQuantiles) * 31 + Double.hashCode(nullProbability);
    }

    @Override
    public String toString() {
        return "TextValues[" + wordCountQuantiles.length + " knots, nullProbability=" + nullProbability + "]";
    }
}
