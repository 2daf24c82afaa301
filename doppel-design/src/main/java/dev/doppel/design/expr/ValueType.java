package dev.doppel.design.expr;

/**
 * The type of a variable or of an expression's value. At run time a value of each type is a {@link Double}, a
 * {@link String}, a {@link Boolean}, a {@link java.time.LocalDate} or a {@link java.time.LocalDateTime}; {@code null}
 * is a missing value of any type.
 */
public enum ValueType {
    NUMBER("a number"),
    STRING("a string"),
    BOOLEAN("a boolean"),
    DATE("a date"),
    DATETIME("a datetime");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    /** The Java class of this type's values. */
    public Class<?> javaClass() {
        return switch (this) {
            case NUMBER -> Double.class;
            case STRING -> String.class;
            case BOOLEAN -> Boolean.class;
            case DATE -> java.time.LocalDate.class;
            case DATETIME -> java.time.LocalDateTime.class;
        };
    }

    /** The type with its article, as it reads in an error message ("a number"). */
    public String description() {
        return description;
    }
}
