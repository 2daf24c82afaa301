package dev.doppel.synth.constraint;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.transform.DateTimeCodec;
import dev.doppel.transform.ValueFormatter;

/**
 * A numeric column's values as they will be written: a number rounded to the column's decimals, a datetime cut to its
 * pattern's resolution. Constraints are checked on these, so what holds in a typed block holds in the CSV file.
 */
final class WrittenValues {
    private final ValueFormatter formatter;
    private final DateTimeCodec dates;
    private final double quantum;

    WrittenValues(ColumnMetadata column) {
        this.formatter = ValueFormatter.forColumn(column);
        this.dates = column.type() == ColumnType.DATETIME ? new DateTimeCodec(column.format()) : null;
        this.quantum = quantumOf(column);
    }

    /** The value read back from its written text; NaN stays NaN, and an infinity (no text) becomes NaN. */
    double written(double x) {
        if (!Double.isFinite(x)) {
            return Double.NaN;
        }
        String text = formatter.format(x);
        return dates != null ? dates.parse(text) : Double.parseDouble(text);
    }

    /** The written text of a non-null value. */
    String text(double x) {
        return formatter.format(x);
    }

    /** The smallest step between two written values (1 for integers, 10^-decimals, a day for a date pattern). */
    double quantum() {
        return quantum;
    }

    private static double quantumOf(ColumnMetadata column) {
        if (column.type() == ColumnType.DATETIME) {
            String p = column.format();
            if (p.contains("S")) {
                return 0.001;
            }
            if (p.contains("s")) {
                return 1;
            }
            if (p.contains("m")) {
                return 60;
            }
            if (p.contains("H") || p.contains("h")) {
                return 3600;
            }
            return 86_400;
        }
        return column.integer() ? 1 : Math.pow(10, -column.decimals());
    }
}
