package dev.doppel.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small arithmetic expression over numerical columns: numbers, column names, {@code + - * /}, unary minus and
 * parentheses, with the usual precedence ({@code * /} before {@code + -}, left to right). A bare name is letters,
 * digits and underscores, not starting with a digit; any other column name is written in backticks
 * ({@code `hours-per-week` * 52}). Nothing else can be named or called, so evaluating a formula can only do arithmetic.
 *
 * @param text    the expression as written
 * @param columns the distinct columns it reads, in order of first use; {@link #evaluate} takes their values in this
 *                order
 */
public record FormulaExpression(String text, List<String> columns, Node root) {
    /** Nesting deeper than this is refused rather than risking the parser's stack. */
    static final int MAX_DEPTH = 64;

    public FormulaExpression {
        Objects.requireNonNull(text, "text");
        columns = List.copyOf(columns);
        Objects.requireNonNull(root, "root");
    }

    /** A parse tree node. */
    public sealed interface Node {
        double evaluate(double[] inputs);
    }

    /** A number literal. */
    public record Literal(double value) implements Node {
        @Override
        public double evaluate(double[] inputs) {
            return value;
        }
    }

    /** A column's value; {@code slot} indexes {@link FormulaExpression#columns()}. */
    public record ColumnValue(String name, int slot) implements Node {
        @Override
        public double evaluate(double[] inputs) {
            return inputs[slot];
        }
    }

    /** {@code -operand}. */
    public record Negation(Node operand) implements Node {
        @Override
        public double evaluate(double[] inputs) {
            return -operand.evaluate(inputs);
        }
    }

    /** {@code left op right}, op one of {@code + - * /}. */
    public record Operation(char operator, Node left, Node right) implements Node {
        @Override
        public double evaluate(double[] inputs) {
            double a = left.evaluate(inputs);
            double b = right.evaluate(inputs);
            return switch (operator) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                default -> throw new IllegalStateException("operator " + operator);
            };
        }
    }

    /** A formula that cannot be read; {@code position} is 1-based in the formula's text. */
    public static final class SyntaxException extends IllegalArgumentException {
        private final int position;

        SyntaxException(String text, int position, String expected, String found) {
            super("formula '" + text + "': expected " + expected + " at position " + position + ", found " + found);
            this.position = position;
        }

        public int position() {
            return position;
        }
    }

    /**
     * The value for the given column values (NaN when a value is NaN; division by zero gives an infinity or NaN, which
     * callers treat as no value).
     */
    public double evaluate(double[] inputs) {
        return root.evaluate(inputs);
    }

    /** Parses {@code text}; a {@link SyntaxException} names the position and what was expected there. */
    public static FormulaExpression parse(String text) {
        Parser p = new Parser(text);
        Node root = p.sum(0);
        p.skipSpace();
        if (p.at < text.length()) {
            throw p.error("an operator (+ - * /) or the end");
        }
        return new FormulaExpression(text, p.columns, root);
    }

    private static final class Parser {
        private final String text;
        private final List<String> columns = new ArrayList<>();
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Node sum(int depth) {
            Node left = product(depth);
            while (true) {
                skipSpace();
                if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                    char op = text.charAt(at++);
                    left = new Operation(op, left, product(depth));
                } else {
                    return left;
                }
            }
        }

        Node product(int depth) {
            Node left = unary(depth);
            while (true) {
                skipSpace();
                if (at < text.length() && (text.charAt(at) == '*' || text.charAt(at) == '/')) {
                    char op = text.charAt(at++);
                    left = new Operation(op, left, unary(depth));
                } else {
                    return left;
                }
            }
        }

        Node unary(int depth) {
            skipSpace();
            if (at < text.length() && text.charAt(at) == '-') {
                at++;
                if (depth + 1 > MAX_DEPTH) {
                    throw error("at most " + MAX_DEPTH + " nested signs or parentheses");
                }
                return new Negation(unary(depth + 1));
            }
            return primary(depth);
        }

        Node primary(int depth) {
            skipSpace();
            if (at >= text.length()) {
                throw error("a number, a column or '('");
            }
            char c = text.charAt(at);
            if (c == '(') {
                if (depth + 1 > MAX_DEPTH) {
                    throw error("at most " + MAX_DEPTH + " nested signs or parentheses");
                }
                at++;
                Node inner = sum(depth + 1);
                skipSpace();
                if (at >= text.length() || text.charAt(at) != ')') {
                    throw error("')'");
                }
                at++;
                return inner;
            }
            if (Character.isDigit(c) || c == '.') {
                return number();
            }
            if (c == '`') {
                int start = at;
                int end = text.indexOf('`', at + 1);
                if (end < 0) {
                    throw new SyntaxException(text, start + 1, "a closing backtick for the column name", "none");
                }
                if (end == at + 1) {
                    throw new SyntaxException(text, start + 1, "a column name between the backticks", "``");
                }
                at = end + 1;
                return column(text.substring(start + 1, end));
            }
            if (Character.isLetter(c) || c == '_') {
                int start = at;
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                    at++;
                }
                return column(text.substring(start, at));
            }
            throw error("a number, a column or '('");
        }

        private Node column(String name) {
            int slot = columns.indexOf(name);
            if (slot < 0) {
                columns.add(name);
                slot = columns.size() - 1;
            }
            return new ColumnValue(name, slot);
        }

        private Node number() {
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at < text.length() && text.charAt(at) == '.') {
                at++;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
            }
            if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                int mark = at++;
                if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                    at++;
                }
                if (at >= text.length() || !Character.isDigit(text.charAt(at))) {
                    at = mark;
                    throw error("digits of the exponent");
                }
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
            }
            String literal = text.substring(start, at);
            if (literal.equals(".")) {
                at = start;
                throw error("a number");
            }
            double value = Double.parseDouble(literal);
            if (!Double.isFinite(value)) {
                at = start;
                throw error("a finite number");
            }
            return new Literal(value);
        }

        void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        SyntaxException error(String expected) {
            String found = at >= text.length() ? "the end" : "'" + text.charAt(at) + "'";
            return new SyntaxException(text, at + 1, expected, found);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
