package dev.doppel.design.expr;

/**
 * One lexical unit of an expression.
 *
 * @param kind   what it is
 * @param text   for names, the name (without backticks); for strings, the value (quotes removed, {@code ''} undone);
 *               for symbols, the symbol as written
 * @param number the value of a number token, else 0
 * @param column 1-based position of its first character
 */
record Token(Kind kind, String text, double number, int column) {
    enum Kind { NUMBER, STRING, NAME, QUOTED_NAME, SYMBOL, END }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** A bare (unquoted) name equal to this keyword, ignoring case. */
    boolean isKeyword(String keyword) {
        return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }

    /** The token as it reads in an error message. */
    String describe() {
        return switch (kind) {
            case NUMBER -> "number " + text;
            case STRING -> "string '" + shorten(text) + "'";
            case NAME -> "'" + shorten(text) + "'";
            case QUOTED_NAME -> "`" + shorten(text) + "`";
            case SYMBOL -> "'" + text + "'";
            case END -> "the end of the expression";
        };
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
