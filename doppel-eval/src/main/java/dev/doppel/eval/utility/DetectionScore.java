package dev.doppel.eval.utility;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.eval.RocAuc;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Detection by a classifier two-sample test (C2ST): gradient-boosted trees learn to tell real training rows from
 * synthetic rows on every learned column; the out-of-fold AUC of a stratified k-fold cross-validation measures how
 * well they can. Score = 1 − 2·max(AUC − 0.5, 0), as SDMetrics' detection metrics: 1 = indistinguishable, 0 = always
 * told apart. Each class is subsampled to the same size, at most {@code maxRowsPerClass}, so 0.5 is chance. With
 * fewer rows per class than folds the test is not run and AUC and score are NaN.
 *
 * @param auc          pooled out-of-fold AUC
 * @param score        1 − 2·max(AUC − 0.5, 0)
 * @param folds        cross-validation folds
 * @param rowsPerClass real rows used, and as many synthetic rows
 */
public record DetectionScore(double auc, double score, int folds, int rowsPerClass) {

    /** Runs the test with {@code model}; {@code seed} picks the rows and the folds. */
    public static DetectionScore of(AlignedTables tables, GradientBoostedTrees model, int folds, int maxRowsPerClass,
                                    long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int k = Math.min(maxRowsPerClass, Math.min(tables.rowCount(Role.REAL), tables.rowCount(Role.SYNTHETIC)));
        int[] all = IntStream.range(0, tables.columnCount()).toArray();
        if (k < folds) {
            return new DetectionScore(Double.NaN, Double.NaN, folds, k);
        }
        FeatureMatrix real = FeatureMatrix.ordinal(tables, all, Role.REAL,
                sample(tables.rowCount(Role.REAL), k, rnd.split()));
        FeatureMatrix synth = FeatureMatrix.ordinal(tables, all, Role.SYNTHETIC,
                sample(tables.rowCount(Role.SYNTHETIC), k, rnd.split()));
        FeatureMatrix x = real.append(synth);
        float[] y = new float[2 * k];
        Arrays.fill(y, 0, k, 1f);
        // stratified folds: each class shuffled and dealt round-robin
        int[] fold = new int[2 * k];
        for (int cls = 0; cls < 2; cls++) {
            int[] order = shuffled(k, rnd.split());
            for (int i = 0; i < k; i++) {
                fold[cls * k + order[i]] = i % folds;
            }
        }
        double[] oof = new double[2 * k];
        for (int f = 0; f < folds; f++) {
            int ff = f;
            int[] train = IntStream.range(0, 2 * k).filter(i -> fold[i] != ff).toArray();
            int[] test = IntStream.range(0, 2 * k).filter(i -> fold[i] == ff).toArray();
            float[] labels = new float[train.length];
            for (int i = 0; i < train.length; i++) {
                labels[i] = y[train[i]];
            }
            double[] p = model.fitAndPredict(x.rows(train), labels, x.rows(test), false).scores();
            for (int i = 0; i < test.length; i++) {
                oof[test[i]] = p[i];
            }
        }
        boolean[] isReal = new boolean[2 * k];
        Arrays.fill(isReal, 0, k, true);
        double auc = RocAuc.of(oof, isReal);
        return new DetectionScore(auc, 1.0 - 2.0 * Math.max(auc - 0.5, 0.0), folds, k);
    }

    static int[] sample(int n, int k, SplittableRandom rnd) {
        int[] p = shuffled(n, rnd);
        int[] out = Arrays.copyOf(p, k);
        Arrays.sort(out);
        return out;
    }

    static int[] shuffled(int n, SplittableRandom rnd) {
        int[] p = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
