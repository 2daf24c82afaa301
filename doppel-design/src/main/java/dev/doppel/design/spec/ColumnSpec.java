package dev.doppel.design.spec;

/**
 * One column of a table.
 *
 * @param name     column name
 * @param kind     what its values are
 * @param source   where they come from
 * @param nullRate share of rows left empty, applied after the value is made (dependent columns see the null)
 * @param decimals digits after the point for numbers; 0 writes whole numbers
 */
public record ColumnSpec(String name, ValueKind kind, ColumnSource source, double nullRate, int decimals) { }
