package dev.doppel.eval.utility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A linear model with an L2 penalty: logistic regression for a binary target, ridge regression (squared loss) for a
 * numeric one, fitted by full-batch Adam from zero weights (so the fit is deterministic). Features are made linear
 * first: numeric features standardised with the training mean and deviation, a missing value set to the mean and
 * flagged in an indicator feature; categorical features one-hot encoded over their {@value #MAX_LEVELS} most frequent
 * training codes plus a null indicator. Importance of a feature is the sum of |weight| over its encoded columns.
 *
 * @param l2           penalty on the squared weights (the intercept is not penalised), per training row
 * @param iterations   Adam steps
 * @param learningRate Adam step size
 */
public record LogisticRegression(double l2, int iterations, double learningRate) {
    static final int MAX_LEVELS = 50;

    public LogisticRegression {
        if (l2 < 0 || iterations < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("l2 must be >= 0, iterations and learningRate positive");
        }
    }

    /** L2 1e-4, 300 steps of 0.05. */
    public static LogisticRegression defaults() {
        return new LogisticRegression(1e-4, 300, 0.05);
    }

    /**
     * Fits on {@code train} and predicts {@code test}.
     *
     * @param categorical per feature, true when it holds category codes
     * @param labels      0/1 for classification, the value for regression
     */
    public Predictions fitAndPredict(FeatureMatrix train, boolean[] categorical, float[] labels, FeatureMatrix test,
                                     boolean regression) {
        Design design = Design.fit(train, categorical);
        double[][] x = design.apply(train);
        double[][] xt = design.apply(test);
        int p = design.width();
        int n = x.length;
        double yMean = 0;
        double yScale = 1;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels[i];
        }
        if (regression) {
            yMean = Arrays.stream(y).average().orElse(0);
            double mean = yMean;
            double sd = Math.sqrt(Arrays.stream(y).map(v -> (v - mean) * (v - mean)).average().orElse(0));
            yScale = sd > 0 ? sd : 1;
            for (int i = 0; i < n; i++) {
                y[i] = (y[i] - yMean) / yScale;
            }
        }
        double[] w = new double[p + 1];
        double[] m1 = new double[p + 1];
        double[] m2 = new double[p + 1];
        double[] grad = new double[p + 1];
        double beta1 = 0.9;
        double beta2 = 0.999;
        for (int t = 1; t <= iterations; t++) {
            Arrays.fill(grad, 0);
            for (int i = 0; i < n; i++) {
                double z = w[p];
                double[] xi = x[i];
                for (int k = 0; k < p; k++) {
                    z += w[k] * xi[k];
                }
                double err = (regression ? z : sigmoid(z)) - y[i];
                for (int k = 0; k < p; k++) {
                    grad[k] += err * xi[k];
                }
                grad[p] += err;
            }
            for (int k = 0; k <= p; k++) {
                double g = grad[k] / n + (k < p ? 2 * l2 * w[k] : 0);
                m1[k] = beta1 * m1[k] + (1 - beta1) * g;
                m2[k] = beta2 * m2[k] + (1 - beta2) * g * g;
                double mh = m1[k] / (1 - Math.pow(beta1, t));
                double vh = m2[k] / (1 - Math.pow(beta2, t));
                w[k] -= learningRate * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        double[] scores = new double[xt.length];
        for (int i = 0; i < xt.length; i++) {
            double z = w[p];
            for (int k = 0; k < p; k++) {
                z += w[k] * xt[i][k];
            }
            scores[i] = regression ? yMean + yScale * z : sigmoid(z);
        }
        double[] importance = new double[train.columns()];
        for (int k = 0; k < p; k++) {
            importance[design.source[k]] += Math.abs(w[k]);
        }
        return new Predictions(scores, Predictions.normalised(importance));
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** How raw features become linear-model columns; fitted on the training rows only. */
    private static final class Design {
        /** Per encoded column: the feature it comes from. */
        final int[] source;
        /** Per encoded column: -1 standardised value, -2 missing indicator, -3 null indicator, else the code. */
        final int[] kind;
        final double[] mean;
        final double[] scale;

        private Design(int[] source, int[] kind, double[] mean, double[] scale) {
            this.source = source;
            this.kind = kind;
            this.mean = mean;
            this.scale = scale;
        }

        int width() {
            return source.length;
        }

        static Design fit(FeatureMatrix x, boolean[] categorical) {
            List<int[]> cols = new ArrayList<>();
            List<double[]> stats = new ArrayList<>();
            int m = x.columns();
            for (int f = 0; f < m; f++) {
                if (categorical[f]) {
                    Map<Integer, Integer> counts = new HashMap<>();
                    boolean hasNull = false;
                    for (int i = 0; i < x.rows(); i++) {
                        float v = x.data()[i * m + f];
                        if (Float.isNaN(v)) {
                            hasNull = true;
                        } else {
                            counts.merge((int) v, 1, Integer::sum);
                        }
                    }
                    int feature = f;
                    counts.entrySet().stream()
                            .sorted(Comparator.comparing((Map.Entry<Integer, Integer> e) -> -e.getValue())
                                    .thenComparing(Map.Entry::getKey))
                            .limit(MAX_LEVELS)
                            .forEach(e -> {
                                cols.add(new int[] {feature, e.getKey()});
                                stats.add(new double[] {0, 1});
                            });
                    if (hasNull) {
                        cols.add(new int[] {f, -3});
                        stats.add(new double[] {0, 1});
                    }
                } else {
                    double sum = 0;
                    int n = 0;
                    boolean hasNull = false;
                    for (int i = 0; i < x.rows(); i++) {
                        float v = x.data()[i * m + f];
                        if (Float.isNaN(v)) {
                            hasNull = true;
                        } else {
                            sum += v;
                            n++;
                        }
                    }
                    double mu = n == 0 ? 0 : sum / n;
                    double ss = 0;
                    for (int i = 0; i < x.rows(); i++) {
                        float v = x.data()[i * m + f];
                        if (!Float.isNaN(v)) {
                            ss += (v - mu) * (v - mu);
                        }
                    }
                    double sd = n == 0 ? 0 : Math.sqrt(ss / n);
                    cols.add(new int[] {f, -1});
                    stats.add(new double[] {mu, sd > 0 ? sd : 1});
                    if (hasNull) {
                        cols.add(new int[] {f, -2});
                        stats.add(new double[] {0, 1});
                    }
                }
            }
            return new Design(cols.stream().mapToInt(c -> c[0]).toArray(), cols.stream().mapToInt(c -> c[1]).toArray(),
                    stats.stream().mapToDouble(s -> s[0]).toArray(), stats.stream().mapToDouble(s -> s[1]).toArray());
        }

        double[][] apply(FeatureMatrix x) {
            int m = x.columns();
            double[][] out = new double[x.rows()][source.length];
            IntStream.range(0, x.rows()).forEach(i -> {
                for (int k = 0; k < source.length; k++) {
                    float v = x.data()[i * m + source[k]];
                    out[i][k] = switch (kind[k]) {
                        case -1 -> Float.isNaN(v) ? 0 : (v - mean[k]) / scale[k];
                        case -2, -3 -> Float.isNaN(v) ? 1 : 0;
                        default -> !Float.isNaN(v) && (int) v == kind[k] ? 1 : 0;
                    };
                }
            });
            return out;
        }
    }
}
