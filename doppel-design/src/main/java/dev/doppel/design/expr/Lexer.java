package dev.doppel.design.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression's text into {@link Token}s, refusing any character the language does not use. */
final class Lexer {
    private static final java.util.Set<String> TWO_CHARACTER_SYMBOLS = java.util.Set.of("==", "!=", "<>", "<=", ">=");
    private static final String ONE_CHARACTER_SYMBOLS = "+-*/%(),<>=";

    private final String source;
    private int at;

    Lexer(String source) {
        this.source = source;
    }

    List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (at < source.length() && isSpace(source.charAt(at))) {
                at++;
            }
            if (at >= source.length()) {
                tokens.add(new Token(Token.Kind.END, "", 0, source.length() + 1));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = at;
        char c = source.charAt(at);
        if (isDigit(c) || (c == '.' && at + 1 < source.length() && isDigit(source.charAt(at + 1)))) {
            return number(start);
        }
        if (isNameStart(c)) {
            while (at < source.length() && isNamePart(source.charAt(at))) {
                at++;
            }
            return new Token(Token.Kind.NAME, source.substring(start, at), 0, start + 1);
        }
        if (c == '\'') {
            return new Token(Token.Kind.STRING, quoted('\'', "a closing ' for the string started"), 0, start + 1);
        }
        if (c == '`') {
            String name = quoted('`', "a closing ` for the name started");
            if (name.isEmpty()) {
                throw new ExpressionException(source, start + 1, "a name between the backticks", "``");
            }
            return new Token(Token.Kind.QUOTED_NAME, name, 0, start + 1);
        }
        if (at + 1 < source.length()) {
            String two = source.substring(at, at + 2);
            if (TWO_CHARACTER_SYMBOLS.contains(two)) {
                at += 2;
                return new Token(Token.Kind.SYMBOL, two, 0, start + 1);
            }
        }
        if (ONE_CHARACTER_SYMBOLS.indexOf(c) >= 0) {
            at++;
            return new Token(Token.Kind.SYMBOL, String.valueOf(c), 0, start + 1);
        }
        String hint = c == '"' ? " (strings are written in single quotes)" : "";
        throw new ExpressionException(source, start + 1, "a number, string, name, operator or parenthesis",
                describeCharacter(start) + hint);
    }

    private Token number(int start) {
        while (at < source.length() && isDigit(source.charAt(at))) {
            at++;
        }
        if (at + 1 < source.length() && source.charAt(at) == '.' && isDigit(source.charAt(at + 1))) {
            at++;
            while (at < source.length() && isDigit(source.charAt(at))) {
                at++;
            }
        }
        if (at < source.length() && (source.charAt(at) == 'e' || source.charAt(at) == 'E')) {
            int exponent = at + 1;
            if (exponent < source.length() && (source.charAt(exponent) == '+' || source.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent >= source.length() || !isDigit(source.charAt(exponent))) {
                throw new ExpressionException(source, exponent + 1, "the digits of the number's exponent",
                        exponent >= source.length() ? "the end of the expression" : describeCharacter(exponent));
            }
            at = exponent;
            while (at < source.length() && isDigit(source.charAt(at))) {
                at++;
            }
        }
        if (at < source.length() && (isNamePart(source.charAt(at)) || source.charAt(at) == '.')) {
            throw new ExpressionException(source, at + 1, "an operator after the number " + source.substring(start, at),
                    describeCharacter(at));
        }
        String text = source.substring(start, at);
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new ExpressionException(source, start + 1, "a number within ±1.8e308", text);
        }
        return new Token(Token.Kind.NUMBER, text, value, start + 1);
    }

    /** Reads a text between {@code quote} characters; a doubled quote stands for one. */
    private String quoted(char quote, String expected) {
        int start = at;
        StringBuilder text = new StringBuilder();
        at++;
        while (true) {
            if (at >= source.length()) {
                throw new ExpressionException(source, source.length() + 1, expected + " at column " + (start + 1),
                        "the end of the expression");
            }
            char c = source.charAt(at);
            if (c == quote) {
                if (at + 1 < source.length() && source.charAt(at + 1) == quote) {
                    text.append(quote);
                    at += 2;
                    continue;
                }
                at++;
                return text.toString();
            }
            text.append(c);
            at++;
        }
    }

    private String describeCharacter(int index) {
        char c = source.charAt(index);
        if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || Character.isWhitespace(c)) {
            return String.format("character U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
