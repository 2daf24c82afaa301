package dev.doppel.eval.utility;

import dev.doppel.InvalidDataException;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.fidelity.ColumnPairTrendScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Machine-learning utility: each model is trained once on the real training table (TRTR) and once on the synthetic
 * table (TSTR), and both are tested on the holdout. A small gap means models learned from synthetic data are as good.
 *
 * @param target        target column
 * @param regression    true for a numeric target
 * @param positiveClass the positive class of a classification, null for regression
 * @param trainRows     labelled training rows
 * @param syntheticRows labelled synthetic rows
 * @param holdoutRows   labelled holdout rows
 * @param models        one entry per model family
 */
public record UtilityReport(String target, boolean regression, String positiveClass, int trainRows,
                            int syntheticRows, int holdoutRows, List<ModelComparison> models) {

    public UtilityReport {
        models = List.copyOf(models);
    }

    /**
     * One model family trained on real and on synthetic data.
     *
     * @param model               {@code gradient_boosting} or {@code logistic_regression}
     * @param real                holdout scores of the model trained on real data (TRTR)
     * @param synthetic           holdout scores of the model trained on synthetic data (TSTR)
     * @param gap                 {@link ModelScores#gap real − synthetic}
     * @param importanceAgreement Spearman rank correlation of the two models' feature importances
     * @param features            feature names
     * @param realImportance      importance per feature, model trained on real data (sums to 1)
     * @param syntheticImportance importance per feature, model trained on synthetic data
     */
    public record ModelComparison(String model, ModelScores real, ModelScores synthetic, ModelScores gap,
                                  double importanceAgreement, List<String> features, List<Double> realImportance,
                                  List<Double> syntheticImportance) {
        public ModelComparison {
            features = List.copyOf(features);
            realImportance = List.copyOf(realImportance);
            syntheticImportance = List.copyOf(syntheticImportance);
        }
    }

    /**
     * The report together with the boosted models' holdout predictions, which the bias evaluation reads.
     *
     * @param report        the utility report
     * @param holdoutRows   the labelled holdout rows, in prediction order
     * @param labels        their 0/1 (or numeric) labels
     * @param realModel     predictions of the boosted model trained on real data
     * @param syntheticModel predictions of the boosted model trained on synthetic data
     */
    public record Outcome(UtilityReport report, int[] holdoutRows, float[] labels, double[] realModel,
                          double[] syntheticModel) {
    }

    /** Trains and tests both model families; the tables must include a holdout. */
    public static Outcome of(AlignedTables tables, Target target, GradientBoostedTrees trees,
                             LogisticRegression linear) {
        if (!tables.hasHoldout()) {
            throw new IllegalArgumentException("utility needs a holdout table");
        }
        int[] features = target.features(tables);
        int[] trainRows = target.labelledRows(tables, Role.REAL);
        int[] synthRows = target.labelledRows(tables, Role.SYNTHETIC);
        int[] holdRows = target.labelledRows(tables, Role.HOLDOUT);
        if (synthRows.length == 0 || holdRows.length == 0) {
            throw new InvalidDataException(synthRows.length == 0 ? "synthetic table" : "holdout table", 0,
                    target.name(), "rows with a target value", "only nulls");
        }
        FeatureMatrix xTrain = FeatureMatrix.ordinal(tables, features, Role.REAL, trainRows);
        FeatureMatrix xSynth = FeatureMatrix.ordinal(tables, features, Role.SYNTHETIC, synthRows);
        FeatureMatrix xHold = FeatureMatrix.ordinal(tables, features, Role.HOLDOUT, holdRows);
        float[] yTrain = target.labels(tables, Role.REAL, trainRows);
        float[] ySynth = target.labels(tables, Role.SYNTHETIC, synthRows);
        float[] yHold = target.labels(tables, Role.HOLDOUT, holdRows);
        boolean[] categorical = new boolean[features.length];
        for (int k = 0; k < features.length; k++) {
            categorical[k] = !tables.isNumeric(features[k]);
        }
        boolean reg = target.regression();
        Predictions gbReal = trees.fitAndPredict(xTrain, yTrain, xHold, reg);
        Predictions gbSynth = trees.fitAndPredict(xSynth, ySynth, xHold, reg);
        Predictions lrReal = linear.fitAndPredict(xTrain, categorical, yTrain, xHold, reg);
        Predictions lrSynth = linear.fitAndPredict(xSynth, categorical, ySynth, xHold, reg);
        List<ModelComparison> models = new ArrayList<>();
        models.add(compare("gradient_boosting", gbReal, gbSynth, yHold, reg, xTrain.names()));
        models.add(compare("logistic_regression", lrReal, lrSynth, yHold, reg, xTrain.names()));
        UtilityReport report = new UtilityReport(target.name(), reg, target.positiveClass(), trainRows.length,
                synthRows.length, holdRows.length, models);
        return new Outcome(report, holdRows, yHold, gbReal.scores(), gbSynth.scores());
    }

    private static ModelComparison compare(String name, Predictions real, Predictions synth, float[] y,
                                           boolean regression, List<String> features) {
        ModelScores r = regression ? ModelScores.regression(real.scores(), y)
                : ModelScores.classification(real.scores(), y);
        ModelScores s = regression ? ModelScores.regression(synth.scores(), y)
                : ModelScores.classification(synth.scores(), y);
        return new ModelComparison(name, r, s, ModelScores.gap(r, s),
                spearman(real.importance(), synth.importance()), features,
                Arrays.stream(real.importance()).boxed().toList(), Arrays.stream(synth.importance()).boxed().toList());
    }

    /** Spearman rank correlation with mid-ranks for ties; NaN with fewer than two features or no variation. */
    static double spearman(double[] a, double[] b) {
        if (a.length < 2) {
            return Double.NaN;
        }
        return ColumnPairTrendScore.pearson(ranks(a), ranks(b));
    }

    static double[] ranks(double[] v) {
        Integer[] order = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[order[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }
}
