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
 * @param name         the table's name, unique in the schema
 * @param file         the CSV file, relative to the data folder
 * @param primaryKey   the single key column, regenerated as 1..n; null when the table has no single-column key
 * @param foreignKeys  the table's foreign keys, in declared order
 * @param columns      what the source declares about the columns (types, NOT NULL, UNIQUE), in table order; empty
 *                     when the source declares nothing (a folder of CSV files with a keys-only schema). When given,
 *                     it names every key column.
 * @param compositeKey the columns of a primary key of two or more columns (a link table's pair such as
 *                     PlaylistTrack (PlaylistId, TrackId)), empty otherwise; kept unique on sampling (see
 *                     docs/RELATIONAL.md); never set together with {@code primaryKey}
 */
public record TableSchema(String name, String file, String primaryKey, List<ForeignKey> foreignKeys,
        List<ColumnSchema> columns, List<String> compositeKey) {
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
        compositeKey = List.copyOf(compositeKey);
        if (compositeKey.size() == 1) {
            throw new DoppelException("table " + name + ": a key of one column is a primaryKey, not a composite key");
        }
        if (!compositeKey.isEmpty() && primaryKey != null) {
            throw new DoppelException("table " + name + ": both a primary key and a composite key");
        }
        if (new HashSet<>(compositeKey).size() != compositeKey.size()) {
            throw new DoppelException("table " + name + ": composite key " + compositeKey + " repeats a column");
        }
    }

    /** A table whose columns are not described (only its keys are known) and without a composite key. */
    public TableSchema(String name, String file, String primaryKey, List<ForeignKey> foreignKeys) {
        this(name, file, primaryKey, foreignKeys, List.of(), List.of());
    }

    /** What the source declares about {@code column}, if it does. */
    public Optional<ColumnSchema> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    public Optional<String> key() {
        return Optional.ofNullable(primaryKey);
    }

    /**
     * True when {@code column} is this table's primary key, one of its foreign keys or a column of its composite
     * key: never learned.
     */
    public boolean isKeyColumn(String column) {
        return column.equals(primaryKey) || compositeKey.contains(column)
                || foreignKeys.stream().anyMatch(f -> f.column().equals(column));
    }

    /** True when {@code column} is a foreign key column of this table. */
    public boolean isForeignKey(String column) {
        return foreignKeys.stream().anyMatch(f -> f.column().equals(column));
    }

    /** The foreign keys that point to another table (not this one). */
    public List<ForeignKey> parentKeys() {
        return foreignKeys.stream().filter(f -> !f.parentTable().equals(name)).toList();
    }
}
