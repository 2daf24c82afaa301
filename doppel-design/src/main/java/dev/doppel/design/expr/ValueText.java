package dev.doppel.design.expr;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** How each value type is written as text, by {@code string()}, {@code concat} and {@code %s}. */
final class ValueText {
    /** Whole numbers below this magnitude are written without a decimal point or exponent. */
    private static final double PLAIN_INTEGER_LIMIT = 1e15;

    private ValueText() {
    }

    static String of(Object value) {
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof LocalDateTime t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        if (value instanceof LocalDate d) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(d);
        }
        return value.toString();
    }

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < PLAIN_INTEGER_LIMIT) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
