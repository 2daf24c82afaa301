package dev.doppel.relational;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One table of a database: its name, the CSV file that holds it, its primary key and its foreign keys.
 *
 * @param name        the table's name, unique in the schema
 * @param file        the CSV file, relative to the data folder
 * @param primaryKey  the single key column, regenerated as 1..n; null when the table has no single-column key
 *                    (composite keys such as a link table's pair are read as "no key": the table is a plain child)
 * @param foreignKeys the table's foreign keys, in declared order
 */
public record TableSchema(String name, String file, String primaryKey, List<ForeignKey> foreignKeys) {
    public TableSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        foreignKeys = List.copyOf(foreignKeys);
    }

    public Optional<String> key() {
        return Optional.ofNullable(primaryKey);
    }

    /** True when {@code column} is this table's primary key or one of its foreign keys: never learned. */
    public boolean isKeyColumn(String column) {
        return column.equals(primaryKey) || foreignKeys.stream().anyMatch(f -> f.column().equals(column));
    }

    /** The foreign keys that point to another table (not this one). */
    public List<ForeignKey> parentKeys() {
        return foreignKeys.stream().filter(f -> !f.parentTable().equals(name)).toList();
    }
}
