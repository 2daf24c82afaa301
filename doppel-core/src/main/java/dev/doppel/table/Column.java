package dev.doppel.table;

/** One named column of a {@link Table}: values stored in primitive arrays, nulls explicit. */
public sealed interface Column permits NumericColumn, CategoricalColumn {
    String name();

    int size();

    boolean isNull(int row);

    /** Number of null values. */
    default int nullCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isNull(i)) {
                n++;
            }
        }
        return n;
    }

    /** The same values under another name. */
    Column renamed(String newName);
}
