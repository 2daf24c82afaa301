package dev.doppel.eval.fidelity;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.metadata.ColumnMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SDMetrics' Column Shapes property: per learned column, {@code KSComplement} (1 − two-sample Kolmogorov–Smirnov
 * statistic) for numerical and datetime columns, {@code TVComplement} (1 − total variation distance of the category
 * frequencies) for categorical and boolean columns. ID, PII and TEXT columns are not scored.
 *
 * <p>Nulls as in SDMetrics: KSComplement drops them from both samples; TVComplement counts null as one more category.
 */
public final class ColumnShapeScore {
    private ColumnShapeScore() {
    }

    /**
     * The shape score of one column.
     *
     * @param column column name
     * @param metric {@code KSComplement} or {@code TVComplement}
     * @param score  in [0, 1], 1 = identical distributions; NaN when one side has no non-null value (KS undefined)
     */
    public record ColumnShape(String column, String metric, double score) {
    }

    /** Scores every learned column of table {@code b} against table {@code a}. */
    public static List<ColumnShape> of(AlignedTables tables, Role a, Role b) {
        List<ColumnShape> out = new ArrayList<>();
        for (int j = 0; j < tables.columnCount(); j++) {
            ColumnMetadata c = tables.columns().get(j);
            if (tables.isNumeric(j)) {
                out.add(new ColumnShape(c.name(), "KSComplement",
                        ksComplement(tables.numeric(j, a), tables.numeric(j, b))));
            } else {
                out.add(new ColumnShape(c.name(), "TVComplement",
                        tvComplement(tables.codes(j, a), tables.codes(j, b))));
            }
        }
        return out;
    }

    /** 1 − the two-sample KS statistic of the non-NaN values; NaN when either side has none. */
    public static double ksComplement(double[] real, double[] synthetic) {
        double[] x = sortedNonNull(real);
        double[] y = sortedNonNull(synthetic);
        if (x.length == 0 || y.length == 0) {
            return Double.NaN;
        }
        return 1.0 - ksStatistic(x, y);
    }

    /** The two-sample KS statistic sup |F_x − F_y| of two sorted samples; ties are stepped over together. */
    static double ksStatistic(double[] x, double[] y) {
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

    private static double[] sortedNonNull(double[] values) {
        double[] out = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                out[n++] = v;
            }
        }
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }

    /**
     * 1 − TVD of the code frequencies, TVD = ½ Σ |p_real − p_synthetic| over the union of codes; code −1 (null) is a
     * category. (SDMetrics gives values seen only in the synthetic data a real count of 1e-6; its effect is below 1e-6
     * and is left out.)
     */
    public static double tvComplement(int[] real, int[] synthetic) {
        int max = -1;
        for (int c : real) {
            max = Math.max(max, c);
        }
        for (int c : synthetic) {
            max = Math.max(max, c);
        }
        int[] p = new int[max + 2];
        for (int c : real) {
            p[c + 1]++;
        }
        int[] q = new int[max + 2];
        for (int c : synthetic) {
            q[c + 1]++;
        }
        double tv = 0;
        for (int k = 0; k < p.length; k++) {
            tv += Math.abs((double) p[k] / real.length - (double) q[k] / synthetic.length);
        }
        return 1.0 - Math.min(1.0, 0.5 * tv);
    }
}
