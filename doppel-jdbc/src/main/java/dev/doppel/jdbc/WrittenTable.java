package dev.doppel.jdbc;

import java.util.List;

/**
 * What a database sink wrote to one table.
 *
 * @param table    the table
 * @param rows     its rows
 * @param warnings what of the source's declared types and constraints the sample could not keep
 *                 ({@link ColumnDefinition#plan})
 */
public record WrittenTable(String table, long rows, List<String> warnings) {
    public WrittenTable {
        warnings = List.copyOf(warnings);
    }
}
