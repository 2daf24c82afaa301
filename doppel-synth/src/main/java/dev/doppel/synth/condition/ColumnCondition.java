package dev.doppel.synth.condition;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** A condition on one column of a synthetic row. */
public sealed interface ColumnCondition {
    /** The column the condition is on. */
    String column();

    /**
     * The value is one of {@code values}, compared as written in the data (categorical and boolean columns); a null
     * element stands for a missing value.
     */
    record OneOf(String column, Set<String> values) implements ColumnCondition {
        public OneOf {
            Objects.requireNonNull(column, "column");
            if (values.isEmpty()) {
                throw new IllegalArgumentException("condition on " + column + " allows no value");
            }
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        public boolean allows(String value) {
            return values.contains(value);
        }
    }

    /**
     * The value is a number in {@code [low, high]} (numerical columns; datetime columns in epoch seconds); infinite
     * bounds leave a side open. A missing value never satisfies a range.
     */
    record Range(String column, double low, double high) implements ColumnCondition {
        public Range {
            Objects.requireNonNull(column, "column");
            if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
                throw new IllegalArgumentException("condition on " + column + ": empty range [" + low + ", " + high + "]");
            }
        }

        public boolean allows(double value) {
            return value >= low && value <= high;
        }
    }
}
