package dev.doppel.eval.privacy;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.eval.RocAuc;
import dev.doppel.eval.privacy.MixedDistance.RowMatrix;

/**
 * A distance-based membership-inference attack: the attacker holds the synthetic table and a real row, and guesses
 * the row was in the training data when a synthetic row lies close to it. Scored as the AUC of the score
 * {@code −DCR(row → synthetic)} separating training rows (members) from holdout rows (non-members); 0.5 means the
 * synthetic data tells nothing about membership, 1.0 that it gives every member away.
 */
public final class MembershipInference {
    private MembershipInference() {
    }

    /**
     * The attack's AUC.
     *
     * @param members training rows used as members (as many as the holdout has, so classes are balanced)
     */
    public static double auc(AlignedTables tables, MixedDistance distance, int[] members, int threads) {
        RowMatrix synth = distance.encode(tables, Role.SYNTHETIC, null);
        double[] in = NearestNeighbours.search(distance, distance.encode(tables, Role.REAL, members), synth, threads)
                .nearest();
        double[] out = NearestNeighbours.search(distance, distance.encode(tables, Role.HOLDOUT, null), synth, threads)
                .nearest();
        double[] scores = new double[in.length + out.length];
        boolean[] member = new boolean[scores.length];
        for (int i = 0; i < in.length; i++) {
            scores[i] = -in[i];
            member[i] = true;
        }
        for (int i = 0; i < out.length; i++) {
            scores[in.length + i] = -out[i];
        }
        return RocAuc.of(scores, member);
    }
}
