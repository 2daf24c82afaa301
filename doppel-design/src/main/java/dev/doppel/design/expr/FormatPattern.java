package dev.doppel.design.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code format(pattern, args...)}: a small, checked subset of printf. The pattern is a string literal with
 * directives {@code %[flags][width][.precision]conversion}: conversions {@code d} (a number rounded half away from
 * zero to a whole number), {@code f} (a number, rounded likewise at the precision, 6 by default), {@code s} (any
 * value as text, at most precision characters) and {@code %%}; flags {@code -} (left-align),
 * {@code 0} (zero-pad, d and f), {@code +} (sign, d and f) and {@code ,} (grouping, d and f); width at most
 * {@value #MAX_WIDTH}, precision at most {@value #MAX_PRECISION}. Everything is checked when the expression is
 * compiled, including that the number and types of arguments match the directives. Output does not depend on the
 * machine's locale.
 */
final class FormatPattern {
    static final int MAX_WIDTH = 100;
    static final int MAX_PRECISION = 20;

    /** A literal piece of text, or one directive as written and its parts. */
    private record Piece(String literal, String directive, char conversion, String flags, int width, int precision) {
        static Piece text(String literal) {
            return new Piece(literal, null, ' ', "", 0, -1);
        }
    }

    private FormatPattern() {
    }

    static Node call(Parser p, Token name, List<Node> args) {
        Functions.arity(p, name, args, 1, Integer.MAX_VALUE);
        Node patternNode = args.get(0);
        Object pattern = patternNode.type() == ValueType.STRING ? patternNode.constantValue() : null;
        if (!(pattern instanceof String text)) {
            throw p.error(patternNode.column(), "a constant string as the pattern of format", patternNode.describe()
                    + (patternNode.type() == ValueType.STRING ? " computed from variables" : ""));
        }
        // The pattern's characters start one column after its opening quote; with doubled quotes inside the
        // literal the column is approximate, which is fine for pointing at the directive.
        List<Piece> pieces = parse(p, text, patternNode.column() + 1);
        List<Node> values = args.subList(1, args.size());
        int directives = (int) pieces.stream().filter(piece -> piece.directive() != null).count();
        if (directives != values.size()) {
            throw p.error(name.column(), directives + " value" + (directives == 1 ? "" : "s") + " after the pattern ("
                    + "one per directive)", String.valueOf(values.size()));
        }
        Node.Code[] codes = new Node.Code[values.size()];
        int next = 0;
        for (Piece piece : pieces) {
            if (piece.directive() == null) {
                continue;
            }
            Node value = values.get(next);
            if (piece.conversion() == 's') {
                Functions.typed(p, value, "a value for " + piece.directive());
            } else {
                p.number(value, "a number for " + piece.directive());
            }
            codes[next++] = value.code();
        }
        Piece[] plan = pieces.toArray(Piece[]::new);
        return Functions.node(ValueType.STRING, name.column(), v -> {
            StringBuilder out = new StringBuilder();
            int i = 0;
            for (Piece piece : plan) {
                if (piece.directive() == null) {
                    out.append(piece.literal());
                    continue;
                }
                Object x = codes[i++].run(v);
                if (x == null) {
                    return null;
                }
                out.append(render(piece, x));
            }
            return out.toString();
        });
    }

    /**
     * Writes one value. Written by hand rather than with {@link java.util.Formatter}, which is several times slower
     * and rounds by its own rules; a test checks that both agree wherever the value is not a tie.
     */
    private static String render(Piece piece, Object value) {
        String flags = piece.flags();
        String body;
        String sign = "";
        if (piece.conversion() == 's') {
            body = ValueText.of(value);
            if (piece.precision() >= 0 && body.codePointCount(0, body.length()) > piece.precision()) {
                body = body.substring(0, body.offsetByCodePoints(0, piece.precision()));
            }
        } else {
            int scale = piece.conversion() == 'd' ? 0 : piece.precision() < 0 ? 6 : piece.precision();
            body = Decimal.fixed((Double) value, scale);
            if (body.startsWith("-")) {
                sign = "-";
                body = body.substring(1);
            } else if (flags.indexOf('+') >= 0) {
                sign = "+";
            }
            if (flags.indexOf(',') >= 0) {
                body = grouped(body);
            }
        }
        int length = sign.length() + body.codePointCount(0, body.length());
        int padding = Math.max(0, piece.width() - length);
        if (padding == 0) {
            return sign + body;
        }
        if (flags.indexOf('-') >= 0) {
            return sign + body + " ".repeat(padding);
        }
        if (flags.indexOf('0') >= 0) {
            return sign + "0".repeat(padding) + body;
        }
        return " ".repeat(padding) + sign + body;
    }

    /** Thousands separators in the whole part of an unsigned decimal. */
    private static String grouped(String digits) {
        int point = digits.indexOf('.');
        int whole = point < 0 ? digits.length() : point;
        StringBuilder out = new StringBuilder(digits.length() + whole / 3);
        for (int i = 0; i < whole; i++) {
            if (i > 0 && (whole - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.append(digits, whole, digits.length()).toString();
    }

    private static List<Piece> parse(Parser p, String text, int firstColumn) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            int start = i;
            int column = firstColumn + start;
            i++;
            if (i < text.length() && text.charAt(i) == '%') {
                literal.append('%');
                i++;
                continue;
            }
            String flags = "";
            while (i < text.length() && "-0+,".indexOf(text.charAt(i)) >= 0) {
                if (flags.indexOf(text.charAt(i)) >= 0) {
                    throw p.error(column, "each flag at most once in a format directive", "'" + text.charAt(i) + "' twice");
                }
                flags += text.charAt(i);
                i++;
            }
            int widthStart = i;
            while (i < text.length() && Character.isDigit(text.charAt(i)) && i - widthStart < 4) {
                i++;
            }
            int width = i > widthStart ? Integer.parseInt(text.substring(widthStart, i)) : 0;
            int precision = -1;
            if (i < text.length() && text.charAt(i) == '.') {
                i++;
                int precisionStart = i;
                while (i < text.length() && Character.isDigit(text.charAt(i)) && i - precisionStart < 3) {
                    i++;
                }
                if (i == precisionStart) {
                    throw p.error(firstColumn + i, "digits of the precision after '.'", found(text, i));
                }
                precision = Integer.parseInt(text.substring(precisionStart, i));
            }
            if (i >= text.length() || "dfs".indexOf(text.charAt(i)) < 0) {
                throw p.error(firstColumn + Math.min(i, text.length()), "a format conversion d, f or s (or %% for %)",
                        found(text, i));
            }
            char conversion = text.charAt(i);
            i++;
            String directive = text.substring(start, i);
            if (width > MAX_WIDTH) {
                throw p.error(column, "a width of at most " + MAX_WIDTH + " in " + directive, String.valueOf(width));
            }
            if (precision > MAX_PRECISION) {
                throw p.error(column, "a precision of at most " + MAX_PRECISION + " in " + directive,
                        String.valueOf(precision));
            }
            if ((flags.contains("-") || flags.contains("0")) && width == 0) {
                throw p.error(column, "a width with the '-' or '0' flag in " + directive, "none");
            }
            if (flags.contains("-") && flags.contains("0")) {
                throw p.error(column, "either '-' or '0' in " + directive, "both");
            }
            if (conversion == 's' && (flags.contains("0") || flags.contains("+") || flags.contains(","))) {
                throw p.error(column, "only the '-' flag with %s in " + directive, "flags '" + flags + "'");
            }
            if (conversion == 'd' && precision >= 0) {
                throw p.error(column, "no precision with %d in " + directive, "." + precision);
            }
            Piece piece = new Piece(null, directive, conversion, flags, width, precision);
            if (!literal.isEmpty()) {
                pieces.add(Piece.text(literal.toString()));
                literal.setLength(0);
            }
            pieces.add(piece);
        }
        if (!literal.isEmpty()) {
            pieces.add(Piece.text(literal.toString()));
        }
        return pieces;
    }

    private static String found(String text, int i) {
        return i >= text.length() ? "the end of the pattern" : "'" + text.charAt(i) + "'";
    }
}
