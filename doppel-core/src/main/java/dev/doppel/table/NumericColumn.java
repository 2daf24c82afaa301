package dev.doppel.table;

import java.util.Arrays;

/**
 * Numbers as doubles (integers, decimals, and datetimes as epoch seconds). A null is marked by {@code Double.NaN};
 * NaN is therefore not a value a column can hold, which the CSV reader enforces.
 *
 * <p>The array is owned by the column: callers hand it over and must not change it afterwards.
 */
public final class NumericColumn implements Column {
    private final String name;
    private final double[] values;

    public NumericColumn(String name, double[] values) {
        this.name = name;
        this.values = values;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isNull(int row) {
        return Double.isNaN(values[row]);
    }

    /** The value at {@code row}, NaN when null. */
    public double get(int row) {
        return values[row];
    }

    /** A copy of the values, NaN for nulls. */
    public double[] toArray() {
        return values.clone();
    }

    /** The non-null values, sorted ascending. */
    public double[] sortedNonNull() {
        double[] out = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                out[n++] = v;
            }
        }
        double[] sorted = Arrays.copyOf(out, n);
        Arrays.sort(sorted);
        return sorted;
    }

    @Override
    public NumericColumn renamed(String newName) {
        return new NumericColumn(newName, values);
    }
}
