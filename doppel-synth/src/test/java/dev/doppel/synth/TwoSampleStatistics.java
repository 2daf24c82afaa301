package dev.doppel.synth;

import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Reference statistics for the acceptance tests, written plainly so they are easy to check by eye. */
public final class TwoSampleStatistics {
    private TwoSampleStatistics() {
    }

    /** Two-sample Kolmogorov–Smirnov statistic sup |F_a − F_b| over the non-null values (ties handled exactly). */
    public static double ks(NumericColumn a, NumericColumn b) {
        return ks(a.sortedNonNull(), b.sortedNonNull());
    }

    /** The same statistic of two samples (sorted here; NaN must not occur). */
    public static double ks(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    /** Total variation distance between the value frequencies (null counted as a value). */
    public static double tvd(CategoricalColumn a, CategoricalColumn b) {
        Map<String, double[]> shares = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            shares.computeIfAbsent(String.valueOf(a.get(i)), k -> new double[2])[0] += 1.0 / a.size();
        }
        for (int i = 0; i < b.size(); i++) {
            shares.computeIfAbsent(String.valueOf(b.get(i)), k -> new double[2])[1] += 1.0 / b.size();
        }
        double sum = 0;
        for (double[] s : shares.values()) {
            sum += Math.abs(s[0] - s[1]);
        }
        return sum / 2;
    }

    /** Spearman rank correlation over rows where both are non-null (average ranks for ties). */
    public static double spearman(NumericColumn a, NumericColumn b) {
        int n = 0;
        double[] x = new double[a.size()];
        double[] y = new double[a.size()];
        for (int i = 0; i < a.size(); i++) {
            if (!a.isNull(i) && !b.isNull(i)) {
                x[n] = a.get(i);
                y[n] = b.get(i);
                n++;
            }
        }
        return spearman(Arrays.copyOf(x, n), Arrays.copyOf(y, n));
    }

    /** Spearman correlation of paired values (average ranks for ties). */
    public static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    private static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(values[p], values[q]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double average = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = average;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }
}
