package dev.doppel.synth.trees;

/**
 * The learned columns of a training table in the form trees are grown on: categorical columns as class indices
 * (null being a class of its own when it occurs), numeric columns as values (NaN = null) with their rows sorted by
 * value once, nulls last. Read-only after construction, so trees for different columns can be grown concurrently.
 */
final class TrainingColumns {
    private final int rows;
    private final int[][] classes;
    private final int[] classCount;
    private final double[][] values;
    private final int[][] sortedRows;

    /**
     * @param classes    per column, the class index of each row, or null for numeric columns
     * @param classCount per column, the number of classes (0 for numeric columns)
     * @param values     per column, the values (NaN = null), or null for categorical columns
     */
    TrainingColumns(int rows, int[][] classes, int[] classCount, double[][] values) {
        this.rows = rows;
        this.classes = classes;
        this.classCount = classCount;
        this.values = values;
        this.sortedRows = new int[values.length][];
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                sortedRows[c] = sortByValue(values[c]);
            }
        }
    }

    int rows() {
        return rows;
    }

    boolean isNumeric(int column) {
        return values[column] != null;
    }

    int[] classes(int column) {
        return classes[column];
    }

    int classCount(int column) {
        return classCount[column];
    }

    double[] values(int column) {
        return values[column];
    }

    /** All rows ordered by the column's value (ties by row), nulls last; shared, do not change. */
    int[] sortedRows(int column) {
        return sortedRows[column];
    }

    /** Counting sort on the rank of each distinct value: stable, O(n log d) for d distinct values. */
    private static int[] sortByValue(double[] v) {
        int n = v.length;
        double[] distinct = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().distinct().toArray();
        int[] start = new int[distinct.length + 2];
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) {
            rank[r] = Double.isNaN(v[r]) ? distinct.length : java.util.Arrays.binarySearch(distinct, v[r]);
            start[rank[r] + 1]++;
        }
        for (int d = 1; d < start.length; d++) {
            start[d] += start[d - 1];
        }
        int[] out = new int[n];
        for (int r = 0; r < n; r++) {
            out[start[rank[r]]++] = r;
        }
        return out;
    }
}
