package dev.doppel.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type both sinks can declare, read from a source's spelling of it ({@code NVARCHAR(40)}, {@code character
 * varying(40)}, {@code numeric(10,2)}, {@code DATETIME}, {@code timestamp without time zone}, ...), and the test of
 * whether a sampled text value fits it. Types outside this list (uuid, json, arrays, enums) are not carried over.
 *
 * @param kind      the family
 * @param length    characters of a bounded text type, 0 when unbounded
 * @param precision digits of a numeric type, 0 when unbounded
 * @param scale     digits after the point of a numeric type
 */
public record SqlType(Kind kind, int length, int precision, int scale) {
    /** The families carried from source to sink. */
    public enum Kind { SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE, VARCHAR, CHAR, TEXT, BOOLEAN, DATE, TIME,
        TIMESTAMP, TIMESTAMPTZ }

    public static final SqlType BIGINT = of(Kind.BIGINT);
    public static final SqlType DOUBLE = of(Kind.DOUBLE);
    public static final SqlType TEXT = of(Kind.TEXT);
    public static final SqlType BOOLEAN = of(Kind.BOOLEAN);
    public static final SqlType DATE = of(Kind.DATE);
    public static final SqlType TIMESTAMP = of(Kind.TIMESTAMP);

    // Name, then optional "(a)" or "(a, b)"; the name may have several words ("double precision").
    private static final Pattern DECLARED = Pattern.compile(
            "\\s*([a-z][a-z0-9 _]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");
    private static final Set<String> TRUE_OR_FALSE = Set.of("t", "f", "true", "false", "y", "n", "yes", "no", "on",
            "off", "1", "0");
    // ISO dates with a space or 'T' before the time, optional seconds and fraction: what PostgreSQL, DuckDB and
    // Doppel's own formatter write.
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME_ZONE = new DateTimeFormatterBuilder().append(DATE_TIME)
            .appendOffset("+HH:mm", "Z").toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME_SHORT_ZONE = new DateTimeFormatterBuilder().append(DATE_TIME)
            .appendOffset("+HH", "Z").toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    public SqlType {
        if (length < 0 || precision < 0 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("bad type parameters: " + length + ", " + precision + ", " + scale);
        }
    }

    private static SqlType of(Kind kind) {
        return new SqlType(kind, 0, 0, 0);
    }

    /** The type a source declared, when it is one of the carried families. */
    public static Optional<SqlType> parse(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        Matcher m = DECLARED.matcher(declared.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1).trim().replaceAll("\\s+", " ");
        int a = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int b = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        SqlType type = switch (name) {
            case "smallint", "int2", "smallserial" -> of(Kind.SMALLINT);
            case "integer", "int", "int4", "serial", "mediumint" -> of(Kind.INTEGER);
            case "bigint", "int8", "bigserial", "long" -> of(Kind.BIGINT);
            case "numeric", "decimal" -> a > 1000 || b > a ? null : new SqlType(Kind.NUMERIC, 0, a, a == 0 ? 0 : b);
            case "real", "float4" -> of(Kind.REAL);
            case "double precision", "double", "float8", "float" -> of(Kind.DOUBLE);
            case "character varying", "varchar", "nvarchar", "national character varying", "varchar2",
                    "nvarchar2" -> a == 0 ? of(Kind.TEXT) : new SqlType(Kind.VARCHAR, a, 0, 0);
            case "character", "char", "nchar", "bpchar", "national character" ->
                    new SqlType(Kind.CHAR, a == 0 ? 1 : a, 0, 0);
            case "text", "string", "clob", "ntext" -> of(Kind.TEXT);
            case "boolean", "bool" -> of(Kind.BOOLEAN);
            case "date" -> of(Kind.DATE);
            case "time", "time without time zone" -> of(Kind.TIME);
            case "timestamp", "timestamp without time zone", "datetime", "datetime2" -> of(Kind.TIMESTAMP);
            case "timestamptz", "timestamp with time zone", "timestamp with tz" -> of(Kind.TIMESTAMPTZ);
            default -> null;
        };
        return Optional.ofNullable(type);
    }

    /** This type in PostgreSQL's spelling. */
    public String postgres() {
        return switch (kind) {
            case SMALLINT -> "smallint";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case NUMERIC -> precision == 0 ? "numeric" : "numeric(" + precision + "," + scale + ")";
            case REAL -> "real";
            case DOUBLE -> "double precision";
            case VARCHAR -> "varchar(" + length + ")";
            case CHAR -> "char(" + length + ")";
            case TEXT -> "text";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
        };
    }

    /** This type in DuckDB's spelling; DuckDB keeps no text length and at most 38 decimal digits. */
    public String duckDb() {
        return switch (kind) {
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case NUMERIC -> precision == 0 || precision > 38 ? "DOUBLE" : "DECIMAL(" + precision + "," + scale + ")";
            case REAL -> "REAL";
            case DOUBLE -> "DOUBLE";
            case VARCHAR, CHAR, TEXT -> "VARCHAR";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
        };
    }

    /** True when the database converts {@code value} (not null) to this type without loss or error. */
    public boolean accepts(String value) {
        String v = value.strip();
        try {
            return switch (kind) {
                case SMALLINT -> inRange(v, Short.MIN_VALUE, Short.MAX_VALUE);
                case INTEGER -> inRange(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case BIGINT -> inRange(v, Long.MIN_VALUE, Long.MAX_VALUE);
                case NUMERIC -> fitsNumeric(new BigDecimal(v));
                case REAL, DOUBLE -> !Double.isNaN(Double.parseDouble(v)) || v.equalsIgnoreCase("nan");
                case VARCHAR, CHAR -> value.codePointCount(0, value.length()) <= length;
                case TEXT -> true;
                case BOOLEAN -> TRUE_OR_FALSE.contains(v.toLowerCase(Locale.ROOT));
                case DATE -> parses(() -> LocalDate.parse(v));
                case TIME -> parses(() -> LocalTime.parse(v));
                case TIMESTAMP -> v.length() == 10 ? parses(() -> LocalDate.parse(v))
                        : parses(() -> LocalDateTime.parse(v, DATE_TIME));
                case TIMESTAMPTZ -> parses(() -> OffsetDateTime.parse(v, DATE_TIME_ZONE))
                        || parses(() -> OffsetDateTime.parse(v, DATE_TIME_SHORT_ZONE))
                        || parses(() -> LocalDateTime.parse(v, DATE_TIME));
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return false;
        }
    }

    private static boolean inRange(String v, long min, long max) {
        long n = Long.parseLong(v);
        return n >= min && n <= max;
    }

    private boolean fitsNumeric(BigDecimal n) {
        if (precision == 0) {
            return true;
        }
        // The database rounds to the scale; what must fit are the digits before the point.
        BigDecimal rounded = n.setScale(scale, RoundingMode.HALF_UP);
        return rounded.precision() - rounded.scale() <= precision - scale;
    }

    private static boolean parses(Supplier<?> parse) {
        try {
            parse.get();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
