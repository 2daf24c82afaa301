package dev.doppel.metadata;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * What one column is, as inferred or as edited by the user. Fields that do not apply to the column's type are null.
 *
 * @param name       column name as in the header
 * @param type       the column's type
 * @param integer    NUMERICAL: whole numbers only; ID: the key is a whole number
 * @param min        NUMERICAL: lowest value (also the bound sampled values are clipped to)
 * @param max        NUMERICAL: highest value
 * @param decimals   NUMERICAL: digits after the decimal point written on output
 * @param format     DATETIME: a {@link java.time.format.DateTimeFormatter} pattern; ID: a template where each
 *                   {@code #} is a digit (e.g. {@code C#####}), null for UUIDs or integer keys
 * @param trueValue  BOOLEAN: the token for true as written in the input
 * @param falseValue BOOLEAN: the token for false
 * @param pii        PII: the kind of personal data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnMetadata(
        String name,
        ColumnType type,
        Boolean integer,
        Double min,
        Double max,
        Integer decimals,
        String format,
        String trueValue,
        String falseValue,
        PiiKind pii) {

    public ColumnMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        switch (type) {
            case NUMERICAL -> {
                if (integer == null) {
                    integer = Boolean.FALSE;
                }
                if (decimals == null) {
                    decimals = integer ? 0 : 6;
                }
                if (decimals < 0 || decimals > 17) {
                    throw new IllegalArgumentException("column " + name + ": decimals must be 0..17, not " + decimals);
                }
                if (min != null && max != null && min > max) {
                    throw new IllegalArgumentException("column " + name + ": min " + min + " is above max " + max);
                }
            }
            case DATETIME -> {
                if (format == null || format.isBlank()) {
                    throw new IllegalArgumentException("column " + name + ": a datetime column needs a format");
                }
            }
            case BOOLEAN -> {
                if (trueValue == null || falseValue == null || trueValue.equals(falseValue)) {
                    throw new IllegalArgumentException(
                            "column " + name + ": a boolean column needs distinct trueValue and falseValue");
                }
            }
            case PII -> Objects.requireNonNull(pii, () -> "column " + name + ": a pii column needs its kind (pii)");
            case ID -> {
                if (integer == null) {
                    integer = Boolean.FALSE;
                }
            }
            default -> { }
        }
    }

    public static ColumnMetadata numerical(String name, boolean integer, Double min, Double max, int decimals) {
        return new ColumnMetadata(name, ColumnType.NUMERICAL, integer, min, max, decimals, null, null, null, null);
    }

    public static ColumnMetadata categorical(String name) {
        return new ColumnMetadata(name, ColumnType.CATEGORICAL, null, null, null, null, null, null, null, null);
    }

    public static ColumnMetadata bool(String name, String trueValue, String falseValue) {
        return new ColumnMetadata(name, ColumnType.BOOLEAN, null, null, null, null, null, trueValue, falseValue, null);
    }

    public static ColumnMetadata datetime(String name, String format) {
        return new ColumnMetadata(name, ColumnType.DATETIME, null, null, null, null, format, null, null, null);
    }

    /** An id column; {@code format} is a template with {@code #} for digits, or null (integers or UUIDs). */
    public static ColumnMetadata id(String name, boolean integer, String format) {
        return new ColumnMetadata(name, ColumnType.ID, integer, null, null, null, format, null, null, null);
    }

    public static ColumnMetadata pii(String name, PiiKind kind) {
        return new ColumnMetadata(name, ColumnType.PII, null, null, null, null, null, null, null, kind);
    }

    public static ColumnMetadata text(String name) {
        return new ColumnMetadata(name, ColumnType.TEXT, null, null, null, null, null, null, null, null);
    }

    /** True for columns whose values a synthesizer learns from (not ID, PII or TEXT). */
    @JsonIgnore
    public boolean isLearned() {
        return type == ColumnType.NUMERICAL || type == ColumnType.CATEGORICAL || type == ColumnType.BOOLEAN
                || type == ColumnType.DATETIME;
    }

    /** True for columns held as numbers in a typed table (NUMERICAL and DATETIME as epoch seconds). */
    @JsonIgnore
    public boolean isNumeric() {
        return type == ColumnType.NUMERICAL || type == ColumnType.DATETIME;
    }
}
