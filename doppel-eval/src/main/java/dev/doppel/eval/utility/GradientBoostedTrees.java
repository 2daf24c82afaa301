package dev.doppel.eval.utility;

import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees by XGBoost ({@code hist} trees, no row or column subsampling, so a fit is a function of the
 * data, the parameters and the thread count). Binary classification uses {@code binary:logistic}, regression
 * {@code reg:squarederror}. Importance is XGBoost's total gain per feature.
 *
 * @param rounds       boosting rounds
 * @param maxDepth     tree depth
 * @param learningRate shrinkage (eta)
 * @param threads      XGBoost {@code nthread}
 * @param seed         XGBoost {@code seed}
 */
public record GradientBoostedTrees(int rounds, int maxDepth, double learningRate, int threads, long seed) {

    public GradientBoostedTrees {
        if (rounds < 1 || maxDepth < 1 || !(learningRate > 0) || threads < 1) {
            throw new IllegalArgumentException("rounds, maxDepth, learningRate and threads must be positive");
        }
    }

    /** 100 rounds of depth-6 trees at eta 0.1. */
    public static GradientBoostedTrees defaults(int threads, long seed) {
        return new GradientBoostedTrees(100, 6, 0.1, threads, seed);
    }

    /**
     * Fits on {@code train} and predicts {@code test}.
     *
     * @param labels     per training row: 0/1 for classification, the value for regression
     * @param regression true for a numeric target
     */
    public Predictions fitAndPredict(FeatureMatrix train, float[] labels, FeatureMatrix test, boolean regression) {
        Map<String, Object> params = new HashMap<>();
        params.put("objective", regression ? "reg:squarederror" : "binary:logistic");
        params.put("eta", learningRate);
        params.put("max_depth", maxDepth);
        params.put("tree_method", "hist");
        params.put("nthread", threads);
        params.put("seed", seed);
        params.put("verbosity", 0);
        DMatrix dtrain = null;
        DMatrix dtest = null;
        Booster booster = null;
        try {
            dtrain = new DMatrix(train.data(), train.rows(), train.columns(), Float.NaN);
            dtrain.setLabel(labels);
            booster = XGBoost.train(dtrain, params, rounds, Map.of(), null, null);
            dtest = new DMatrix(test.data(), test.rows(), test.columns(), Float.NaN);
            float[][] raw = booster.predict(dtest);
            double[] scores = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                scores[i] = raw[i][0];
            }
            Map<String, Double> gain = booster.getScore((String) null, "total_gain");
            double[] importance = new double[train.columns()];
            for (Map.Entry<String, Double> e : gain.entrySet()) {
                // without feature names XGBoost names feature k "f<k>"
                int k = Integer.parseInt(e.getKey().substring(1));
                importance[k] = e.getValue();
            }
            return new Predictions(scores, Predictions.normalised(importance));
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (dtrain != null) {
                dtrain.dispose();
            }
            if (dtest != null) {
                dtest.dispose();
            }
        }
    }
}
