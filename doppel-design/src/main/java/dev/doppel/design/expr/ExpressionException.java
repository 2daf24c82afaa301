package dev.doppel.design.expr;

import dev.doppel.DoppelException;

/**
 * An expression that cannot be compiled (or, for a few conversions of text, evaluated). The message quotes the
 * expression, names the 1-based character column where the problem is, what was expected there and what was found.
 */
public final class ExpressionException extends DoppelException {
    /** Longer expressions are shortened in messages, so that a huge input does not make a huge message. */
    private static final int QUOTED_LENGTH = 80;

    private final int column;
    private final String expected;
    private final String found;

    ExpressionException(String source, int column, String expected, String found) {
        super("expression " + quote(source) + ", column " + column + ": expected " + expected
                + (found == null ? "" : ", found " + found));
        this.column = column;
        this.expected = expected;
        this.found = found;
    }

    /** 1-based character position in the expression's text. */
    public int column() {
        return column;
    }

    /** What was expected at {@link #column()}. */
    public String expected() {
        return expected;
    }

    /** What was found there instead, or null. */
    public String found() {
        return found;
    }

    static String quote(String text) {
        if (text.length() <= QUOTED_LENGTH) {
            return "'" + text + "'";
        }
        return "'" + text.substring(0, QUOTED_LENGTH) + "…' (" + text.length() + " characters)";
    }
}
