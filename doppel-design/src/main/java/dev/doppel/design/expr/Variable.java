package dev.doppel.design.expr;

import java.util.Objects;

/**
 * A name an expression may read, with the type of its values.
 *
 * @param name any non-empty text; names that are not letters, digits and underscores are written in backticks
 * @param type the type of its values
 */
public record Variable(String name, ValueType type) {
    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a variable needs a name");
        }
    }
}
