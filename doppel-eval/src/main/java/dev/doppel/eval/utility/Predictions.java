package dev.doppel.eval.utility;

import java.util.Arrays;

/**
 * What a fitted model says about test rows, and which features it relied on.
 *
 * @param scores     per test row: probability of the positive class (classification) or predicted value (regression)
 * @param importance per feature, non-negative, summing to 1 (all 0 when the model used none)
 */
public record Predictions(double[] scores, double[] importance) {

    static double[] normalised(double[] raw) {
        double sum = Arrays.stream(raw).sum();
        return sum > 0 ? Arrays.stream(raw).map(v -> v / sum).toArray() : raw.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Predictions p && Arrays.equals(scores, p.scores) && Arrays.equals(importance, p.importance);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(scores) + Arrays.hashCode(importance);
    }

    @Override
    public String toString() {
        return "Predictions[" + scores.length + " scores, importance " + Arrays.toString(importance) + "]";
    }
}
