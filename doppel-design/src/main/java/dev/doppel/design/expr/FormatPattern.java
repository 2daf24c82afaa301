package dev.doppel.design.expr;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;

/**
 * {@code format(pattern, args...)}: a small, checked subset of printf. The pattern is a string literal with
 * directives {@code %[flags][width][.precision]conversion}: conversions {@code d} (a number rounded to a whole
 * number), {@code f} (a number), {@code s} (any value as text) and {@code %%}; flags {@code -} (left-align),
 * {@code 0} (zero-pad, d and f), {@code +} (sign, d and f) and {@code ,} (grouping, d and f); width at most
 * {@value #MAX_WIDTH}, precision at most {@value #MAX_PRECISION}. Everything is checked when the expression is
 * compiled, including that the number and types of arguments match the directives. Output does not depend on the
 * machine's locale.
 */
final class FormatPattern {
    static final int MAX_WIDTH = 100;
    static final int MAX_PRECISION = 20;

    /** A literal piece of text, or one directive: the Java format of one argument. */
    private record Piece(String literal, String directive, char conversion) {
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

    private static String render(Piece piece, Object value) {
        return switch (piece.conversion()) {
            case 'd' -> String.format(Locale.ROOT, piece.directive(), Math.round((Double) value));
            case 'f' -> String.format(Locale.ROOT, piece.directive(), (Double) value);
            default -> String.format(Locale.ROOT, piece.directive(), ValueText.of(value));
        };
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
            Piece piece = new Piece(null, directive, conversion);
            try {
                // Belt and braces: the checks above should leave nothing the JDK's formatter refuses.
                render(piece, conversion == 's' ? "x" : Double.valueOf(1));
            } catch (IllegalFormatException e) {
                throw p.error(column, "a supported format directive", "'" + directive + "'");
            }
            if (!literal.isEmpty()) {
                pieces.add(new Piece(literal.toString(), null, ' '));
                literal.setLength(0);
            }
            pieces.add(piece);
        }
        if (!literal.isEmpty()) {
            pieces.add(new Piece(literal.toString(), null, ' '));
        }
        return pieces;
    }

    private static String found(String text, int i) {
        return i >= text.length() ? "the end of the pattern" : "'" + text.charAt(i) + "'";
    }
}
