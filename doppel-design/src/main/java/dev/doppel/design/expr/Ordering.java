package dev.doppel.design.expr;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;

/** The order of each type's values: numeric, UTF-16 lexicographic, chronological, false before true. */
final class Ordering {
    private Ordering() {
    }

    static Comparator<Object> of(ValueType type) {
        return switch (type) {
            case NUMBER -> (a, b) -> {
                double x = (Double) a;
                double y = (Double) b;
                // Values are finite, so < and == are total; 0.0 and -0.0 compare equal, as people expect.
                return x < y ? -1 : x == y ? 0 : 1;
            };
            case STRING -> (a, b) -> ((String) a).compareTo((String) b);
            case BOOLEAN -> (a, b) -> Boolean.compare((Boolean) a, (Boolean) b);
            case DATE -> (a, b) -> ((LocalDate) a).compareTo((LocalDate) b);
            case DATETIME -> (a, b) -> ((LocalDateTime) a).compareTo((LocalDateTime) b);
        };
    }
}
