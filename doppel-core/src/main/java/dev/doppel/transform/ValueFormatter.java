package dev.doppel.transform;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes numbers the way the input wrote them: integers without a decimal point, decimals with the column's number
 * of digits (half-up), date-times in the column's pattern. Fast path in long arithmetic: no String.format.
 */
public final class ValueFormatter {
    private static final double[] POWERS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17};
    private static final double EXACT_LIMIT = 9.007199254740992E15; // 2^53

    private final boolean integer;
    private final int decimals;
    private final DateTimeCodec dates;

    private ValueFormatter(boolean integer, int decimals, DateTimeCodec dates) {
        this.integer = integer;
        this.decimals = decimals;
        this.dates = dates;
    }

    /** The formatter of a NUMERICAL or DATETIME column. */
    public static ValueFormatter forColumn(ColumnMetadata column) {
        if (column.type() == ColumnType.DATETIME) {
            return new ValueFormatter(false, 0, new DateTimeCodec(column.format()));
        }
        if (column.type() != ColumnType.NUMERICAL) {
            throw new IllegalArgumentException("column " + column.name() + " is not numerical or datetime");
        }
        return new ValueFormatter(column.integer(), column.integer() ? 0 : column.decimals(), null);
    }

    /** The text of a non-null value. */
    public String format(double value) {
        if (dates != null) {
            return dates.format(value);
        }
        if (integer || decimals == 0) {
            long rounded = Math.round(value);
            return Long.toString(rounded);
        }
        double scaled = Math.abs(value) * POWERS[decimals];
        if (scaled >= EXACT_LIMIT) {
            return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        }
        // Half-up as people and spreadsheets round; the 1e-9 absorbs the binary error of x·10^d (2.675 → 2.68).
        long units = (long) Math.floor(scaled + 0.5 + 1e-9);
        if (value < 0 && units != 0) {
            units = -units;
        }
        boolean negative = units < 0;
        long abs = Math.abs(units);
        long whole = abs / (long) POWERS[decimals];
        long fraction = abs % (long) POWERS[decimals];
        StringBuilder b = new StringBuilder(24);
        if (negative) {
            b.append('-');
        }
        b.append(whole).append('.');
        String digits = Long.toString(fraction);
        for (int i = digits.length(); i < decimals; i++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }
}
