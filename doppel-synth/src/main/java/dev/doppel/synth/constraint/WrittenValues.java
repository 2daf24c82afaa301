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
    /** Numbers: 10^decimals; dates without a time: -1; anything else: 0 (no shortcut, format and parse). */
    private final double scale;

    WrittenValues(ColumnMetadata column) {
        this.formatter = ValueFormatter.forColumn(column);
        this.dates = column.type() == ColumnType.DATETIME ? new DateTimeCodec(column.format()) : null;
        this.quantum = quantumOf(column);
        if (column.type() == ColumnType.NUMERICAL) {
            scale = Math.pow(10, column.integer() ? 0 : column.decimals());
        } else {
            scale = quantum == 86_400 ? -1 : 0;
        }
    }

    /** The value read back from its written text; NaN stays NaN, and an infinity (no text) becomes NaN. */
    double written(double x) {
        if (!Double.isFinite(x)) {
            return Double.NaN;
        }
        // Shortcuts computing what format-then-parse gives, without the text: a date is its day's midnight; a number
        // is its half-up rounding as ValueFormatter does it, and units / 10^d is the double nearest the decimal text.
        if (scale < 0) {
            return Math.floor(x / 86_400) * 86_400;
        }
        if (scale == 1 && Math.abs(x) < 1e15) {
            return Math.round(x);
        }
        if (scale > 1 && Math.abs(x) * scale < 1e15) {
            double units = Math.floor(Math.abs(x) * scale + 0.5 + 1e-9);
            return (x < 0 ? -units : units) / scale;
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
