package dev.doppel.design.generate;

import dev.doppel.design.spec.ValueKind;
import java.util.List;

/** Compiles the expressions of a spec (derived columns, computed scenario values) for the generator. */
public interface RowExpressions {
    /**
     * Compiles {@code source} over a table's columns; {@link Compiled#evaluate} then takes one value per column in
     * this order (Double, String, Boolean, LocalDate, LocalDateTime or null).
     */
    Compiled compile(String source, List<String> columns, List<ValueKind> kinds);

    /** A compiled expression. Implementations are immutable and thread-safe. */
    interface Compiled {
        /** Indexes (into the column list it was compiled over) of the columns it reads. */
        int[] reads();

        /** The value for one row; null for a missing value. */
        Object evaluate(Object[] row);
    }

    /** For specs without expressions: compiling any is an error. */
    RowExpressions NONE = (source, columns, kinds) -> {
        throw new IllegalStateException("no expression language configured for " + source);
    };
}
