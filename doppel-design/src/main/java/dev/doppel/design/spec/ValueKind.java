package dev.doppel.design.spec;

/**
 * What a generated column holds, and how it is kept while a block is built: numbers, booleans (0/1), dates (epoch
 * day) and date-times (epoch second, UTC-free local time) as doubles; strings as strings.
 */
public enum ValueKind {
    NUMBER, STRING, BOOLEAN, DATE, DATETIME;

    /** Lower-case name for messages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
