package dev.doppel.design.expr;

/**
 * A compiled, type-checked piece of an expression: a closure that computes its value from the variables' values.
 *
 * @param type   its value's type; null only for the literal {@code null}, whose type comes from where it is used
 * @param column 1-based position of its first character, for error messages
 * @param depth  height of the tree below it (a leaf is 1), bounded so that evaluation cannot exhaust the stack
 * @param code   computes the value
 */
record Node(ValueType type, int column, int depth, Code code) {
    /** The computation; returns null for a missing value. */
    @FunctionalInterface
    interface Code {
        Object run(Object[] values);
    }

    boolean isNullLiteral() {
        return type == null;
    }

    String describe() {
        return type == null ? "null" : type.description();
    }
}
