package dev.doppel.transform;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/**
 * Date-times as numbers: parses text with a {@link DateTimeFormatter} pattern into epoch seconds (local time read as
 * UTC, fractions of a second kept) and formats them back. Patterns without a time of day read as midnight.
 */
public final class DateTimeCodec {
    /** The patterns inference tries, in order. Day-first before month-first only matters when both fit all values. */
    public static final List<String> PATTERNS = List.of(
            "yyyy-MM-dd",
            "yyyy-MM-dd HH:mm:ss",
            "yyyy-MM-dd'T'HH:mm:ss",
            "yyyy-MM-dd'T'HH:mm:ss.SSS",
            "yyyy-MM-dd HH:mm",
            "yyyy/MM/dd",
            "dd/MM/yyyy",
            "MM/dd/yyyy",
            "dd.MM.yyyy");

    private final String pattern;
    private final DateTimeFormatter formatter;
    private final boolean hasTime;

    public DateTimeCodec(String pattern) {
        this.pattern = pattern;
        // STRICT resolving rejects 2024-02-30 instead of moving it to March; it needs 'u' for the year.
        this.formatter = DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
        this.hasTime = pattern.contains("H") || pattern.contains("h") || pattern.contains("m")
                || pattern.contains("s");
    }

    public String pattern() {
        return pattern;
    }

    /** Epoch seconds of {@code text}; throws {@link DateTimeParseException} when it does not fit the pattern. */
    public double parse(String text) {
        TemporalAccessor parsed = formatter.parse(text);
        if (hasTime) {
            LocalDateTime t = LocalDateTime.from(parsed);
            return t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
        }
        return LocalDate.from(parsed).toEpochDay() * 86_400.0;
    }

    /** The text of epoch seconds {@code seconds} in this pattern. */
    public String format(double seconds) {
        long whole = (long) Math.floor(seconds);
        int nanos = (int) Math.round((seconds - whole) * 1e9);
        if (nanos >= 1_000_000_000) {
            whole++;
            nanos = 0;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(whole, nanos, ZoneOffset.UTC);
        return formatter.format(hasTime ? t : t.toLocalDate());
    }

    /** True when {@code text} fits the pattern. */
    public boolean accepts(String text) {
        try {
            formatter.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The first of {@link #PATTERNS} that every value fits, or null. */
    public static String patternFor(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        // Cheap screen: dates start with a digit and have a separator; avoids trying nine patterns on every word.
        for (String v : values) {
            if (v.length() < 8 || v.length() > 26 || !Character.isDigit(v.charAt(0))
                    || (v.indexOf('-') < 0 && v.indexOf('/') < 0 && v.indexOf('.') < 0)) {
                return null;
            }
        }
        for (String pattern : PATTERNS) {
            DateTimeCodec codec = new DateTimeCodec(pattern);
            if (values.stream().allMatch(codec::accepts)) {
                return pattern;
            }
        }
        return null;
    }
}
