package dev.doppel.neural.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * A one-dimensional Gaussian mixture fitted by variational Bayes, as CTGAN's mode-specific normalization uses (there
 * through scikit-learn's {@code BayesianGaussianMixture}). A Dirichlet prior with a small concentration on the
 * weights lets unneeded components empty out; components left with less than {@code pruneBelow} of the weight are
 * dropped. Hipparchus offers only maximum-likelihood EM for mixtures, which keeps every component it is given, so the
 * variational updates (Bishop, Pattern Recognition and Machine Learning, §10.2, in one dimension) are written here.
 *
 * @param weights sum to 1, each at least the pruning threshold
 * @param means   component means
 * @param stds    component standard deviations, positive
 */
public record GaussianMixture(double[] weights, double[] means, double[] stds) {
    /**
     * More than scikit-learn's default 100: from equal-count starting slices, emptying the unneeded components takes a
     * few hundred rounds (a bimodal sample still had five components after 100).
     */
    private static final int MAX_ITERATIONS = 500;
    /** Larger samples are thinned to this many values (every k-th of the sorted values), which keeps the shape. */
    private static final int MAX_VALUES = 10_000;

    public GaussianMixture {
        if (weights.length == 0 || weights.length != means.length || weights.length != stds.length) {
            throw new IllegalArgumentException("a mixture needs as many weights, means and deviations, at least one");
        }
        for (double s : stds) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("deviations must be positive and finite, not " + s);
            }
        }
        weights = weights.clone();
        means = means.clone();
        stds = stds.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] stds() {
        return stds.clone();
    }

    public int components() {
        return weights.length;
    }

    public double mean(int k) {
        return means[k];
    }

    public double std(int k) {
        return stds[k];
    }

    /** P(component | x) for each component. */
    public double[] posterior(double x) {
        double[] p = new double[weights.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < p.length; k++) {
            double z = (x - means[k]) / stds[k];
            p[k] = Math.log(weights[k]) - Math.log(stds[k]) - 0.5 * z * z;
            max = Math.max(max, p[k]);
        }
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(p[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /**
     * Fits at most {@code maxComponents} components to {@code x} (finite values, at least one). Deterministic: the
     * components start on equal-count slices of the sorted values, so no seed is needed.
     *
     * @param concentration the Dirichlet-process concentration (CTGAN: 0.001); small values empty unneeded components
     * @param pruneBelow    components with less weight are dropped (CTGAN: 0.005)
     */
    public static GaussianMixture fit(double[] values, int maxComponents, double concentration, double pruneBelow) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a mixture needs at least one value");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length > MAX_VALUES) {
            double[] thinned = new double[MAX_VALUES];
            for (int i = 0; i < MAX_VALUES; i++) {
                thinned[i] = sorted[(int) ((i + 0.5) * sorted.length / MAX_VALUES)];
            }
            sorted = thinned;
        }
        double[] x = sorted;
        int n = x.length;
        double mean0 = Arrays.stream(x).average().orElseThrow();
        boolean[] active = new boolean[Math.min(maxComponents, n)];
        Arrays.fill(active, true);
        double variance0 = Arrays.stream(x).map(v -> (v - mean0) * (v - mean0)).sum() / n;
        double spread = sorted[n - 1] - sorted[0];
        if (!(variance0 > 0)) {
            // A constant column: one narrow component (its width only scales the normalized value).
            double s = Math.max(Math.abs(mean0) * 1e-6, 1e-6);
            return new GaussianMixture(new double[] {1}, new double[] {mean0}, new double[] {s});
        }
        int k = Math.min(maxComponents, n);
        // Priors as scikit-learn's defaults: mean prior = data mean, mean precision 1, one degree of freedom,
        // precision prior from the data variance.
        double beta0 = 1;
        double nu0 = 1;
        double wInv0 = variance0;
        double[][] r = new double[n][k];
        for (int j = 0; j < k; j++) {
            double lo = sorted[(int) ((long) j * n / k)];
            double hi = sorted[(int) Math.min(n - 1, ((long) (j + 1) * n / k) - 1)];
            for (int i = 0; i < n; i++) {
                if (x[i] >= lo && x[i] <= hi) {
                    r[i][j] = 1;
                }
            }
        }
        normalizeRows(r, k);
        double[] counts = new double[k];
        double[] stickA = new double[k];
        double[] stickB = new double[k];
        double[] beta = new double[k];
        double[] m = new double[k];
        double[] wInv = new double[k];
        double[] nu = new double[k];
        double floor = variance0 * 1e-10 + Math.pow(spread * 1e-9, 2);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            // M step: posterior parameters from the responsibilities.
            for (int j = 0; j < k; j++) {
                double nk = 0;
                double sx = 0;
                for (int i = 0; i < n; i++) {
                    nk += r[i][j];
                    sx += r[i][j] * x[i];
                }
                double xbar = nk > 0 ? sx / nk : mean0;
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    double d = x[i] - xbar;
                    ss += r[i][j] * d * d;
                }
                counts[j] = nk;
                // A component holding less than a hundredth of a row stays empty; skipping it saves time.
                active[j] = active[j] && nk >= 0.01;
                beta[j] = beta0 + nk;
                m[j] = (beta0 * mean0 + nk * xbar) / beta[j];
                wInv[j] = wInv0 + ss + beta0 * nk / (beta0 + nk) * (xbar - mean0) * (xbar - mean0) + floor;
                nu[j] = nu0 + nk;
            }
            // Stick-breaking weights: v_j ~ Beta(1 + N_j, concentration + N_{>j}).
            double after = 0;
            for (int j = k - 1; j >= 0; j--) {
                stickA[j] = 1 + counts[j];
                stickB[j] = concentration + after;
                after += counts[j];
            }
            // E step: responsibilities from expected log weights, precisions and squared distances.
            double[] logPi = new double[k];
            double[] logLambda = new double[k];
            double logRest = 0;
            for (int j = 0; j < k; j++) {
                double total = Gamma.digamma(stickA[j] + stickB[j]);
                logPi[j] = Gamma.digamma(stickA[j]) - total + logRest;
                logRest += Gamma.digamma(stickB[j]) - total;
                logLambda[j] = Gamma.digamma(nu[j] / 2) + Math.log(2) - Math.log(wInv[j]);
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                double[] row = new double[k];
                for (int j = 0; j < k; j++) {
                    double d = x[i] - m[j];
                    row[j] = active[j] ? logPi[j] + 0.5 * logLambda[j] - 0.5 * (1 / beta[j] + nu[j] / wInv[j] * d * d)
                            : Double.NEGATIVE_INFINITY;
                    max = Math.max(max, row[j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    row[j] = Math.exp(row[j] - max);
                    sum += row[j];
                }
                for (int j = 0; j < k; j++) {
                    double v = row[j] / sum;
                    change = Math.max(change, Math.abs(v - r[i][j]));
                    r[i][j] = v;
                }
            }
            if (change < 1e-5) {
                break;
            }
        }
        List<double[]> kept = new ArrayList<>();
        double remaining = 1;
        for (int j = 0; j < k; j++) {
            double v = stickA[j] / (stickA[j] + stickB[j]);
            double w = remaining * v;
            remaining *= 1 - v;
            if (w >= pruneBelow) {
                // The expected precision is nu / wInv.
                kept.add(new double[] {w, m[j], Math.sqrt(wInv[j] / nu[j])});
            }
        }
        if (kept.isEmpty()) {
            return new GaussianMixture(new double[] {1}, new double[] {mean0}, new double[] {Math.sqrt(variance0)});
        }
        kept.sort((a, b) -> Double.compare(a[1], b[1]));
        double total = kept.stream().mapToDouble(c -> c[0]).sum();
        return new GaussianMixture(kept.stream().mapToDouble(c -> c[0] / total).toArray(),
                kept.stream().mapToDouble(c -> c[1]).toArray(), kept.stream().mapToDouble(c -> c[2]).toArray());
    }

    private static void normalizeRows(double[][] r, int k) {
        for (double[] row : r) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += row[j];
            }
            if (sum == 0) {
                Arrays.fill(row, 1.0 / k);
            } else {
                for (int j = 0; j < k; j++) {
                    row[j] /= sum;
                }
            }
        }
    }
}
