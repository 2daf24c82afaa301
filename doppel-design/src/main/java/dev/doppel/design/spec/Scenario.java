package dev.doppel.design.spec;

import java.util.Map;

/**
 * A named edge case: rows chosen at {@code rate} (each row independently) or exactly {@code count} rows get the
 * {@code set} values in place of their generated ones.
 *
 * @param rate  share of rows, or NaN when {@code count} is used
 * @param count exact number of rows, or -1 when {@code rate} is used
 * @param set   per column: the value to write instead
 */
public record Scenario(String name, double rate, long count, Map<String, Override> set) {
    public Scenario {
        set = Map.copyOf(set);
    }

    /** What a scenario writes into a column. */
    public sealed interface Override {
        /** A fixed value (Double, Boolean, String or, for a null, null inside the record). */
        record Value(Object value) implements Override { }

        /** A value drawn from a distribution. */
        record Drawn(Distribution distribution) implements Override { }

        /** A value computed from the row by an expression. */
        record Computed(String expression) implements Override { }
    }
}
