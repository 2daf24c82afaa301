package dev.doppel.eval.privacy;

import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.eval.AlignedTables;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The distance between two rows used by every privacy metric: the mean over the chosen learned columns of a per-column
 * distance in [0, 1] (a Gower distance with nulls):
 * <ul>
 *   <li>numerical and datetime: {@code min(1, |a − b| / range)}, range = max − min of the real training column
 *       (1 when the column is constant); the cap keeps synthetic values outside the training range from dominating;
 *   <li>categorical and boolean: 0 when equal, 1 otherwise;
 *   <li>null vs null 0, null vs a value 1, in every column.
 * </ul>
 * Each per-column distance is a metric, so their mean is a metric on rows. Rows are {@linkplain #encode encoded} once
 * into a row-major {@code double[]} (numbers divided by the range, categories as codes, null as NaN for numbers and −1
 * for categories), which the search reads without allocation.
 */
public final class MixedDistance {
    private final int[] columns;
    private final boolean[] numeric;
    private final double[] scale;

    private MixedDistance(int[] columns, boolean[] numeric, double[] scale) {
        this.columns = columns;
        this.numeric = numeric;
        this.scale = scale;
    }

    /** A distance over all learned columns, ranges taken from the real training table. */
    public static MixedDistance over(AlignedTables tables) {
        int[] all = new int[tables.columnCount()];
        Arrays.setAll(all, j -> j);
        return over(tables, all);
    }

    /** A distance over the learned columns at positions {@code columns}, ranges from the real training table. */
    public static MixedDistance over(AlignedTables tables, int[] columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a distance needs at least one column");
        }
        boolean[] numeric = new boolean[columns.length];
        double[] scale = new double[columns.length];
        for (int k = 0; k < columns.length; k++) {
            int j = columns[k];
            numeric[k] = tables.isNumeric(j);
            if (numeric[k]) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double v : tables.numeric(j, Role.REAL)) {
                    if (!Double.isNaN(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                double range = hi - lo;
                scale[k] = range > 0 && Double.isFinite(range) ? 1.0 / range : 1.0;
            }
        }
        MixedDistance given = new MixedDistance(columns.clone(), numeric, scale);
        int[] order = visitOrder(given, tables);
        int[] c = new int[order.length];
        boolean[] n = new boolean[order.length];
        double[] s = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            c[k] = columns[order[k]];
            n[k] = numeric[order[k]];
            s[k] = scale[order[k]];
        }
        return new MixedDistance(c, n, s);
    }

    /**
     * The encoding order: categorical columns first, then numeric ones, each by descending mean distance between real
     * rows i and i + n/2 (up to 2000 pairs), so the columns likeliest to exclude a candidate come first. Every
     * distance is summed in this one order (the categorical 0/1 terms first, an exact integer), so equal distances
     * compare equal whichever search path computed them.
     */
    private static int[] visitOrder(MixedDistance d, AlignedTables tables) {
        int n = tables.rowCount(Role.REAL);
        int half = n / 2;
        int pairs = Math.min(half, 2000);
        int[] rows = new int[2 * pairs];
        for (int i = 0; i < pairs; i++) {
            rows[2 * i] = i;
            rows[2 * i + 1] = i + half;
        }
        RowMatrix x = d.encode(tables, Role.REAL, rows);
        int m = d.width();
        double[] mean = new double[m];
        for (int i = 0; i < pairs; i++) {
            for (int k = 0; k < m; k++) {
                mean[k] += d.column(k, x.data()[2 * i * m + k], x.data()[(2 * i + 1) * m + k]);
            }
        }
        boolean[] numeric = d.numeric;
        return IntStream.range(0, m).boxed()
                .sorted((a, b) -> numeric[a] != numeric[b] ? Boolean.compare(numeric[a], numeric[b])
                        : mean[a] != mean[b] ? Double.compare(mean[b], mean[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Number of columns the distance averages over. */
    public int width() {
        return columns.length;
    }

    /** Rows {@code rows} of table {@code role} (all rows when null), encoded for the search. */
    public RowMatrix encode(AlignedTables tables, Role role, int[] rows) {
        int n = rows == null ? tables.rowCount(role) : rows.length;
        int m = columns.length;
        double[] data = new double[n * m];
        for (int k = 0; k < m; k++) {
            int j = columns[k];
            if (numeric[k]) {
                double[] v = tables.numeric(j, role);
                for (int i = 0; i < n; i++) {
                    data[i * m + k] = v[rows == null ? i : rows[i]] * scale[k];
                }
            } else {
                int[] c = tables.codes(j, role);
                for (int i = 0; i < n; i++) {
                    data[i * m + k] = c[rows == null ? i : rows[i]];
                }
            }
        }
        return new RowMatrix(data, n, m);
    }

    /** Distance between row {@code a} of {@code x} and row {@code b} of {@code y}, both encoded by this distance. */
    public double between(RowMatrix x, int a, RowMatrix y, int b) {
        double s = 0;
        int m = columns.length;
        for (int k = 0; k < m; k++) {
            s += column(k, x.data()[a * m + k], y.data()[b * m + k]);
        }
        return s / m;
    }

    /** Per-column distance of two encoded values. */
    double column(int k, double a, double b) {
        if (numeric[k]) {
            double d = Math.abs(a - b);
            if (d != d) {
                // NaN: at least one null; two nulls agree
                return a != a && b != b ? 0.0 : 1.0;
            }
            return d > 1.0 ? 1.0 : d;
        }
        return a == b ? 0.0 : 1.0;
    }

    boolean[] numericFlags() {
        return numeric;
    }

    /** Number of leading categorical columns in the encoding order. */
    int categoricalPrefix() {
        int k = 0;
        while (k < numeric.length && !numeric[k]) {
            k++;
        }
        return k;
    }

    /**
     * Rows encoded for {@link MixedDistance}: row {@code i}, column {@code k} at {@code data[i * columns + k]}.
     *
     * @param data    row-major values
     * @param rows    number of rows
     * @param columns number of columns
     */
    public record RowMatrix(double[] data, int rows, int columns) {
    }
}
