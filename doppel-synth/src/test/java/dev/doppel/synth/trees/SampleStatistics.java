package dev.doppel.synth.trees;

import dev.doppel.synth.TwoSampleStatistics;

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


    /** See {@link TwoSampleStatistics#ks(NumericColumn, NumericColumn)}. */
    static double ks(NumericColumn a, NumericColumn b) {
        return TwoSampleStatistics.ks(a, b);
    }

    /** See {@link TwoSampleStatistics#spearman}. */
    static double spearman(NumericColumn a, NumericColumn b) {
        return TwoSampleStatistics.spearman(a, b);
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


}
