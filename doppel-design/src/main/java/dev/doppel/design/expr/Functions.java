package dev.doppel.design.expr;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * The built-in functions: a closed list, checked by name, number and types of arguments at compile time. Every
 * function is total and bounded: a missing argument gives a missing result (except {@code is_null}, {@code coalesce}
 * and the branches {@code if} does not take), and a result that cannot be represented (not finite, a date out of
 * range) is missing.
 */
final class Functions {
    /** The names, as listed in error messages. */
    static final List<String> NAMES = List.of(
            "if", "is_null", "coalesce",
            "abs", "round", "floor", "ceil", "min", "max", "log", "log10", "exp", "sqrt", "pow", "clamp",
            "concat", "string", "upper", "lower", "trim", "substr", "length", "contains", "starts_with", "ends_with",
            "format",
            "date", "datetime", "date_of", "year", "month", "day", "weekday", "hour", "minute",
            "add_days", "add_hours", "add_minutes", "days_between");

    /** {@code round(x, digits)} accepts this many digits either side of the decimal point. */
    private static final int MAX_ROUND_DIGITS = 15;

    private Functions() {
    }

    static Node call(Parser p, Token name, List<Node> args) {
        String f = name.text().toLowerCase(Locale.ROOT);
        int c = name.column();
        return switch (f) {
            case "if" -> ifThenElse(p, name, args);
            case "is_null" -> {
                arity(p, name, args, 1, 1);
                Node.Code a = typed(p, args.get(0), "a value to test").code();
                yield node(ValueType.BOOLEAN, c, v -> Boolean.valueOf(a.run(v) == null));
            }
            case "coalesce" -> coalesce(p, name, args);
            case "abs" -> math1(p, name, args, Math::abs);
            case "floor" -> math1(p, name, args, Math::floor);
            case "ceil" -> math1(p, name, args, Math::ceil);
            case "log" -> math1(p, name, args, Math::log);
            case "log10" -> math1(p, name, args, Math::log10);
            case "exp" -> math1(p, name, args, Math::exp);
            case "sqrt" -> math1(p, name, args, Math::sqrt);
            case "pow" -> math2(p, name, args, Math::pow);
            case "round" -> round(p, name, args);
            case "min", "max" -> extreme(p, name, args, f.equals("max"));
            case "clamp" -> {
                arity(p, name, args, 3, 3);
                Node.Code x = p.number(args.get(0), "a number to clamp").code();
                Node.Code lo = p.number(args.get(1), "a number for clamp's lower bound").code();
                Node.Code hi = p.number(args.get(2), "a number for clamp's upper bound").code();
                yield node(ValueType.NUMBER, c, v -> {
                    Object a = x.run(v);
                    Object b = lo.run(v);
                    Object d = hi.run(v);
                    if (a == null || b == null || d == null) {
                        return null;
                    }
                    return Double.valueOf(Math.min(Math.max((Double) a, (Double) b), (Double) d));
                });
            }
            case "concat" -> concat(p, name, args);
            case "string" -> {
                arity(p, name, args, 1, 1);
                Node.Code a = typed(p, args.get(0), "a value to write as text").code();
                yield node(ValueType.STRING, c, v -> {
                    Object x = a.run(v);
                    return x == null ? null : ValueText.of(x);
                });
            }
            case "upper" -> text1(p, name, args, ValueType.STRING, s -> s.toUpperCase(Locale.ROOT));
            case "lower" -> text1(p, name, args, ValueType.STRING, s -> s.toLowerCase(Locale.ROOT));
            case "trim" -> text1(p, name, args, ValueType.STRING, String::strip);
            case "length" -> text1(p, name, args, ValueType.NUMBER,
                    s -> Double.valueOf(s.codePointCount(0, s.length())));
            case "substr" -> substr(p, name, args);
            case "contains" -> text2(p, name, args, String::contains);
            case "starts_with" -> text2(p, name, args, String::startsWith);
            case "ends_with" -> text2(p, name, args, String::endsWith);
            case "format" -> FormatPattern.call(p, name, args);
            case "date" -> date(p, name, args);
            case "datetime" -> datetime(p, name, args);
            case "date_of" -> {
                arity(p, name, args, 1, 1);
                Node.Code a = p.require(args.get(0), ValueType.DATETIME, "a datetime for date_of").code();
                yield node(ValueType.DATE, c, v -> {
                    Object x = a.run(v);
                    return x == null ? null : ((LocalDateTime) x).toLocalDate();
                });
            }
            case "year" -> datePart(p, name, args, false, d -> d.getYear(), t -> t.getYear());
            case "month" -> datePart(p, name, args, false, d -> d.getMonthValue(), t -> t.getMonthValue());
            case "day" -> datePart(p, name, args, false, d -> d.getDayOfMonth(), t -> t.getDayOfMonth());
            case "weekday" -> datePart(p, name, args, false, d -> d.getDayOfWeek().getValue(),
                    t -> t.getDayOfWeek().getValue());
            case "hour" -> datePart(p, name, args, true, null, t -> t.getHour());
            case "minute" -> datePart(p, name, args, true, null, t -> t.getMinute());
            case "add_days" -> addTime(p, name, args, 86_400, false);
            case "add_hours" -> addTime(p, name, args, 3_600, true);
            case "add_minutes" -> addTime(p, name, args, 60, true);
            case "days_between" -> daysBetween(p, name, args);
            default -> throw p.error(c, "a function (" + String.join(", ", NAMES) + ")",
                    "unknown function '" + name.text() + "'");
        };
    }

    static Node node(ValueType type, int column, Node.Code code) {
        // Depth and constancy are filled in by the parser, which knows the arguments.
        return new Node(type, column, 1, false, code);
    }

    static void arity(Parser p, Token name, List<Node> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            String count = min == max ? String.valueOf(min)
                    : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
            throw p.error(name.column(), count + (min == 1 && max == 1 ? " argument" : " arguments") + " for "
                    + name.text(), String.valueOf(args.size()));
        }
    }

    /** An argument that must have a type: anything but the literal null. */
    static Node typed(Parser p, Node arg, String expected) {
        if (arg.isNullLiteral()) {
            throw p.error(arg.column(), expected, "null");
        }
        return arg;
    }

    private static Node ifThenElse(Parser p, Token name, List<Node> args) {
        arity(p, name, args, 3, 3);
        Node.Code test = p.require(args.get(0), ValueType.BOOLEAN, "a boolean condition for if").code();
        ValueType type = unify(p, args.subList(1, 3), "if's branches");
        Node.Code then = args.get(1).code();
        Node.Code otherwise = args.get(2).code();
        return node(type, name.column(), v -> {
            Object t = test.run(v);
            if (t == null) {
                return null;
            }
            return (Boolean) t ? then.run(v) : otherwise.run(v);
        });
    }

    private static Node coalesce(Parser p, Token name, List<Node> args) {
        arity(p, name, args, 1, Integer.MAX_VALUE);
        ValueType type = unify(p, args, "coalesce's arguments");
        Node.Code[] codes = args.stream().map(Node::code).toArray(Node.Code[]::new);
        return node(type, name.column(), v -> {
            for (Node.Code code : codes) {
                Object x = code.run(v);
                if (x != null) {
                    return x;
                }
            }
            return null;
        });
    }

    /** The one type of these nodes, ignoring null literals (null when they are all null literals). */
    private static ValueType unify(Parser p, List<Node> nodes, String what) {
        ValueType type = null;
        for (Node node : nodes) {
            if (node.isNullLiteral()) {
                continue;
            }
            if (type == null) {
                type = node.type();
            } else if (node.type() != type) {
                throw p.error(node.column(), type.description() + " like the other of " + what,
                        node.type().description());
            }
        }
        return type;
    }

    private static Node math1(Parser p, Token name, List<Node> args, DoubleUnaryOperator f) {
        arity(p, name, args, 1, 1);
        Node.Code a = p.number(args.get(0), "a number for " + name.text()).code();
        return node(ValueType.NUMBER, name.column(), v -> {
            Object x = a.run(v);
            return x == null ? null : Parser.finite(f.applyAsDouble((Double) x));
        });
    }

    private static Node math2(Parser p, Token name, List<Node> args, DoubleBinaryOperator f) {
        arity(p, name, args, 2, 2);
        Node.Code a = p.number(args.get(0), "a number for " + name.text()).code();
        Node.Code b = p.number(args.get(1), "a number for " + name.text()).code();
        return node(ValueType.NUMBER, name.column(), v -> {
            Object x = a.run(v);
            Object y = b.run(v);
            return x == null || y == null ? null : Parser.finite(f.applyAsDouble((Double) x, (Double) y));
        });
    }

    private static Node round(Parser p, Token name, List<Node> args) {
        arity(p, name, args, 1, 2);
        Node.Code a = p.number(args.get(0), "a number to round").code();
        int digits = 0;
        if (args.size() == 2) {
            Node d = args.get(1);
            Object value = d.type() == ValueType.NUMBER ? d.constantValue() : null;
            if (!(value instanceof Double n) || n != Math.rint(n) || Math.abs(n) > MAX_ROUND_DIGITS) {
                throw p.error(d.column(), "a constant whole number of digits between -" + MAX_ROUND_DIGITS
                        + " and " + MAX_ROUND_DIGITS, value == null ? "a computed value"
                        : ValueText.of(value));
            }
            digits = (int) (double) n;
        }
        int scale = digits;
        return node(ValueType.NUMBER, name.column(), v -> {
            Object x = a.run(v);
            if (x == null) {
                return null;
            }
            return Parser.finite(Decimal.round((Double) x, scale));
        });
    }

    private static Node extreme(Parser p, Token name, List<Node> args, boolean max) {
        arity(p, name, args, 2, Integer.MAX_VALUE);
        ValueType type = typed(p, args.get(0), "a value for " + name.text()).type();
        if (type == ValueType.BOOLEAN) {
            throw p.error(args.get(0).column(), "a number, string, date or datetime for " + name.text(), "a boolean");
        }
        for (Node arg : args) {
            p.require(arg, type, type.description() + " like the first argument of " + name.text());
        }
        Comparator<Object> order = Ordering.of(type);
        Node.Code[] codes = args.stream().map(Node::code).toArray(Node.Code[]::new);
        return node(type, name.column(), v -> {
            Object best = null;
            for (Node.Code code : codes) {
                Object x = code.run(v);
                if (x == null) {
                    return null;
                }
                if (best == null || (max ? order.compare(x, best) > 0 : order.compare(x, best) < 0)) {
                    best = x;
                }
            }
            return best;
        });
    }

    private static Node concat(Parser p, Token name, List<Node> args) {
        arity(p, name, args, 1, Integer.MAX_VALUE);
        for (Node arg : args) {
            typed(p, arg, "a value to concatenate");
        }
        Node.Code[] codes = args.stream().map(Node::code).toArray(Node.Code[]::new);
        return node(ValueType.STRING, name.column(), v -> {
            StringBuilder text = new StringBuilder();
            for (Node.Code code : codes) {
                Object x = code.run(v);
                if (x == null) {
                    return null;
                }
                text.append(x instanceof String s ? s : ValueText.of(x));
            }
            return text.toString();
        });
    }

    private static Node text1(Parser p, Token name, List<Node> args, ValueType result, Function<String, Object> f) {
        arity(p, name, args, 1, 1);
        Node.Code a = p.string(args.get(0), "a string for " + name.text()).code();
        return node(result, name.column(), v -> {
            Object x = a.run(v);
            return x == null ? null : f.apply((String) x);
        });
    }

    private interface StringTest {
        boolean test(String s, String t);
    }

    private static Node text2(Parser p, Token name, List<Node> args, StringTest f) {
        arity(p, name, args, 2, 2);
        Node.Code a = p.string(args.get(0), "a string for " + name.text()).code();
        Node.Code b = p.string(args.get(1), "a string for " + name.text()).code();
        return node(ValueType.BOOLEAN, name.column(), v -> {
            Object x = a.run(v);
            Object y = b.run(v);
            return x == null || y == null ? null : Boolean.valueOf(f.test((String) x, (String) y));
        });
    }

    private static Node substr(Parser p, Token name, List<Node> args) {
        arity(p, name, args, 2, 3);
        Node.Code s = p.string(args.get(0), "a string for substr").code();
        Node.Code from = p.number(args.get(1), "a number for substr's start (1 is the first character)").code();
        Node.Code count = args.size() == 3
                ? p.number(args.get(2), "a number for substr's length").code() : v -> Double.valueOf(Integer.MAX_VALUE);
        return node(ValueType.STRING, name.column(), v -> {
            Object x = s.run(v);
            Object f = from.run(v);
            Object n = count.run(v);
            if (x == null || f == null || n == null) {
                return null;
            }
            String text = (String) x;
            int length = text.codePointCount(0, text.length());
            // Positions count code points from 1; fractions are dropped, and the range is clipped to the string.
            long first = Math.max(1, (long) (double) (Double) f);
            long wanted = Math.max(0, (long) (double) (Double) n);
            if (first > length) {
                return "";
            }
            int take = (int) Math.min(wanted, length - first + 1);
            int begin = text.offsetByCodePoints(0, (int) first - 1);
            int end = text.offsetByCodePoints(begin, take);
            return text.substring(begin, end);
        });
    }

    private static Node date(Parser p, Token name, List<Node> args) {
        arity(p, name, args, 1, 1);
        Node arg = p.string(args.get(0), "a string 'yyyy-mm-dd' for date");
        Function<String, Object> parse = LocalDate::parse;
        return parsed(p, name, arg, ValueType.DATE, "a date written yyyy-mm-dd", parse);
    }

    private static Node datetime(Parser p, Token name, List<Node> args) {
        arity(p, name, args, 1, 1);
        Node arg = args.get(0);
        if (arg.type() == ValueType.DATE) {
            Node.Code a = arg.code();
            return node(ValueType.DATETIME, name.column(), v -> {
                Object x = a.run(v);
                return x == null ? null : ((LocalDate) x).atStartOfDay();
            });
        }
        p.string(arg, "a string 'yyyy-mm-ddThh:mm[:ss]' or a date for datetime");
        Function<String, Object> parse = s -> s.length() > 10 && s.charAt(10) == ' '
                ? LocalDateTime.parse(s.substring(0, 10) + 'T' + s.substring(11)) : LocalDateTime.parse(s);
        return parsed(p, name, arg, ValueType.DATETIME, "a datetime written yyyy-mm-ddThh:mm[:ss]", parse);
    }

    /** Constant text is converted once, at compile time, so that a bad literal is a compile error. */
    private static Node parsed(Parser p, Token name, Node arg, ValueType type, String expected,
                               Function<String, Object> parse) {
        Object literal = arg.constantValue();
        if (literal != null) {
            Object value;
            try {
                value = parse.apply((String) literal);
            } catch (DateTimeParseException e) {
                throw p.error(arg.column(), expected, "'" + literal + "'");
            }
            return node(type, name.column(), v -> value);
        }
        Node.Code a = arg.code();
        String source = p.source();
        int column = name.column();
        return node(type, column, v -> {
            Object x = a.run(v);
            if (x == null) {
                return null;
            }
            try {
                return parse.apply((String) x);
            } catch (DateTimeParseException e) {
                throw new ExpressionException(source, column, expected, "'" + x + "'");
            }
        });
    }

    private interface DatePart {
        int of(LocalDate date);
    }

    private interface DateTimePart {
        int of(LocalDateTime time);
    }

    private static Node datePart(Parser p, Token name, List<Node> args, boolean timeOnly, DatePart ofDate,
                                 DateTimePart ofTime) {
        arity(p, name, args, 1, 1);
        Node arg = args.get(0);
        Node.Code a = arg.code();
        if (arg.type() == ValueType.DATETIME) {
            return node(ValueType.NUMBER, name.column(), v -> {
                Object x = a.run(v);
                return x == null ? null : Double.valueOf(ofTime.of((LocalDateTime) x));
            });
        }
        if (timeOnly || arg.type() != ValueType.DATE) {
            throw p.error(arg.column(), (timeOnly ? "a datetime" : "a date or datetime") + " for " + name.text(),
                    arg.describe());
        }
        return node(ValueType.NUMBER, name.column(), v -> {
            Object x = a.run(v);
            return x == null ? null : Double.valueOf(ofDate.of((LocalDate) x));
        });
    }

    private static Node addTime(Parser p, Token name, List<Node> args, long secondsPerUnit, boolean timeOnly) {
        arity(p, name, args, 2, 2);
        Node base = args.get(0);
        Node.Code amount = p.number(args.get(1), "a number for " + name.text()).code();
        Node.Code a = base.code();
        if (base.type() == ValueType.DATE && !timeOnly) {
            return node(ValueType.DATE, name.column(), v -> {
                Object x = a.run(v);
                Object n = amount.run(v);
                if (x == null || n == null) {
                    return null;
                }
                try {
                    // Whole days only: the fraction of a day is dropped (toward zero).
                    return ((LocalDate) x).plusDays((long) (double) (Double) n);
                } catch (DateTimeException | ArithmeticException outOfRange) {
                    return null;
                }
            });
        }
        if (base.type() != ValueType.DATETIME) {
            throw p.error(base.column(), (timeOnly ? "a datetime" : "a date or datetime") + " for " + name.text(),
                    base.describe());
        }
        return node(ValueType.DATETIME, name.column(), v -> {
            Object x = a.run(v);
            Object n = amount.run(v);
            if (x == null || n == null) {
                return null;
            }
            double seconds = (Double) n * secondsPerUnit;
            // Beyond ±1e15 s (31 million years) any datetime is out of range; also keeps the long casts exact.
            if (Math.abs(seconds) > 1e15) {
                return null;
            }
            long whole = (long) Math.floor(seconds);
            long nanos = Math.round((seconds - whole) * 1e9);
            try {
                return ((LocalDateTime) x).plusSeconds(whole).plusNanos(nanos);
            } catch (DateTimeException | ArithmeticException outOfRange) {
                return null;
            }
        });
    }

    private static Node daysBetween(Parser p, Token name, List<Node> args) {
        arity(p, name, args, 2, 2);
        for (Node arg : args) {
            if (arg.type() != ValueType.DATE && arg.type() != ValueType.DATETIME) {
                throw p.error(arg.column(), "a date or datetime for days_between", arg.describe());
            }
        }
        Node.Code a = args.get(0).code();
        Node.Code b = args.get(1).code();
        if (args.get(0).type() == ValueType.DATE && args.get(1).type() == ValueType.DATE) {
            return node(ValueType.NUMBER, name.column(), v -> {
                Object x = a.run(v);
                Object y = b.run(v);
                return x == null || y == null ? null
                        : Double.valueOf(ChronoUnit.DAYS.between((LocalDate) x, (LocalDate) y));
            });
        }
        return node(ValueType.NUMBER, name.column(), v -> {
            Object x = a.run(v);
            Object y = b.run(v);
            if (x == null || y == null) {
                return null;
            }
            Duration d = Duration.between(asDateTime(x), asDateTime(y));
            return Double.valueOf((d.getSeconds() + d.getNano() / 1e9) / 86_400.0);
        });
    }

    private static LocalDateTime asDateTime(Object value) {
        return value instanceof LocalDate d ? LocalDateTime.of(d, LocalTime.MIDNIGHT) : (LocalDateTime) value;
    }
}
