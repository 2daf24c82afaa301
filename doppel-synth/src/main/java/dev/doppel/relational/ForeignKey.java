package dev.doppel.relational;

import java.util.Objects;

/**
 * A foreign key: {@code column} of the child table holds the primary key of a row of {@code parentTable}.
 *
 * @param column      the child's column (one column; composite foreign keys are not supported)
 * @param parentTable the referenced table, whose single-column primary key the values point to
 */
public record ForeignKey(String column, String parentTable) {
    public ForeignKey {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(parentTable, "parentTable");
    }
}
