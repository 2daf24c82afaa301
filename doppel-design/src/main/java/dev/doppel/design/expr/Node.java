package dev.doppel.design.expr;

/**
 * A compiled, type-checked piece of an expression: a closure that computes its value from the variables' values.
 *
 * @param type   its value's type; null only for the literal {@code null}, whose type comes from where it is used
 * @param column 1-based position of its first character, for error messages
 * @param depth    height of the tree below it (a leaf is 1), bounded so that evaluation cannot exhaust the stack
 * @param constant whether it reads no variable; such nodes are computed once, at compile time
 * @param code     computes the value
 */
record Node(ValueType type, int column, int depth, boolean constant, Code code) {
    private static final Object[] NO_VALUES = new Object[0];
    /** The computation; returns null for a missing value. */
    @FunctionalInterface
    interface Code {
        Object run(Object[] values);
    }

    /** This node, or if it is constant, a node that returns its value computed now. */
    Node folded() {
        if (!constant) {
            return this;
        }
        Object value = code.run(NO_VALUES);
        return new Node(type, column, depth, true, v -> value);
    }

    /** Its value if it is constant, else null. */
    Object constantValue() {
        return constant ? code.run(NO_VALUES) : null;
    }

    boolean isNullLiteral() {
        return type == null;
    }

    String describe() {
        return type == null ? "null" : type.description();
    }
}
