package dev.doppel.eval.utility;

import dev.doppel.eval.RocAuc;

/**
 * How well one model predicts the holdout's target. Classification fields are NaN for regression and vice versa.
 *
 * @param auc      ROC AUC of the positive-class probability
 * @param f1       F1 of the positive class at threshold 0.5
 * @param accuracy share of rows classified right at threshold 0.5
 * @param r2       coefficient of determination 1 − SS_res / SS_tot
 * @param rmse     root mean squared error, in the target's unit
 */
public record ModelScores(double auc, double f1, double accuracy, double r2, double rmse) {

    /** Scores of probabilities {@code p} against 0/1 labels {@code y}. */
    public static ModelScores classification(double[] p, float[] y) {
        boolean[] positive = new boolean[y.length];
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            positive[i] = y[i] > 0.5f;
            boolean predicted = p[i] >= 0.5;
            tp += predicted && positive[i] ? 1 : 0;
            fp += predicted && !positive[i] ? 1 : 0;
            fn += !predicted && positive[i] ? 1 : 0;
            right += predicted == positive[i] ? 1 : 0;
        }
        double f1 = tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
        return new ModelScores(RocAuc.of(p, positive), f1, (double) right / y.length, Double.NaN,
                Double.NaN);
    }

    /** Scores of predictions {@code p} against values {@code y}. */
    public static ModelScores regression(double[] p, float[] y) {
        double mean = 0;
        for (float v : y) {
            mean += v;
        }
        mean /= y.length;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < y.length; i++) {
            ssRes += (y[i] - p[i]) * (y[i] - p[i]);
            ssTot += (y[i] - mean) * (y[i] - mean);
        }
        return new ModelScores(Double.NaN, Double.NaN, Double.NaN, ssTot > 0 ? 1 - ssRes / ssTot : Double.NaN,
                Math.sqrt(ssRes / y.length));
    }

    /** {@code real − synthetic} for AUC, F1, accuracy and R²; {@code synthetic − real} for RMSE: positive = worse. */
    public static ModelScores gap(ModelScores real, ModelScores synthetic) {
        return new ModelScores(real.auc - synthetic.auc, real.f1 - synthetic.f1, real.accuracy - synthetic.accuracy,
                real.r2 - synthetic.r2, synthetic.rmse - real.rmse);
    }
}
