package dev.doppel.synth.trees;

import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Plain reference statistics for the trees tests, easy to check by eye. */
final class SampleStatistics {
    private SampleStatistics() {
    }

    /** Two-sample Kolmogorov–Smirnov distance over the non-null values. */
    static double ks(NumericColumn a, NumericColumn b) {
        double[] x = a.sortedNonNull();
        double[] y = b.sortedNonNull();
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

    /** Total variation distance between the frequencies of the rows' keys (one or more columns, null a value). */
    static double tvd(Table a, Table b, String... columns) {
        Map<String, double[]> shares = new HashMap<>();
        for (int r = 0; r < a.rowCount(); r++) {
            shares.computeIfAbsent(key(a, r, columns), k -> new double[2])[0] += 1.0 / a.rowCount();
        }
        for (int r = 0; r < b.rowCount(); r++) {
            shares.computeIfAbsent(key(b, r, columns), k -> new double[2])[1] += 1.0 / b.rowCount();
        }
        double sum = 0;
        for (double[] s : shares.values()) {
            sum += Math.abs(s[0] - s[1]);
        }
        return sum / 2;
    }

    /** Spearman correlation over rows where both are non-null (average ranks for ties). */
    static double spearman(NumericColumn a, NumericColumn b) {
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
        return pearson(ranks(Arrays.copyOf(x, n)), ranks(Arrays.copyOf(y, n)));
    }

    /** The row's values in {@code columns} (all columns when none are named) as one string. */
    static String key(Table table, int row, String... columns) {
        StringBuilder key = new StringBuilder();
        for (Column c : columns.length == 0 ? table.columns() : Arrays.stream(columns).map(table::column).toList()) {
            if (c instanceof NumericColumn n) {
                key.append(n.isNull(row) ? "\u0000" : Double.toString(n.get(row)));
            } else {
                String v = ((CategoricalColumn) c).get(row);
                key.append(v == null ? "\u0000" : v);
            }
            key.append('\u0001');
        }
        return key.toString();
    }

    static Set<String> rowKeys(Table table) {
        Set<String> keys = new HashSet<>();
        for (int r = 0; r < table.rowCount(); r++) {
            keys.add(key(table, r));
        }
        return keys;
    }

    /** Share of the table's rows whose full key is in {@code keys}. */
    static double copyRate(Table table, Set<String> keys) {
        int copies = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            if (keys.contains(key(table, r))) {
                copies++;
            }
        }
        return (double) copies / table.rowCount();
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
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = (i + j) / 2.0 + 1;
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
