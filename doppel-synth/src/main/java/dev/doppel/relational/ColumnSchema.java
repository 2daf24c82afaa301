package dev.doppel.relational;

import java.util.Objects;

/**
 * What a source database declares about one column: its SQL type as the source wrote it, whether it is NOT NULL and
 * whether it is UNIQUE. Sinks recreate these where they can (see docs/RELATIONAL.md); the synthesizer does not use
 * them.
 *
 * @param name    the column's name
 * @param type    the declared SQL type as the source spells it ({@code numeric(10,2)}, {@code NVARCHAR(40)}); null
 *                when unknown
 * @param notNull true when declared NOT NULL, false when declared nullable, null when unknown
 * @param unique  true when a single-column UNIQUE constraint (other than the primary key) covers the column
 */
public record ColumnSchema(String name, String type, Boolean notNull, boolean unique) {
    public ColumnSchema {
        Objects.requireNonNull(name, "name");
        if (type != null && type.isBlank()) {
            throw new IllegalArgumentException("column " + name + ": a type, when given, must not be blank");
        }
    }

    /** A column known only by name and type (nullability unknown, not unique). */
    public static ColumnSchema typed(String name, String type) {
        return new ColumnSchema(name, type, null, false);
    }
}
