package dev.doppel.relational;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a source database declares about one column: its SQL type as the source wrote it, whether it is NOT NULL and
 * whether it is UNIQUE. Sinks recreate these where they can (see docs/RELATIONAL.md); sampling bounds text to a
 * declared length ({@link #maxLength}).
 *
 * @param name    the column's name
 * @param type    the declared SQL type as the source spells it ({@code numeric(10,2)}, {@code NVARCHAR(40)}); null
 *                when unknown
 * @param notNull true when declared NOT NULL, false when declared nullable, null when unknown
 * @param unique  true when a single-column UNIQUE constraint (other than the primary key) covers the column
 */
public record ColumnSchema(String name, String type, Boolean notNull, boolean unique) {
    // A bounded character type as the common databases spell it: VARCHAR(n), NVARCHAR(n), character varying(n),
    // CHAR(n), bpchar(n), ... (the spellings dev.doppel.jdbc.SqlType carries to the sinks).
    private static final Pattern BOUNDED_TEXT = Pattern.compile("\\s*(character varying|national character varying"
            + "|varchar2?|nvarchar2?|character|national character|char|nchar|bpchar)\\s*(?:\\(\\s*(\\d+)\\s*\\))?\\s*");

    public ColumnSchema {
        Objects.requireNonNull(name, "name");
        if (type != null && type.isBlank()) {
            throw new IllegalArgumentException("column " + name + ": a type, when given, must not be blank");
        }
    }

    /**
     * The most characters (Unicode code points) a value may have, when the declared type is a bounded character
     * type: {@code varchar(n)}, {@code character(n)} and their other spellings; {@code char} alone is one character.
     * Empty for unbounded text, other types and unknown types.
     */
    public OptionalInt maxLength() {
        if (type == null) {
            return OptionalInt.empty();
        }
        Matcher m = BOUNDED_TEXT.matcher(type.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        boolean varying = m.group(1).contains("var");
        if (m.group(2) == null) {
            return varying ? OptionalInt.empty() : OptionalInt.of(1);
        }
        // Lengths beyond an int (no database has them) are as good as unbounded.
        int n = m.group(2).length() > 9 ? 0 : Integer.parseInt(m.group(2));
        return n == 0 ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** A column known only by name and type (nullability unknown, not unique). */
    public static ColumnSchema typed(String name, String type) {
        return new ColumnSchema(name, type, null, false);
    }
}
