package dev.doppel.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A business rule every synthetic row must satisfy, declared in the metadata file's {@code constraints} array. Each
 * kind names its columns; {@link TableMetadata} checks them against the table (existence, types, contradictions).
 * The spec of each kind, its JSON and how sampling guarantees it are in docs/CONSTRAINTS.md.
 */
public sealed interface Constraint {
    /** The {@code type} of the constraint in JSON. */
    String type();

    /** Every column the constraint names, in the order written. */
    List<String> columns();

    /** A short human-readable form, e.g. {@code start < end}, for messages. */
    String describe();

    /** {@code low < high} (strict) or {@code low <= high}; numerical or datetime columns of the same type. */
    record Inequality(String low, String high, boolean strict) implements Constraint {
        public Inequality {
            Objects.requireNonNull(low, "low");
            Objects.requireNonNull(high, "high");
        }

        @Override
        public String type() {
            return "inequality";
        }

        @Override
        public List<String> columns() {
            return List.of(low, high);
        }

        @Override
        public String describe() {
            return low + (strict ? " < " : " <= ") + high;
        }
    }

    /**
     * {@code low <= column <= high}, each bound either a constant ({@code low}, {@code high}) or another column
     * ({@code lowColumn}, {@code highColumn}); exactly one of each pair is given.
     */
    record Range(String column, Double low, String lowColumn, Double high, String highColumn) implements Constraint {
        public Range {
            Objects.requireNonNull(column, "column");
        }

        @Override
        public String type() {
            return "range";
        }

        @Override
        public List<String> columns() {
            List<String> out = new ArrayList<>();
            out.add(column);
            if (lowColumn != null) {
                out.add(lowColumn);
            }
            if (highColumn != null) {
                out.add(highColumn);
            }
            return List.copyOf(out);
        }

        @Override
        public String describe() {
            return (lowColumn != null ? lowColumn : String.valueOf(low)) + " <= " + column + " <= "
                    + (highColumn != null ? highColumn : String.valueOf(high));
        }
    }

    /** The values of these columns, taken together, only appear in combinations seen in the training data. */
    record FixedCombinations(List<String> columns) implements Constraint {
        public FixedCombinations {
            columns = List.copyOf(columns);
        }

        @Override
        public String type() {
            return "fixed-combinations";
        }

        @Override
        public String describe() {
            return "fixed combinations of " + String.join(", ", columns);
        }
    }

    /** No two output rows share the values of these columns (rows with a missing value among them are exempt). */
    record Unique(List<String> columns) implements Constraint {
        public Unique {
            columns = List.copyOf(columns);
        }

        @Override
        public String type() {
            return "unique";
        }

        @Override
        public String describe() {
            return "unique " + String.join(", ", columns);
        }
    }

    /**
     * {@code column} is computed from other numerical columns by {@code expression} (see {@link FormulaExpression}),
     * as written to the column's number of decimals.
     */
    record Formula(String column, FormulaExpression expression) implements Constraint {
        public Formula {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(expression, "expression");
        }

        @Override
        public String type() {
            return "formula";
        }

        @Override
        public List<String> columns() {
            List<String> out = new ArrayList<>();
            out.add(column);
            out.addAll(expression.columns());
            return List.copyOf(out);
        }

        @Override
        public String describe() {
            return column + " = " + expression.text();
        }
    }

    /** Every non-missing value of a string column matches {@code pattern} as a whole ({@link java.util.regex}). */
    record Regex(String column, String pattern) implements Constraint {
        public Regex {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public String type() {
            return "regex";
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }

        @Override
        public String describe() {
            return column + " matches /" + pattern + "/";
        }
    }

    /**
     * A numerical column's non-missing values are positive ({@code > 0} when strict, else {@code >= 0}) or, when
     * {@code positive} is false, negative ({@code < 0} / {@code <= 0}). JSON types {@code positive} and {@code negative}.
     */
    record Sign(String column, boolean positive, boolean strict) implements Constraint {
        public Sign {
            Objects.requireNonNull(column, "column");
        }

        @Override
        public String type() {
            return positive ? "positive" : "negative";
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }

        @Override
        public String describe() {
            return column + (positive ? (strict ? " > 0" : " >= 0") : (strict ? " < 0" : " <= 0"));
        }
    }
}
