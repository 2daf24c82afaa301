package dev.doppel.design.spec;

import java.util.Map;

/**
 * A named edge case: rows chosen at {@code rate} (each row independently) or exactly {@code count} rows get the
 * {@code set} values in place of their generated ones.
 *
 * @param rate  share of rows, or NaN when {@code count} is used
 * @param count exact number of rows, or -1 when {@code rate} is used
 * @param set   per column: the value to write instead
 * @param burst for a scenario of several related rows, how they hang together; null for single rows
 */
public record Scenario(String name, double rate, long count, Map<String, Override> set, Burst burst) {
    public Scenario {
        set = Map.copyOf(set);
    }

    /**
     * A burst: a row outside a burst chosen at the scenario's rate starts {@code length} consecutive rows of the
     * scenario, possibly across blocks (a start whose run would pass the table's end is dropped). The later rows copy
     * the first row's reference columns (same parent, e.g. the same card) and their {@code column} times follow the
     * first's by gaps of 1 to {@code maxGapSeconds} seconds.
     */
    public record Burst(int length, String column, double maxGapSeconds) { }

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
