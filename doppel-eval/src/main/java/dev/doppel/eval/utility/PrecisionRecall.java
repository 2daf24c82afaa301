package dev.doppel.eval.utility;

import java.util.Arrays;

/**
 * Precision–recall summaries of scores for a rare positive class, where ROC AUC flatters: average precision (the
 * step-wise area under the precision–recall curve, as scikit-learn's {@code average_precision_score}) and the best
 * recall reachable at a required precision.
 */
public final class PrecisionRecall {
    private PrecisionRecall() {
    }

    /** Σ (R_k − R_{k−1}) · P_k over thresholds at each distinct score, highest first; 0 without positives. */
    public static double averagePrecision(double[] scores, boolean[] positive) {
        double ap = 0;
        double lastRecall = 0;
        for (double[] point : curve(scores, positive)) {
            ap += (point[0] - lastRecall) * point[1];
            lastRecall = point[0];
        }
        return ap;
    }

    /** The highest recall among thresholds whose precision is at least {@code precision}; 0 when none is. */
    public static double recallAtPrecision(double[] scores, boolean[] positive, double precision) {
        double best = 0;
        for (double[] point : curve(scores, positive)) {
            if (point[1] >= precision) {
                best = Math.max(best, point[0]);
            }
        }
        return best;
    }

    /**
     * (recall, precision) at each threshold, one per distinct score from the highest down (a threshold sits only
     * after the last of tied scores); empty without positives.
     */
    private static java.util.List<double[]> curve(double[] scores, boolean[] positive) {
        int[] order = byScoreDescending(scores);
        int positives = count(positive);
        java.util.List<double[]> points = new java.util.ArrayList<>();
        if (positives == 0) {
            return points;
        }
        int tp = 0;
        for (int k = 0; k < order.length; k++) {
            if (positive[order[k]]) {
                tp++;
            }
            if (k + 1 < order.length && scores[order[k + 1]] == scores[order[k]]) {
                continue;
            }
            points.add(new double[] {(double) tp / positives, (double) tp / (k + 1)});
        }
        return points;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            if (x) {
                n++;
            }
        }
        return n;
    }

    private static int[] byScoreDescending(double[] scores) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(scores[b], scores[a]));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }
}
