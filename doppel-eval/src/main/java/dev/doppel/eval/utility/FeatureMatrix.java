package dev.doppel.eval.utility;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of learned columns as model features, row-major {@code float}s: feature {@code k} of row {@code i} at
 * {@code data[i * columns + k]}.
 *
 * @param data    row-major values; NaN = missing (only in {@link #ordinal} matrices)
 * @param rows    number of rows
 * @param columns number of features
 * @param names   one name per feature
 */
public record FeatureMatrix(float[] data, int rows, int columns, List<String> names) {

    public FeatureMatrix {
        names = List.copyOf(names);
        if (data.length != (long) rows * columns || names.size() != columns) {
            throw new IllegalArgumentException("data, rows, columns and names disagree");
        }
    }

    /**
     * For trees: numeric columns as they are (NaN for null), categorical columns as their shared code (NaN for null),
     * which a tree splits as ordered integers.
     *
     * @param features learned-column positions to use
     * @param rows     rows of table {@code role} to take (all when null)
     */
    public static FeatureMatrix ordinal(AlignedTables tables, int[] features, Role role, int[] rows) {
        int n = rows == null ? tables.rowCount(role) : rows.length;
        int m = features.length;
        float[] data = new float[n * m];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            int j = features[k];
            names.add(tables.columns().get(j).name());
            for (int i = 0; i < n; i++) {
                int r = rows == null ? i : rows[i];
                if (tables.isNumeric(j)) {
                    data[i * m + k] = (float) tables.numeric(j, role)[r];
                } else {
                    int c = tables.codes(j, role)[r];
                    data[i * m + k] = c < 0 ? Float.NaN : c;
                }
            }
        }
        return new FeatureMatrix(data, n, m, names);
    }

    /** The rows {@code rows} of this matrix. */
    public FeatureMatrix rows(int[] rows) {
        float[] out = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data, rows[i] * columns, out, i * columns, columns);
        }
        return new FeatureMatrix(out, rows.length, columns, names);
    }

    /** This matrix with {@code other}'s rows appended (same features). */
    public FeatureMatrix append(FeatureMatrix other) {
        if (other.columns != columns) {
            throw new IllegalArgumentException("feature counts differ");
        }
        float[] out = Arrays.copyOf(data, data.length + other.data.length);
        System.arraycopy(other.data, 0, out, data.length, other.data.length);
        return new FeatureMatrix(out, rows + other.rows, columns, names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureMatrix f && rows == f.rows && columns == f.columns && Arrays.equals(data, f.data)
                && names.equals(f.names);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + names.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + " × " + columns + " " + names + "]";
    }
}
