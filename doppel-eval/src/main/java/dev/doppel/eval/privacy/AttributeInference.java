package dev.doppel.eval.privacy;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.eval.privacy.MixedDistance.RowMatrix;
import java.util.SplittableRandom;

/**
 * Attribute inference in the manner of Anonymeter's {@code InferenceEvaluator}: an attacker who knows every other
 * learned column of a person (the quasi-identifiers) looks up the nearest synthetic row on those columns and reads off
 * the secret column. The attack runs on training rows and, as control, on holdout rows the generator never saw; only
 * the excess of the first over the second is a privacy leak, the rest is what the population itself reveals.
 * A guess is right when it equals the true value (categorical) or is within 5 % of the column's training range
 * (numeric); a null is guessed right only by a null.
 *
 * @param secret           the sensitive column
 * @param attackAccuracy   share of training rows whose secret was guessed right
 * @param controlAccuracy  share of holdout rows guessed right
 * @param baselineAccuracy share guessed right by copying the secret of a random synthetic row
 * @param risk             {@code max(0, (attack − control) / (1 − control))}, Anonymeter's risk; 0 when control = 1
 * @param riskLow          lower end of the risk's 95 % interval (see {@link AttackRisk})
 * @param riskHigh         upper end of the risk's 95 % interval
 */
public record AttributeInference(String secret, double attackAccuracy, double controlAccuracy,
                                 double baselineAccuracy, double risk, double riskLow, double riskHigh) {
    static final double NUMERIC_TOLERANCE = 0.05;

    /**
     * Runs the attack for the learned column at position {@code secret}.
     *
     * @param targets training rows attacked
     * @param control holdout rows attacked as control
     */
    public static AttributeInference of(AlignedTables tables, int secret, int[] targets, int[] control, int threads,
                                        long seed) {
        if (tables.columnCount() < 2) {
            throw new IllegalArgumentException("attribute inference needs quasi-identifiers besides the secret");
        }
        int[] qi = new int[tables.columnCount() - 1];
        for (int j = 0, k = 0; j < tables.columnCount(); j++) {
            if (j != secret) {
                qi[k++] = j;
            }
        }
        MixedDistance distance = MixedDistance.over(tables, qi);
        RowMatrix synth = distance.encode(tables, Role.SYNTHETIC, null);
        int[] guessTrain = NearestNeighbours.search(distance, distance.encode(tables, Role.REAL, targets), synth,
                threads).index();
        int[] guessHold = NearestNeighbours.search(distance, distance.encode(tables, Role.HOLDOUT, control), synth,
                threads).index();
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] random = new int[targets.length];
        for (int i = 0; i < random.length; i++) {
            random[i] = rnd.nextInt(tables.rowCount(Role.SYNTHETIC));
        }
        double tolerance = NUMERIC_TOLERANCE * range(tables, secret);
        double attack = accuracy(tables, secret, Role.REAL, targets, guessTrain, tolerance);
        double ctrl = accuracy(tables, secret, Role.HOLDOUT, control, guessHold, tolerance);
        double baseline = accuracy(tables, secret, Role.REAL, targets, random, tolerance);
        AttackRisk risk = AttackRisk.of(attack, targets.length, ctrl, control.length);
        return new AttributeInference(tables.columns().get(secret).name(), attack, ctrl, baseline, risk.risk(),
                risk.low(), risk.high());
    }

    private static double accuracy(AlignedTables tables, int secret, Role role, int[] rows, int[] guesses,
                                   double tolerance) {
        int right = 0;
        for (int i = 0; i < rows.length; i++) {
            if (tables.isNumeric(secret)) {
                double truth = tables.numeric(secret, role)[rows[i]];
                double guess = tables.numeric(secret, Role.SYNTHETIC)[guesses[i]];
                boolean ok = Double.isNaN(truth) ? Double.isNaN(guess) : Math.abs(truth - guess) <= tolerance;
                right += ok ? 1 : 0;
            } else {
                right += tables.codes(secret, role)[rows[i]] == tables.codes(secret, Role.SYNTHETIC)[guesses[i]] ? 1 : 0;
            }
        }
        return (double) right / rows.length;
    }

    private static double range(AlignedTables tables, int j) {
        if (!tables.isNumeric(j)) {
            return 0;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : tables.numeric(j, Role.REAL)) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi > lo ? hi - lo : 0;
    }
}
