package dev.doppel.eval.privacy;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How much the synthetic table reveals about the people in the training table. Needs a holdout: every metric compares
 * what the synthetic data reveals about training rows with what it reveals about real rows it never saw.
 *
 * @param dcr                   distances to closest records, DCR share, exact copies, NNDR
 * @param membershipInferenceAuc AUC of the distance-based membership attack; 0.5 is ideal
 * @param attributeInference    one entry per sensitive column
 * @param singlingOut           univariate singling-out risk
 */
public record PrivacyReport(DistanceToClosestRecord dcr, double membershipInferenceAuc,
                            List<AttributeInference> attributeInference, SinglingOutRisk singlingOut) {

    public PrivacyReport {
        attributeInference = List.copyOf(attributeInference);
    }

    /**
     * Settings of the privacy evaluation.
     *
     * @param secrets            learned columns attacked by attribute inference
     * @param attackRows         most training and holdout rows attacked by attribute inference
     * @param singlingOutQueries most predicates tried by the singling-out attack
     * @param threads            threads for nearest-neighbour search
     * @param seed               seed for every random choice
     */
    public record Options(List<String> secrets, int attackRows, int singlingOutQueries, int threads, long seed) {
        public Options {
            secrets = List.copyOf(secrets);
            if (attackRows < 1 || singlingOutQueries < 1 || threads < 1) {
                throw new IllegalArgumentException("attackRows, singlingOutQueries and threads must be positive");
            }
        }
    }

    /** Runs every privacy metric; the tables must include a holdout. */
    public static PrivacyReport of(AlignedTables tables, Options options) {
        if (!tables.hasHoldout()) {
            throw new IllegalArgumentException("privacy metrics need a holdout table");
        }
        SplittableRandom rnd = new SplittableRandom(options.seed());
        int nTrain = tables.rowCount(Role.REAL);
        int nHold = tables.rowCount(Role.HOLDOUT);
        int[] trainSample = sample(nTrain, Math.min(nTrain, nHold), rnd.split());
        MixedDistance distance = MixedDistance.over(tables);
        DistanceToClosestRecord dcr = DistanceToClosestRecord.of(tables, distance, trainSample, options.threads());
        double mia = MembershipInference.auc(tables, distance, trainSample, options.threads());
        List<AttributeInference> attributes = new ArrayList<>();
        int attack = Math.min(options.attackRows(), trainSample.length);
        int[] targets = Arrays.stream(sample(trainSample.length, attack, rnd.split())).map(i -> trainSample[i])
                .toArray();
        int[] control = sample(nHold, attack, rnd.split());
        for (String secret : options.secrets()) {
            int j = tables.indexOf(secret);
            if (j < 0) {
                throw new IllegalArgumentException("sensitive column " + secret + " is not a learned column");
            }
            attributes.add(AttributeInference.of(tables, j, targets, control, options.threads(), rnd.nextLong()));
        }
        SinglingOutRisk singlingOut = SinglingOutRisk.of(tables, trainSample, options.singlingOutQueries(),
                rnd.nextLong());
        return new PrivacyReport(dcr, mia, attributes, singlingOut);
    }

    /** {@code k} distinct indices of {@code 0..n-1}, ascending, drawn with {@code rnd}. */
    static int[] sample(int n, int k, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        int[] out = Arrays.copyOf(p, k);
        Arrays.sort(out);
        return out;
    }
}
