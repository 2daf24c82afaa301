package dev.doppel.metadata;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a table is: its columns in order, and how its file was written (so output is written the same way).
 *
 * @param columns    one entry per column, in file order
 * @param nullMarker the token written for a missing value (as found in the input, e.g. "" or "?")
 * @param delimiter  the field delimiter of the input, written on output
 * @param constraints business rules every synthetic row satisfies (see {@link Constraint}); checked against the
 *                    columns, so an unknown column, a wrong type or a contradiction raises an
 *                    {@link InvalidConstraintException} naming the constraint
 */
public record TableMetadata(List<ColumnMetadata> columns, String nullMarker, String delimiter,
                            List<Constraint> constraints) {

    public TableMetadata {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        nullMarker = nullMarker == null ? "" : nullMarker;
        delimiter = delimiter == null ? "," : delimiter;
        if (delimiter.length() != 1) {
            throw new IllegalArgumentException("delimiter must be one character, not '" + delimiter + "'");
        }
        Set<String> seen = new HashSet<>();
        for (ColumnMetadata c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("column " + c.name() + " is listed twice");
            }
        }
        constraints = List.copyOf(constraints == null ? List.of() : constraints);
        ConstraintValidation.validate(columns, constraints);
    }

    /** Metadata without constraints. */
    public TableMetadata(List<ColumnMetadata> columns, String nullMarker, String delimiter) {
        this(columns, nullMarker, delimiter, List.of());
    }

    public TableMetadata(List<ColumnMetadata> columns) {
        this(columns, "", ",");
    }

    /** The same table with {@code constraints} instead of this metadata's. */
    public TableMetadata withConstraints(List<Constraint> constraints) {
        return new TableMetadata(columns, nullMarker, delimiter, constraints);
    }

    public Optional<ColumnMetadata> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    @JsonIgnore
    public List<String> columnNames() {
        return columns.stream().map(ColumnMetadata::name).toList();
    }

    @JsonIgnore
    public char delimiterChar() {
        return delimiter.charAt(0);
    }
}
