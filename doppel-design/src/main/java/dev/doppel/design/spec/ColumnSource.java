package dev.doppel.design.spec;

import dev.doppel.metadata.PiiKind;
import java.util.Map;

/** Where a column's values come from. */
public sealed interface ColumnSource {
    /**
     * Drawn from {@code distribution}, or, when the row's value of {@code givenColumn} is one of {@code cases}' keys
     * (written as text), from that case's distribution.
     */
    record Drawn(Distribution distribution, String givenColumn, Map<String, Distribution> cases)
            implements ColumnSource {
        public Drawn {
            cases = cases == null ? Map.of() : Map.copyOf(cases);
        }

        public Drawn(Distribution distribution) {
            this(distribution, null, Map.of());
        }
    }

    /**
     * Unique keys {@code start, start + step, ...} by row; with a {@code format} such as {@code C######}, the run of
     * {@code #} is replaced by the zero-padded number.
     */
    record Sequence(long start, long step, String format) implements ColumnSource { }

    /**
     * Fake personal data of a kind in the language and formats of {@code locale} (see
     * {@link dev.doppel.synth.fake.LocalizedPii}); null for Doppel's default US-English values
     * ({@link dev.doppel.synth.fake.PiiValues}).
     */
    record Pii(PiiKind kind, java.util.Locale locale) implements ColumnSource {
        public Pii(PiiKind kind) {
            this(kind, null);
        }
    }

    /** A foreign key: the key of a row of {@code table}, whose {@code column} is a {@link Sequence}. */
    record Reference(String table, String column) implements ColumnSource { }

    /** The time of the row's event, in a table whose rows are a parent's events ({@code rows.process}). */
    record EventTime() implements ColumnSource { }

    /**
     * Column {@code index} of the rows a learned model samples ({@link TableSpec#model()}): numerical columns as
     * numbers, every other type as the text the model writes.
     */
    record Learned(int index) implements ColumnSource { }

    /** Computed from other columns of the same row by an expression. */
    record Derived(String expression) implements ColumnSource { }
}
