package dev.doppel.io;

import dev.doppel.table.Table;

/**
 * A table as read from a delimited file, before typing: every column is a {@code CategoricalColumn} of raw strings.
 *
 * @param sourceName the file name, used in error messages and provenance
 * @param table      the raw columns, nulls already recognised by the null markers
 * @param rowLines   the 1-based line in the file where each data row starts (rows can span lines)
 * @param nullMarker the null token found most often, or "" when there were none; written for nulls on output
 * @param delimiter  the field delimiter of the file
 */
public record CsvTable(String sourceName, Table table, int[] rowLines, String nullMarker, char delimiter) {

    /** The 1-based file line of data row {@code row} (0-based). */
    public int lineOf(int row) {
        return rowLines[row];
    }
}
