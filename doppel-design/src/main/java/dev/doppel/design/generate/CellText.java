package dev.doppel.design.generate;

import dev.doppel.design.spec.ValueKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The text of generated values as written to CSV: numbers with a fixed number of decimals, booleans as
 * {@code true}/{@code false}, dates ISO ({@code 2024-01-31}), date-times {@code 2024-01-31 09:30:00}.
 */
public final class CellText {
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L};
    /** Below this magnitude, value × 10^decimals fits a long exactly enough to round by hand. */
    private static final double FAST_LIMIT = 1e15;

    private CellText() {
    }

    /** The text of {@code value} (NaN: null) of {@code kind}; {@code decimals} applies to numbers. */
    public static String of(double value, ValueKind kind, int decimals) {
        if (Double.isNaN(value)) {
            return null;
        }
        return switch (kind) {
            case NUMBER -> number(value, decimals);
            case BOOLEAN -> value != 0 ? "true" : "false";
            case DATE -> LocalDate.ofEpochDay((long) value).toString();
            case DATETIME -> dateTime((long) value);
            case STRING -> throw new IllegalArgumentException("strings are kept as text");
        };
    }

    /** Appends the text of {@code value} as {@link #of} gives it; nothing for a null. */
    static void append(StringBuilder sb, double value, ValueKind kind, int decimals) {
        if (Double.isNaN(value)) {
            return;
        }
        switch (kind) {
            case NUMBER -> appendNumber(sb, value, decimals);
            case BOOLEAN -> sb.append(value != 0 ? "true" : "false");
            case DATE -> appendDate(sb, LocalDate.ofEpochDay((long) value));
            case DATETIME -> appendDateTime(sb, (long) value);
            case STRING -> throw new IllegalArgumentException("strings are kept as text");
        }
    }

    private static void appendNumber(StringBuilder sb, double value, int decimals) {
        double scaled = value * POW10[decimals];
        if (Double.isInfinite(value) || Math.abs(scaled) >= FAST_LIMIT) {
            String text = number(value, decimals);
            if (text != null) {
                sb.append(text);
            }
            return;
        }
        long n = Math.round(scaled);
        if (decimals == 0) {
            sb.append(n);
            return;
        }
        if (n < 0) {
            sb.append('-');
            n = -n;
        }
        sb.append(n / POW10[decimals]).append('.');
        long fraction = n % POW10[decimals];
        for (long p = POW10[decimals - 1]; p > 1 && fraction < p; p /= 10) {
            sb.append('0');
        }
        sb.append(fraction);
    }

    private static void appendDate(StringBuilder sb, LocalDate d) {
        int year = d.getYear();
        if (year < 1000 || year > 9999) {
            sb.append(d);
            return;
        }
        sb.append(year).append('-');
        two(sb, d.getMonthValue()).append('-');
        two(sb, d.getDayOfMonth());
    }

    private static void appendDateTime(StringBuilder sb, long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86_400L);
        int second = (int) Math.floorMod(epochSecond, 86_400L);
        appendDate(sb, LocalDate.ofEpochDay(day));
        sb.append(' ');
        two(sb, second / 3600).append(':');
        two(sb, second / 60 % 60).append(':');
        two(sb, second % 60);
    }

    /** {@code value} rounded as it is written with {@code decimals} digits (NaN and huge values unchanged). */
    static double rounded(double value, int decimals) {
        double scaled = value * POW10[decimals];
        if (Double.isNaN(value) || Math.abs(scaled) >= FAST_LIMIT) {
            return value;
        }
        return Math.round(scaled) / (double) POW10[decimals];
    }

    static String number(double value, int decimals) {
        double scaled = value * POW10[decimals];
        if (Double.isInfinite(value) || Math.abs(scaled) >= FAST_LIMIT) {
            return Double.isInfinite(value) ? null
                    : new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        }
        long n = Math.round(scaled);
        if (decimals == 0) {
            return Long.toString(n);
        }
        StringBuilder sb = new StringBuilder(24);
        if (n < 0) {
            sb.append('-');
            n = -n;
        }
        sb.append(n / POW10[decimals]).append('.');
        String fraction = Long.toString(n % POW10[decimals]);
        for (int i = fraction.length(); i < decimals; i++) {
            sb.append('0');
        }
        return sb.append(fraction).toString();
    }

    static String dateTime(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(19).append(t.toLocalDate()).append(' ');
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        return two(sb, t.getSecond()).toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** A value in the form expressions use: Double, Boolean, LocalDate, LocalDateTime (NaN: null). */
    static Object boxed(double value, ValueKind kind) {
        if (Double.isNaN(value)) {
            return null;
        }
        return switch (kind) {
            case NUMBER -> value;
            case BOOLEAN -> value != 0;
            case DATE -> LocalDate.ofEpochDay((long) value);
            case DATETIME -> LocalDateTime.ofEpochSecond((long) value, 0, ZoneOffset.UTC);
            case STRING -> throw new IllegalArgumentException("strings are kept as text");
        };
    }

    /** The inverse of {@link #boxed}: an expression's result as the generator keeps it. */
    static double unboxed(Object value, ValueKind kind) {
        if (value == null) {
            return Double.NaN;
        }
        return switch (kind) {
            case NUMBER -> ((Number) value).doubleValue();
            case BOOLEAN -> (Boolean) value ? 1 : 0;
            case DATE -> ((LocalDate) value).toEpochDay();
            case DATETIME -> ((LocalDateTime) value).toEpochSecond(ZoneOffset.UTC);
            case STRING -> throw new IllegalArgumentException("strings are kept as text");
        };
    }
}
