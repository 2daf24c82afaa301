package dev.doppel.design.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Fuzzing and a differential test against a reference evaluator written independently of the compiler, directly
 * from the semantics in docs/DESIGN-BY-SPEC.md.
 */
class ExpressionPropertiesTest {
    /** Generous: a compile and a few evaluations take microseconds; only a hang could come near it. */
    private static final Duration NO_HANG = Duration.ofSeconds(5);

    private static final List<String> SOUP = List.of(
            "amount", "qty", "name", "vip", "born", "at", "`gross amount`", "`", "'", "''", "'x'", "'%d'", "'%05.2f'",
            "1", "0", "2.5", "1e3", ".5", "1e", "1e999", "-", "+", "*", "/", "%", "(", ")", ",", "=", "==", "!=",
            "<>", "<", "<=", ">", ">=", "and", "or", "not", "true", "false", "null", "if", "is_null", "coalesce",
            "abs", "round", "min", "max", "log", "pow", "clamp", "concat", "string", "upper", "substr", "length",
            "format", "date", "datetime", "date_of", "year", "hour", "add_days", "add_hours", "days_between",
            "'2024-01-31'", "getClass", "java", ".", "lang", "Runtime", "exec", ";", "\"", "{", "}", "[", "]", "$",
            "\\", "\u0000", "😀", " ", "\n");

    @Property(tries = 1500)
    void arbitraryTextOnlyEverFailsWithExpressionException(@ForAll @StringLength(max = 120) String text) {
        compileAndEvaluate(text);
    }

    @Property(tries = 3000)
    void tokenSoupOnlyEverFailsWithExpressionException(@ForAll("soups") String text) {
        compileAndEvaluate(text);
    }

    @Provide
    Arbitrary<String> soups() {
        Arbitrary<String> token = Arbitraries.of(SOUP);
        Arbitrary<String> separator = Arbitraries.of("", " ");
        return Arbitraries.lazy(() -> token.flatMap(t -> separator.map(s -> t + s)))
                .list().ofMaxSize(30).map(parts -> String.join("", parts));
    }

    /** Compiling either succeeds or throws ExpressionException; evaluating a compiled expression does too. */
    private static void compileAndEvaluate(String text) {
        assertTimeoutPreemptively(NO_HANG, () -> {
            Expression e;
            try {
                e = Expression.compile(text, ExpressionTest.VARIABLES);
            } catch (ExpressionException expected) {
                assertThat(expected.column()).isBetween(1, text.length() + 1);
                return;
            }
            try {
                Object value = e.evaluate(ExpressionTest.ROW);
                assertThat(value == null || e.type().javaClass().isInstance(value)).isTrue();
            } catch (ExpressionException runTimeConversion) {
                assertThat(text).containsIgnoringCase("date");
            }
        });
    }

    // --- differential test ---

    /** The variables of generated expressions, with the slot each has in a row. */
    private static final List<Variable> VARS = List.of(new Variable("x", ValueType.NUMBER),
            new Variable("y", ValueType.NUMBER), new Variable("s", ValueType.STRING),
            new Variable("b", ValueType.BOOLEAN), new Variable("d", ValueType.DATE));

    /** A generated expression: its text and, independently, what it must evaluate to. */
    private record Generated(ValueType type, String text, Function<Object[], Object> reference) {
    }

    @Property(tries = 3000)
    void wellTypedExpressionsEvaluateLikeTheReference(@ForAll long seed) {
        Random random = new Random(seed);
        ValueType type = ValueType.values()[random.nextInt(4) == 3 ? 4 : random.nextInt(4)];
        if (type == ValueType.DATETIME) {
            type = ValueType.DATE;
        }
        Generated g = new Generator(random).of(type, 5);
        Expression e = Expression.compile(g.text(), VARS);
        assertThat(e.type()).isEqualTo(type);
        for (int row = 0; row < 8; row++) {
            Object[] values = randomRow(random);
            Object expected = g.reference().apply(values);
            // The language writes no negative zero; the reference is free to compute one.
            if (expected instanceof Double d) {
                expected = d + 0.0;
            }
            Object actual = e.evaluate(values);
            assertThat(actual).as("%s with %s", g.text(), java.util.Arrays.toString(values)).isEqualTo(expected);
        }
    }

    private static Object[] randomRow(Random r) {
        return new Object[] {number(r), number(r), r.nextInt(6) == 0 ? null : text(r),
                r.nextInt(6) == 0 ? null : Boolean.valueOf(r.nextBoolean()),
                r.nextInt(6) == 0 ? null : LocalDate.ofEpochDay(r.nextInt(40_000) - 5_000)};
    }

    private static Double number(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> null;
            case 1 -> 0.0;
            case 2 -> (double) (r.nextInt(21) - 10);
            case 3 -> r.nextDouble() * 1e6 - 5e5;
            case 4 -> r.nextGaussian();
            case 5 -> 1e300 * (r.nextBoolean() ? 1 : -1);
            default -> Math.round(r.nextDouble() * 10_000) / 100.0;
        };
    }

    private static String text(Random r) {
        String[] pieces = {"", "a", "B", "it's", "é", "😀", "%", "x y", "ß", "0"};
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            s.append(pieces[r.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    /** Builds random well-typed expressions, fully parenthesized, with varied spacing and keyword case. */
    private static final class Generator {
        private final Random r;

        Generator(Random r) {
            this.r = r;
        }

        Generated of(ValueType type, int depth) {
            if (depth <= 1 || r.nextInt(4) == 0) {
                return leaf(type);
            }
            return switch (type) {
                case NUMBER -> number(depth - 1);
                case STRING -> string(depth - 1);
                case BOOLEAN -> bool(depth - 1);
                default -> date(depth - 1);
            };
        }

        private Generated leaf(ValueType type) {
            boolean variable = r.nextBoolean();
            return switch (type) {
                case NUMBER -> {
                    if (variable) {
                        int slot = r.nextInt(2);
                        yield new Generated(type, slot == 0 ? "x" : "`y`", v -> v[slot]);
                    }
                    double value = r.nextInt(3) == 0 ? r.nextInt(10) : Math.round(r.nextGaussian() * 1000) / 100.0;
                    String text = value < 0 ? "(" + value + ")" : Double.toString(value);
                    Double boxed = value;
                    yield new Generated(type, text, v -> boxed);
                }
                case STRING -> {
                    if (variable) {
                        yield new Generated(type, "s", v -> v[2]);
                    }
                    String value = text(r);
                    yield new Generated(type, "'" + value.replace("'", "''") + "'", v -> value);
                }
                case BOOLEAN -> {
                    if (variable) {
                        yield new Generated(type, "b", v -> v[3]);
                    }
                    boolean value = r.nextBoolean();
                    String text = r.nextBoolean() ? Boolean.toString(value) : Boolean.toString(value).toUpperCase();
                    yield new Generated(type, text, v -> value);
                }
                default -> {
                    if (variable) {
                        yield new Generated(type, "d", v -> v[4]);
                    }
                    LocalDate value = LocalDate.ofEpochDay(r.nextInt(30_000));
                    yield new Generated(type, "date('" + value + "')", v -> value);
                }
            };
        }

        private Generated number(int depth) {
            switch (r.nextInt(12)) {
                case 0, 1 -> {
                    String op = new String[] {"+", "-", "*", "/", "%"}[r.nextInt(5)];
                    Generated a = of(ValueType.NUMBER, depth);
                    Generated b = of(ValueType.NUMBER, depth);
                    return new Generated(ValueType.NUMBER, "(" + a.text() + space() + op + space() + b.text() + ")",
                            v -> {
                                Double x = (Double) a.reference().apply(v);
                                Double y = (Double) b.reference().apply(v);
                                if (x == null || y == null) {
                                    return null;
                                }
                                double result = switch (op) {
                                    case "+" -> x + y;
                                    case "-" -> x - y;
                                    case "*" -> x * y;
                                    case "/" -> y == 0 ? Double.NaN : x / y;
                                    // Truncated remainder: the sign of the dividend.
                                    default -> y == 0 ? Double.NaN : x % y;
                                };
                                return finiteOrNull(result);
                            });
                }
                case 2 -> {
                    Generated a = of(ValueType.NUMBER, depth);
                    return new Generated(ValueType.NUMBER, "(-" + a.text() + ")", v -> {
                        Double x = (Double) a.reference().apply(v);
                        return x == null ? null : -x;
                    });
                }
                case 3 -> {
                    String f = new String[] {"abs", "floor", "ceil", "sqrt", "log", "exp"}[r.nextInt(6)];
                    Generated a = of(ValueType.NUMBER, depth);
                    return new Generated(ValueType.NUMBER, f + "(" + a.text() + ")", v -> {
                        Double x = (Double) a.reference().apply(v);
                        if (x == null) {
                            return null;
                        }
                        return finiteOrNull(switch (f) {
                            case "abs" -> x < 0 ? -x : x + 0.0;
                            case "floor" -> Math.floor(x);
                            case "ceil" -> Math.ceil(x);
                            case "sqrt" -> x < 0 ? Double.NaN : Math.sqrt(x);
                            case "log" -> x <= 0 ? Double.NaN : Math.log(x);
                            default -> Math.exp(x);
                        });
                    });
                }
                case 4 -> {
                    int digits = r.nextInt(7) - 2;
                    Generated a = of(ValueType.NUMBER, depth);
                    return new Generated(ValueType.NUMBER, "round(" + a.text() + ", " + digits + ")", v -> {
                        Double x = (Double) a.reference().apply(v);
                        return x == null ? null
                                : new BigDecimal(Double.toString(x)).setScale(digits, RoundingMode.HALF_UP)
                                        .doubleValue();
                    });
                }
                case 5 -> {
                    boolean max = r.nextBoolean();
                    List<Generated> args = List.of(of(ValueType.NUMBER, depth), of(ValueType.NUMBER, depth),
                            of(ValueType.NUMBER, depth));
                    return new Generated(ValueType.NUMBER, (max ? "max(" : "min(") + joined(args) + ")", v -> {
                        Double best = null;
                        for (Generated g : args) {
                            Double x = (Double) g.reference().apply(v);
                            if (x == null) {
                                return null;
                            }
                            best = best == null ? x : max ? Math.max(best, x) : Math.min(best, x);
                        }
                        return best;
                    });
                }
                case 6 -> {
                    Generated a = of(ValueType.NUMBER, depth);
                    Generated lo = of(ValueType.NUMBER, depth);
                    Generated hi = of(ValueType.NUMBER, depth);
                    return new Generated(ValueType.NUMBER, "clamp(" + joined(List.of(a, lo, hi)) + ")", v -> {
                        Double x = (Double) a.reference().apply(v);
                        Double l = (Double) lo.reference().apply(v);
                        Double h = (Double) hi.reference().apply(v);
                        if (x == null || l == null || h == null) {
                            return null;
                        }
                        double low = x < l ? l : x;
                        return low > h ? h : low;
                    });
                }
                case 7 -> {
                    Generated s = of(ValueType.STRING, depth);
                    return new Generated(ValueType.NUMBER, "length(" + s.text() + ")", v -> {
                        String x = (String) s.reference().apply(v);
                        return x == null ? null : (double) x.codePoints().count();
                    });
                }
                case 8 -> {
                    String f = new String[] {"year", "month", "day", "weekday"}[r.nextInt(4)];
                    Generated d = of(ValueType.DATE, depth);
                    return new Generated(ValueType.NUMBER, f + "(" + d.text() + ")", v -> {
                        LocalDate x = (LocalDate) d.reference().apply(v);
                        if (x == null) {
                            return null;
                        }
                        return (double) switch (f) {
                            case "year" -> x.getYear();
                            case "month" -> x.getMonth().getValue();
                            case "day" -> x.getDayOfMonth();
                            default -> Math.floorMod(x.toEpochDay() + 3, 7) + 1;
                        };
                    });
                }
                case 9 -> {
                    Generated a = of(ValueType.DATE, depth);
                    Generated b = of(ValueType.DATE, depth);
                    return new Generated(ValueType.NUMBER, "days_between(" + joined(List.of(a, b)) + ")", v -> {
                        LocalDate x = (LocalDate) a.reference().apply(v);
                        LocalDate y = (LocalDate) b.reference().apply(v);
                        return x == null || y == null ? null : (double) (y.toEpochDay() - x.toEpochDay());
                    });
                }
                default -> {
                    return choice(ValueType.NUMBER, depth);
                }
            }
        }

        private Generated string(int depth) {
            switch (r.nextInt(8)) {
                case 0 -> {
                    Generated a = of(ValueType.STRING, depth);
                    Generated b = of(ValueType.STRING, depth);
                    return new Generated(ValueType.STRING, "(" + a.text() + " + " + b.text() + ")", v -> {
                        String x = (String) a.reference().apply(v);
                        String y = (String) b.reference().apply(v);
                        return x == null || y == null ? null : x + y;
                    });
                }
                case 1 -> {
                    List<Generated> args = List.of(of(randomType(), depth), of(randomType(), depth));
                    return new Generated(ValueType.STRING, "concat(" + joined(args) + ")", v -> {
                        StringBuilder out = new StringBuilder();
                        for (Generated g : args) {
                            Object x = g.reference().apply(v);
                            if (x == null) {
                                return null;
                            }
                            out.append(written(x));
                        }
                        return out.toString();
                    });
                }
                case 2 -> {
                    boolean upper = r.nextBoolean();
                    Generated a = of(ValueType.STRING, depth);
                    return new Generated(ValueType.STRING, (upper ? "UPPER(" : "lower(") + a.text() + ")", v -> {
                        String x = (String) a.reference().apply(v);
                        return x == null ? null : upper ? x.toUpperCase(Locale.ROOT) : x.toLowerCase(Locale.ROOT);
                    });
                }
                case 3 -> {
                    Generated s = of(ValueType.STRING, depth);
                    Generated from = of(ValueType.NUMBER, depth);
                    Generated count = of(ValueType.NUMBER, depth);
                    return new Generated(ValueType.STRING, "substr(" + joined(List.of(s, from, count)) + ")", v -> {
                        String x = (String) s.reference().apply(v);
                        Double f = (Double) from.reference().apply(v);
                        Double n = (Double) count.reference().apply(v);
                        if (x == null || f == null || n == null) {
                            return null;
                        }
                        long skip = Math.max(1, (long) (double) f) - 1;
                        long limit = Math.max(0, (long) (double) n);
                        return x.codePoints().skip(skip).limit(limit)
                                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                                .toString();
                    });
                }
                case 4 -> {
                    Generated a = of(randomType(), depth);
                    return new Generated(ValueType.STRING, "format('<%s>', " + a.text() + ")", v -> {
                        Object x = a.reference().apply(v);
                        return x == null ? null : "<" + written(x) + ">";
                    });
                }
                case 5 -> {
                    Generated a = of(randomType(), depth);
                    return new Generated(ValueType.STRING, "string(" + a.text() + ")", v -> {
                        Object x = a.reference().apply(v);
                        return x == null ? null : written(x);
                    });
                }
                default -> {
                    return choice(ValueType.STRING, depth);
                }
            }
        }

        private Generated bool(int depth) {
            switch (r.nextInt(8)) {
                case 0, 1 -> {
                    ValueType operands = new ValueType[] {ValueType.NUMBER, ValueType.STRING, ValueType.DATE}[
                            r.nextInt(3)];
                    String op = new String[] {"=", "==", "!=", "<>", "<", "<=", ">", ">="}[r.nextInt(8)];
                    Generated a = of(operands, depth);
                    Generated b = of(operands, depth);
                    return new Generated(ValueType.BOOLEAN, "(" + a.text() + space() + op + space() + b.text() + ")",
                            v -> {
                                Object x = a.reference().apply(v);
                                Object y = b.reference().apply(v);
                                if (x == null || y == null) {
                                    return null;
                                }
                                int c = compare(x, y);
                                return switch (op) {
                                    case "=", "==" -> c == 0;
                                    case "!=", "<>" -> c != 0;
                                    case "<" -> c < 0;
                                    case "<=" -> c <= 0;
                                    case ">" -> c > 0;
                                    default -> c >= 0;
                                };
                            });
                }
                case 2, 3 -> {
                    boolean and = r.nextBoolean();
                    Generated a = of(ValueType.BOOLEAN, depth);
                    Generated b = of(ValueType.BOOLEAN, depth);
                    String op = and ? (r.nextBoolean() ? "and" : "AND") : (r.nextBoolean() ? "or" : "Or");
                    return new Generated(ValueType.BOOLEAN, "(" + a.text() + " " + op + " " + b.text() + ")", v -> {
                        Boolean x = (Boolean) a.reference().apply(v);
                        Boolean y = (Boolean) b.reference().apply(v);
                        // Kleene's three-valued logic, written as its truth table.
                        Boolean dominant = and ? Boolean.FALSE : Boolean.TRUE;
                        if (dominant.equals(x) || dominant.equals(y)) {
                            return dominant;
                        }
                        return x == null || y == null ? null : !dominant;
                    });
                }
                case 4 -> {
                    Generated a = of(ValueType.BOOLEAN, depth);
                    return new Generated(ValueType.BOOLEAN, "(not " + a.text() + ")", v -> {
                        Boolean x = (Boolean) a.reference().apply(v);
                        return x == null ? null : !x;
                    });
                }
                case 5 -> {
                    Generated a = of(randomType(), depth);
                    return new Generated(ValueType.BOOLEAN, "is_null(" + a.text() + ")",
                            v -> a.reference().apply(v) == null);
                }
                case 6 -> {
                    Generated a = of(ValueType.STRING, depth);
                    Generated b = of(ValueType.STRING, depth);
                    return new Generated(ValueType.BOOLEAN, "contains(" + joined(List.of(a, b)) + ")", v -> {
                        String x = (String) a.reference().apply(v);
                        String y = (String) b.reference().apply(v);
                        return x == null || y == null ? null : x.indexOf(y) >= 0;
                    });
                }
                default -> {
                    return choice(ValueType.BOOLEAN, depth);
                }
            }
        }

        private Generated date(int depth) {
            if (r.nextBoolean()) {
                Generated d = of(ValueType.DATE, depth);
                Generated n = of(ValueType.NUMBER, depth);
                return new Generated(ValueType.DATE, "add_days(" + joined(List.of(d, n)) + ")", v -> {
                    LocalDate x = (LocalDate) d.reference().apply(v);
                    Double days = (Double) n.reference().apply(v);
                    if (x == null || days == null) {
                        return null;
                    }
                    try {
                        return LocalDate.ofEpochDay(Math.addExact(x.toEpochDay(), (long) (double) days));
                    } catch (DateTimeException | ArithmeticException outOfRange) {
                        return null;
                    }
                });
            }
            return choice(ValueType.DATE, depth);
        }

        /** if(...) or coalesce(...), which work for every type. */
        private Generated choice(ValueType type, int depth) {
            Generated a = of(type, depth);
            Generated b = r.nextInt(5) == 0 ? new Generated(type, "null", v -> null) : of(type, depth);
            if (r.nextBoolean()) {
                Generated c = of(ValueType.BOOLEAN, depth);
                return new Generated(type, "if(" + joined(List.of(c, a, b)) + ")", v -> {
                    Boolean test = (Boolean) c.reference().apply(v);
                    return test == null ? null : test ? a.reference().apply(v) : b.reference().apply(v);
                });
            }
            return new Generated(type, "coalesce(" + joined(List.of(b, a)) + ")", v -> {
                Object first = b.reference().apply(v);
                return first != null ? first : a.reference().apply(v);
            });
        }

        private ValueType randomType() {
            return new ValueType[] {ValueType.NUMBER, ValueType.STRING, ValueType.BOOLEAN, ValueType.DATE}[
                    r.nextInt(4)];
        }

        private String space() {
            return r.nextBoolean() ? " " : "";
        }

        private String joined(List<Generated> args) {
            return args.stream().map(Generated::text).collect(Collectors.joining("," + space()));
        }
    }

    private static Double finiteOrNull(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    private static int compare(Object x, Object y) {
        if (x instanceof Double a) {
            double b = (Double) y;
            return a < b ? -1 : a > b ? 1 : 0;
        }
        if (x instanceof String a) {
            return Integer.signum(a.compareTo((String) y));
        }
        return Long.signum(((LocalDate) x).toEpochDay() - ((LocalDate) y).toEpochDay());
    }

    /** How values are written as text, per the language's documentation. */
    private static String written(Object x) {
        if (x instanceof Double d) {
            boolean whole = Math.floor(d) == d && Math.abs(d) < 1e15;
            return whole ? String.valueOf(d.longValue()) : d.toString();
        }
        return x.toString();
    }
}
