package dev.doppel.relational;

import java.util.List;

/**
 * One sampled table: its rows as text, formatted like the source file, keys regenerated.
 *
 * @param name            the table's name
 * @param columns         the header, in source order
 * @param rows            the rows; a null cell is a missing value
 * @param nullMarker      the token written for a missing value
 * @param delimiter       the delimiter written between fields
 * @param conditionedRows rows drawn from the model conditioned on their parent's context (the rest were drawn
 *                        from the table's model without conditioning: see docs/RELATIONAL.md)
 */
public record SyntheticTable(String name, List<String> columns, List<String[]> rows, String nullMarker,
        String delimiter, int conditionedRows) {
    public SyntheticTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The cells of column {@code column}, top to bottom. */
    public List<String> column(String column) {
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("table " + name + " has no column " + column);
        }
        return rows.stream().map(r -> r[c]).toList();
    }
}
