package dev.doppel.design.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser that type-checks while it parses and builds {@link Node} closures directly. Precedence,
 * lowest first: {@code or}, {@code and}, {@code not}, comparisons (not chained), {@code + -}, {@code * / %}, unary
 * minus, then literals, names, calls and parentheses.
 */
final class Parser {
    /** Parentheses, calls and unary operators may nest this deep; the parser recurses about eight frames per level. */
    static final int MAX_NESTING = 64;
    /** Height of the compiled tree (long chains like {@code a + b + c ...} count); evaluation recurses this deep. */
    static final int MAX_DEPTH = 256;

    private static final Double POSITIVE_ZERO = 0.0;

    private final String source;
    private final List<Token> tokens;
    private final Map<String, Integer> slots;
    private final List<Variable> variables;
    private final Set<String> references = new LinkedHashSet<>();
    private int position;
    private int nesting;

    Parser(String source, List<Variable> variables, Map<String, Integer> slots) {
        this.source = source;
        this.variables = variables;
        this.slots = slots;
        this.tokens = new Lexer(source).tokens();
    }

    Node parse() {
        Node root = or();
        Token end = peek();
        if (end.kind() != Token.Kind.END) {
            throw error(end.column(), "an operator or the end of the expression", end.describe());
        }
        if (root.isNullLiteral()) {
            throw error(1, "an expression that is not always null", "null");
        }
        return root;
    }

    String source() {
        return source;
    }

    Set<String> references() {
        return references;
    }

    private Node or() {
        Node left = and();
        while (peek().isKeyword("or")) {
            next();
            Node right = and();
            Node.Code a = bool(left, "or").code();
            Node.Code b = bool(right, "or").code();
            left = node(ValueType.BOOLEAN, left, v -> {
                Object x = a.run(v);
                if (Boolean.TRUE.equals(x)) {
                    return Boolean.TRUE;
                }
                Object y = b.run(v);
                if (Boolean.TRUE.equals(y)) {
                    return Boolean.TRUE;
                }
                return x == null || y == null ? null : Boolean.FALSE;
            }, left, right);
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().isKeyword("and")) {
            next();
            Node right = not();
            Node.Code a = bool(left, "and").code();
            Node.Code b = bool(right, "and").code();
            left = node(ValueType.BOOLEAN, left, v -> {
                Object x = a.run(v);
                if (Boolean.FALSE.equals(x)) {
                    return Boolean.FALSE;
                }
                Object y = b.run(v);
                if (Boolean.FALSE.equals(y)) {
                    return Boolean.FALSE;
                }
                return x == null || y == null ? null : Boolean.TRUE;
            }, left, right);
        }
        return left;
    }

    private Node not() {
        if (peek().isKeyword("not")) {
            Token not = next();
            enter(not);
            Node operand = not();
            nesting--;
            Node.Code a = bool(operand, "not").code();
            return new Node(ValueType.BOOLEAN, not.column(), checkDepth(operand.depth() + 1, not.column()),
                    operand.constant(), v -> {
                        Object x = a.run(v);
                        return x == null ? null : Boolean.valueOf(!(Boolean) x);
                    }).folded();
        }
        return comparison();
    }

    private Node comparison() {
        Node left = additive();
        Token op = peek();
        if (!isComparison(op)) {
            return left;
        }
        next();
        Node right = additive();
        if (left.isNullLiteral() || right.isNullLiteral()) {
            Node nullSide = left.isNullLiteral() ? left : right;
            throw error(nullSide.column(), "a value to compare (to test for a missing value use is_null(x))", "null");
        }
        if (left.type() != right.type()) {
            throw error(right.column(), left.type().description() + " to compare with the left side of '"
                    + op.text() + "'", right.type().description());
        }
        boolean equality = op.isSymbol("=") || op.isSymbol("==") || op.isSymbol("!=") || op.isSymbol("<>");
        if (!equality && left.type() == ValueType.BOOLEAN) {
            throw error(left.column(), "a number, string, date or datetime on the left of '" + op.text() + "'",
                    "a boolean");
        }
        Comparator<Object> order = Ordering.of(left.type());
        Node.Code a = left.code();
        Node.Code b = right.code();
        Node.Code code = switch (op.text()) {
            case "=", "==" -> v -> compare(a, b, v, order, c -> c == 0);
            case "!=", "<>" -> v -> compare(a, b, v, order, c -> c != 0);
            case "<" -> v -> compare(a, b, v, order, c -> c < 0);
            case "<=" -> v -> compare(a, b, v, order, c -> c <= 0);
            case ">" -> v -> compare(a, b, v, order, c -> c > 0);
            case ">=" -> v -> compare(a, b, v, order, c -> c >= 0);
            default -> throw new IllegalStateException(op.text());
        };
        Node result = node(ValueType.BOOLEAN, left, code, left, right);
        Token after = peek();
        if (isComparison(after)) {
            throw error(after.column(), "an operator other than a comparison (comparisons are not chained; "
                    + "combine them with 'and')", after.describe());
        }
        return result;
    }

    private interface Test {
        boolean holds(int comparison);
    }

    private static Object compare(Node.Code a, Node.Code b, Object[] v, Comparator<Object> order, Test test) {
        Object x = a.run(v);
        if (x == null) {
            return null;
        }
        Object y = b.run(v);
        if (y == null) {
            return null;
        }
        return Boolean.valueOf(test.holds(order.compare(x, y)));
    }

    private static boolean isComparison(Token t) {
        return t.kind() == Token.Kind.SYMBOL && switch (t.text()) {
            case "=", "==", "!=", "<>", "<", "<=", ">", ">=" -> true;
            default -> false;
        };
    }

    private Node additive() {
        Node left = multiplicative();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            Token op = next();
            Node right = multiplicative();
            if (op.text().equals("+") && left.type() == ValueType.STRING) {
                Node.Code a = left.code();
                Node.Code b = string(right, "a string on the right of '+' after a string").code();
                left = node(ValueType.STRING, left, v -> {
                    Object x = a.run(v);
                    if (x == null) {
                        return null;
                    }
                    Object y = b.run(v);
                    return y == null ? null : ((String) x).concat((String) y);
                }, left, right);
            } else {
                left = arithmetic(op, left, right);
            }
        }
        return left;
    }

    private Node multiplicative() {
        Node left = unary();
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%")) {
            Token op = next();
            Node right = unary();
            left = arithmetic(op, left, right);
        }
        return left;
    }

    private Node arithmetic(Token op, Node left, Node right) {
        String what = "'" + op.text() + "'";
        if (left.type() != ValueType.NUMBER) {
            String also = op.text().equals("+") ? " or a string" : "";
            throw error(left.column(), "a number" + also + " on the left of " + what, left.describe());
        }
        number(right, "a number on the right of " + what);
        Node.Code a = left.code();
        Node.Code b = right.code();
        Arithmetic f = switch (op.text()) {
            case "+" -> (x, y) -> x + y;
            case "-" -> (x, y) -> x - y;
            case "*" -> (x, y) -> x * y;
            case "/" -> (x, y) -> x / y;
            case "%" -> (x, y) -> x % y;
            default -> throw new IllegalStateException(op.text());
        };
        return node(ValueType.NUMBER, left, v -> {
            Object x = a.run(v);
            if (x == null) {
                return null;
            }
            Object y = b.run(v);
            return y == null ? null : finite(f.apply((Double) x, (Double) y));
        }, left, right);
    }

    private interface Arithmetic {
        double apply(double x, double y);
    }

    /**
     * Division by zero, overflow and other non-finite results are missing values, never NaN or infinity; and -0.0
     * becomes 0.0, so that no result is written "-0".
     */
    static Double finite(double value) {
        return Double.isFinite(value) ? Double.valueOf(value + 0.0) : null;
    }

    private Node unary() {
        if (peek().isSymbol("-")) {
            Token minus = next();
            enter(minus);
            Node operand = unary();
            nesting--;
            number(operand, "a number after '-'");
            Node.Code a = operand.code();
            return new Node(ValueType.NUMBER, minus.column(), checkDepth(operand.depth() + 1, minus.column()),
                    operand.constant(), v -> {
                        Object x = a.run(v);
                        return x == null ? null : Double.valueOf(0.0 - (Double) x);
                    }).folded();
        }
        return primary();
    }

    private Node primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER -> {
                Double value = t.number();
                return new Node(ValueType.NUMBER, t.column(), 1, true, v -> value);
            }
            case STRING -> {
                String value = t.text();
                return new Node(ValueType.STRING, t.column(), 1, true, v -> value);
            }
            case QUOTED_NAME -> {
                return variable(t);
            }
            case NAME -> {
                if (peek().isSymbol("(")) {
                    return call(t);
                }
                if (t.isKeyword("true") || t.isKeyword("false")) {
                    Boolean value = Boolean.valueOf(t.isKeyword("true"));
                    return new Node(ValueType.BOOLEAN, t.column(), 1, true, v -> value);
                }
                if (t.isKeyword("null")) {
                    return new Node(null, t.column(), 1, true, v -> null);
                }
                if (t.isKeyword("and") || t.isKeyword("or") || t.isKeyword("not")) {
                    throw error(t.column(), "a value", "the keyword '" + t.text()
                            + "' (a column with this name is written `" + t.text() + "`)");
                }
                return variable(t);
            }
            case SYMBOL -> {
                if (t.isSymbol("(")) {
                    enter(t);
                    Node inner = or();
                    nesting--;
                    expect(")", "')' to close the '(' at column " + t.column());
                    return inner;
                }
                throw error(t.column(), "a value", t.describe());
            }
            default -> throw error(t.column(), "a value", t.describe());
        }
    }

    private Node variable(Token name) {
        Integer slot = slots.get(name.text());
        if (slot == null) {
            throw error(name.column(), "a known name (" + knownNames() + ")", "unknown name " + name.describe());
        }
        references.add(name.text());
        int index = slot;
        Variable variable = variables.get(index);
        Class<?> javaClass = variable.type().javaClass();
        if (variable.type() == ValueType.NUMBER) {
            // NaN is how numeric columns mark a missing value elsewhere in Doppel; infinities are treated alike.
            return new Node(ValueType.NUMBER, name.column(), 1, false, v -> {
                Object value = v[index];
                if (value == null) {
                    return null;
                }
                if (!(value instanceof Double d)) {
                    throw wrongValue(variable, value);
                }
                return Double.isFinite(d) ? (d == 0 ? POSITIVE_ZERO : d) : null;
            });
        }
        return new Node(variable.type(), name.column(), 1, false, v -> {
            Object value = v[index];
            if (value != null && value.getClass() != javaClass) {
                throw wrongValue(variable, value);
            }
            return value;
        });
    }

    private static IllegalArgumentException wrongValue(Variable variable, Object value) {
        return new IllegalArgumentException("variable '" + variable.name() + "' is " + variable.type()
                + " but its value is a " + value.getClass().getName());
    }

    private String knownNames() {
        if (variables.isEmpty()) {
            return "none are declared";
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < variables.size() && i < 20; i++) {
            names.append(i == 0 ? "" : ", ").append(variables.get(i).name());
        }
        if (variables.size() > 20) {
            names.append(", … ").append(variables.size() - 20).append(" more");
        }
        return names.toString();
    }

    private Node call(Token name) {
        Token open = next();
        enter(open);
        List<Node> arguments = new ArrayList<>();
        if (!peek().isSymbol(")")) {
            while (true) {
                arguments.add(or());
                if (peek().isSymbol(",")) {
                    next();
                    continue;
                }
                break;
            }
        }
        expect(")", "',' or ')' to close the call of " + name.text() + " at column " + name.column());
        nesting--;
        Node call = Functions.call(this, name, arguments);
        int depth = 1;
        boolean constant = true;
        for (Node argument : arguments) {
            depth = Math.max(depth, argument.depth() + 1);
            constant &= argument.constant();
        }
        checkDepth(depth, name.column());
        // Every function is a pure function of its arguments, so a call on constants is a constant.
        return new Node(call.type(), name.column(), depth, constant, call.code()).folded();
    }

    // --- checks shared with Functions ---

    Node number(Node node, String expected) {
        return require(node, ValueType.NUMBER, expected);
    }

    Node string(Node node, String expected) {
        return require(node, ValueType.STRING, expected);
    }

    Node bool(Node node, String operator) {
        return require(node, ValueType.BOOLEAN, "a boolean for '" + operator + "'");
    }

    Node require(Node node, ValueType type, String expected) {
        if (node.type() != type) {
            throw error(node.column(), expected, node.describe());
        }
        return node;
    }

    ExpressionException error(int column, String expected, String found) {
        return new ExpressionException(source, column, expected, found);
    }

    private Node node(ValueType type, Node first, Node.Code code, Node left, Node right) {
        int depth = checkDepth(Math.max(left.depth(), right.depth()) + 1, first.column());
        return new Node(type, first.column(), depth, left.constant() && right.constant(), code).folded();
    }

    private int checkDepth(int depth, int column) {
        if (depth > MAX_DEPTH) {
            throw error(column, "an expression at most " + MAX_DEPTH + " operations deep", "a deeper one");
        }
        return depth;
    }

    private void enter(Token t) {
        nesting++;
        if (nesting > MAX_NESTING) {
            throw error(t.column(), "parentheses, calls and unary operators nested at most " + MAX_NESTING
                    + " deep", "deeper nesting");
        }
    }

    private void expect(String symbol, String expected) {
        Token t = next();
        if (!t.isSymbol(symbol)) {
            throw error(t.column(), expected, t.describe());
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token t = tokens.get(position);
        if (t.kind() != Token.Kind.END) {
            position++;
        }
        return t;
    }
}
