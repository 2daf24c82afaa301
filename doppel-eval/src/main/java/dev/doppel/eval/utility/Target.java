package dev.doppel.eval.utility;

import dev.doppel.InvalidDataException;
import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The column models learn to predict, checked against the data. A numerical or datetime target is a regression task;
 * a categorical or boolean one a binary classification of the positive class against the rest. Unless given, the
 * positive class is the rarer of two classes (with more classes, the most frequent one, one-vs-rest), counted in the
 * real training table. Rows whose target is null take no part in training or testing.
 *
 * @param name          target column
 * @param column        its position among the learned columns
 * @param regression    true for a numeric target
 * @param positiveClass the class labelled 1 (null for regression)
 * @param positiveCode  its shared code (-1 for regression)
 */
public record Target(String name, int column, boolean regression, String positiveClass, int positiveCode) {

    /**
     * Validates the target.
     *
     * @param positiveClass the positive class, or null to choose as described above
     * @throws InvalidDataException when the column does not exist, is not learned, or has fewer than two classes
     *                              (distinct values) in the real training table
     */
    public static Target of(AlignedTables tables, TableMetadata metadata, String name, String positiveClass) {
        ColumnMetadata md = metadata.column(name).orElseThrow(() -> new InvalidDataException("metadata", 0, name,
                "a target column among " + metadata.columnNames(), "no column of that name"));
        int j = tables.indexOf(name);
        if (j < 0) {
            throw new InvalidDataException("metadata", 0, name,
                    "a numerical, datetime, categorical or boolean target", "a " + md.type().jsonName() + " column");
        }
        if (tables.isNumeric(j)) {
            long distinct = Arrays.stream(tables.numeric(j, Role.REAL)).filter(v -> !Double.isNaN(v)).distinct()
                    .limit(2).count();
            if (distinct < 2) {
                throw new InvalidDataException("real table", 0, name, "a target with at least two distinct values",
                        distinct == 0 ? "only nulls" : "a single value");
            }
            return new Target(name, j, true, null, -1);
        }
        List<String> dictionary = tables.dictionary(j);
        int[] counts = new int[dictionary.size()];
        for (int c : tables.codes(j, Role.REAL)) {
            if (c >= 0) {
                counts[c]++;
            }
        }
        int[] present = IntStream.range(0, counts.length).filter(c -> counts[c] > 0).toArray();
        if (present.length < 2) {
            throw new InvalidDataException("real table", 0, name, "a target with at least two classes",
                    present.length == 0 ? "only nulls" : "only the class '" + dictionary.get(present[0]) + "'");
        }
        int positive;
        if (positiveClass != null) {
            positive = dictionary.indexOf(positiveClass);
            if (positive < 0 || counts[positive] == 0) {
                throw new InvalidDataException("real table", 0, name, "the positive class '" + positiveClass
                        + "' among the target's classes", String.valueOf(Arrays.stream(present)
                        .mapToObj(dictionary::get).toList()));
            }
        } else if (present.length == 2) {
            positive = counts[present[1]] < counts[present[0]] ? present[1] : present[0];
        } else {
            positive = present[0];
            for (int c : present) {
                if (counts[c] > counts[positive]) {
                    positive = c;
                }
            }
        }
        return new Target(name, j, false, dictionary.get(positive), positive);
    }

    /** Rows of table {@code role} whose target is not null. */
    public int[] labelledRows(AlignedTables tables, Role role) {
        int n = tables.rowCount(role);
        if (regression) {
            double[] v = tables.numeric(column, role);
            return IntStream.range(0, n).filter(i -> !Double.isNaN(v[i])).toArray();
        }
        int[] c = tables.codes(column, role);
        return IntStream.range(0, n).filter(i -> c[i] >= 0).toArray();
    }

    /** The label of each of {@code rows}: 1/0 for the positive class or not, the value for regression. */
    public float[] labels(AlignedTables tables, Role role, int[] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = regression ? (float) tables.numeric(column, role)[rows[i]]
                    : tables.codes(column, role)[rows[i]] == positiveCode ? 1f : 0f;
        }
        return out;
    }

    /** Learned-column positions of the features: every learned column but the target. */
    public int[] features(AlignedTables tables) {
        return IntStream.range(0, tables.columnCount()).filter(j -> j != column).toArray();
    }
}
