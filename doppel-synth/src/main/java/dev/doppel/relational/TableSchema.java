package dev.doppel.relational;

import dev.doppel.DoppelException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One table of a database: its name, the CSV file that holds it, its primary key and its foreign keys.
 *
 * @param name        the table's name, unique in the schema
 * @param file        the CSV file, relative to the data folder
 * @param primaryKey  the single key column, regenerated as 1..n; null when the table has no single-column key
 *                    (composite keys such as a link table's pair are read as "no key": the table is a plain child)
 * @param foreignKeys the table's foreign keys, in declared order
 * @param columns     what the source declares about the columns (types, NOT NULL, UNIQUE), in table order; empty
 *                    when the source declares nothing (a folder of CSV files with a keys-only schema). When given,
 *                    it names every key column.
 */
public record TableSchema(String name, String file, String primaryKey, List<ForeignKey> foreignKeys,
        List<ColumnSchema> columns) {
    public TableSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        foreignKeys = List.copyOf(foreignKeys);
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (ColumnSchema c : columns) {
            if (!names.add(c.name())) {
                throw new DoppelException("table " + name + " lists column " + c.name() + " twice");
            }
        }
        if (!columns.isEmpty()) {
            List<String> keys = new ArrayList<>();
            if (primaryKey != null) {
                keys.add(primaryKey);
            }
            foreignKeys.forEach(f -> keys.add(f.column()));
            for (String key : keys) {
                if (!names.contains(key)) {
                    throw new DoppelException("table " + name + ": key column " + key + " is not among its columns "
                            + names);
                }
            }
        }
    }

    /** A table whose columns are not described (only its keys are known). */
    public TableSchema(String name, String file, String primaryKey, List<ForeignKey> foreignKeys) {
        this(name, file, primaryKey, foreignKeys, List.of());
    }

    /** What the source declares about {@code column}, if it does. */
    public Optional<ColumnSchema> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
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
