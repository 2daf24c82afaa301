package dev.doppel.synth.condition;

import dev.doppel.DoppelException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.transform.DateTimeCodec;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the text form of a {@link Condition}, as given to {@code doppel sample --where}:
 *
 * <pre>
 *   income=&gt;50K,sex=Female          categorical values, exactly as written in the data
 *   race=Black|Asian-Pac-Islander     one of several values
 *   age=30..40   age=65..   age=..25  numeric range, inclusive, open on an empty side
 *   hours-per-week=40                 one numeric value
 *   date=2024-01-01..2024-03-31       datetimes in the column's format
 * </pre>
 *
 * Parts are separated by commas; the column name ends at the first {@code =}. A part containing a comma or a
 * {@code |} that belongs to a value is written in double quotes ({@code "city=Washington, D.C."}).
 */
public final class ConditionParser {
    private ConditionParser() {
    }

    /** Parses {@code text} against {@code metadata}; errors name the part and what was expected. */
    public static Condition parse(String text, TableMetadata metadata) {
        List<ColumnCondition> parts = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : split(text, ',')) {
            String p = unquote(part.strip());
            if (p.isEmpty()) {
                throw new DoppelException("condition '" + text + "' has an empty part; expected column=value");
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new DoppelException("condition part '" + p + "': expected column=value");
            }
            String name = p.substring(0, eq).strip();
            String spec = p.substring(eq + 1);
            ColumnMetadata meta = metadata.column(name).orElseThrow(() -> new DoppelException(
                    "condition part '" + p + "': no column '" + name + "'; columns: "
                            + String.join(", ", metadata.columnNames())));
            if (!meta.isLearned()) {
                throw new DoppelException("condition part '" + p + "': column " + name + " is "
                        + meta.type().jsonName() + ", generated fresh rather than learned, so it cannot be conditioned on");
            }
            if (!seen.add(name)) {
                throw new DoppelException("condition '" + text + "' names column " + name + " twice");
            }
            parts.add(meta.isNumeric() ? range(p, meta, spec) : oneOf(p, meta, spec));
        }
        if (parts.isEmpty()) {
            throw new DoppelException("condition is empty; expected column=value[,column=value...]");
        }
        return new Condition(parts);
    }

    private static ColumnCondition oneOf(String part, ColumnMetadata meta, String spec) {
        Set<String> values = new LinkedHashSet<>(split(spec, '|'));
        if (meta.type() == ColumnType.BOOLEAN) {
            for (String v : values) {
                if (!v.equals(meta.trueValue()) && !v.equals(meta.falseValue())) {
                    throw new DoppelException("condition part '" + part + "': boolean column " + meta.name()
                            + " is " + meta.trueValue() + " or " + meta.falseValue() + ", not '" + v + "'");
                }
            }
        }
        return new ColumnCondition.OneOf(meta.name(), values);
    }

    private static ColumnCondition range(String part, ColumnMetadata meta, String spec) {
        int dots = spec.indexOf("..");
        String lowText = dots < 0 ? spec : spec.substring(0, dots);
        String highText = dots < 0 ? spec : spec.substring(dots + 2);
        double low = lowText.isBlank() && dots >= 0 ? Double.NEGATIVE_INFINITY : number(part, meta, lowText.strip());
        double high = highText.isBlank() && dots >= 0 ? Double.POSITIVE_INFINITY : number(part, meta, highText.strip());
        if (low > high) {
            throw new DoppelException("condition part '" + part + "': the range is empty (" + lowText.strip()
                    + " is above " + highText.strip() + ")");
        }
        if (low == Double.NEGATIVE_INFINITY && high == Double.POSITIVE_INFINITY) {
            throw new DoppelException("condition part '" + part + "': expected a value or a range low..high");
        }
        return new ColumnCondition.Range(meta.name(), low, high);
    }

    private static double number(String part, ColumnMetadata meta, String text) {
        if (meta.type() == ColumnType.DATETIME) {
            try {
                return new DateTimeCodec(meta.format()).parse(text);
            } catch (DateTimeParseException e) {
                throw new DoppelException("condition part '" + part + "': '" + text + "' is not a date in the format "
                        + meta.format() + " of column " + meta.name());
            }
        }
        try {
            double x = Double.parseDouble(text);
            if (!Double.isFinite(x)) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new DoppelException("condition part '" + part + "': '" + text + "' is not a number; column "
                    + meta.name() + " is numerical (write a value or a range such as 30..40)");
        }
    }

    /** Splits at {@code separator} outside double quotes; quotes are kept for {@link #unquote}. */
    static List<String> split(String text, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == separator && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        if (quoted) {
            throw new DoppelException("condition '" + text + "' has an unclosed double quote");
        }
        out.add(current.toString());
        return out.stream().map(s -> separator == '|' ? unquote(s) : s).toList();
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
