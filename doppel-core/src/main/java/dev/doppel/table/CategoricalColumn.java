package dev.doppel.table;

import java.util.List;

/**
 * Strings stored as int codes into a dictionary of distinct values; code {@link #NULL} marks a null. Every column
 * read from a file starts as a categorical column, so type inference and parsing work once per distinct value.
 *
 * <p>The codes array is owned by the column: callers hand it over and must not change it afterwards.
 */
public final class CategoricalColumn implements Column {
    /** The code of a null value. */
    public static final int NULL = -1;

    private final String name;
    private final int[] codes;
    private final List<String> dictionary;

    public CategoricalColumn(String name, int[] codes, List<String> dictionary) {
        this.name = name;
        this.codes = codes;
        this.dictionary = List.copyOf(dictionary);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isNull(int row) {
        return codes[row] == NULL;
    }

    /** The code at {@code row}: an index into {@link #dictionary()}, or {@link #NULL}. */
    public int code(int row) {
        return codes[row];
    }

    /** The string at {@code row}, null when the value is null. */
    public String get(int row) {
        int c = codes[row];
        return c == NULL ? null : dictionary.get(c);
    }

    /** Distinct values, indexed by code. May hold values that no row uses. */
    public List<String> dictionary() {
        return dictionary;
    }

    /** How many rows carry each code. */
    public int[] counts() {
        int[] counts = new int[dictionary.size()];
        for (int c : codes) {
            if (c != NULL) {
                counts[c]++;
            }
        }
        return counts;
    }

    @Override
    public CategoricalColumn renamed(String newName) {
        return new CategoricalColumn(newName, codes, dictionary);
    }
}
