package dev.doppel.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code constraints} array of the metadata file, read strictly: unknown types and fields, missing fields, a bad
 * regex or formula raise an {@link InvalidConstraintException} naming the JSON path ({@code constraints[1].pattern}).
 */
final class ConstraintJson {
    static final List<String> TYPES = List.of("inequality", "range", "fixed-combinations", "unique", "formula", "regex",
            "positive", "negative");

    private ConstraintJson() {
    }

    static List<Constraint> read(JsonNode array) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new InvalidConstraintException("constraints", "an array of constraints", kind(array));
        }
        List<Constraint> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(readOne(array.get(i), "constraints[" + i + "]"));
        }
        return out;
    }

    private static Constraint readOne(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidConstraintException(path, "an object with a \"type\"", kind(node));
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new InvalidConstraintException(path + ".type", "one of " + String.join(", ", TYPES),
                    typeNode == null ? "none" : kind(typeNode));
        }
        String type = typeNode.asText();
        return switch (type) {
            case "inequality" -> {
                fields(node, path, Set.of("type", "low", "high", "strict"));
                yield new Constraint.Inequality(text(node, "low", path), text(node, "high", path),
                        bool(node, "strict", path));
            }
            case "range" -> {
                fields(node, path, Set.of("type", "column", "low", "lowColumn", "high", "highColumn"));
                String column = text(node, "column", path);
                Double low = optionalNumber(node, "low", path);
                String lowColumn = optionalText(node, "lowColumn", path);
                Double high = optionalNumber(node, "high", path);
                String highColumn = optionalText(node, "highColumn", path);
                if ((low == null) == (lowColumn == null)) {
                    throw new InvalidConstraintException(path, "exactly one of \"low\" (a number) and \"lowColumn\" "
                            + "(a column)", low == null ? "neither" : "both");
                }
                if ((high == null) == (highColumn == null)) {
                    throw new InvalidConstraintException(path, "exactly one of \"high\" (a number) and \"highColumn\" "
                            + "(a column)", high == null ? "neither" : "both");
                }
                yield new Constraint.Range(column, low, lowColumn, high, highColumn);
            }
            case "fixed-combinations" -> {
                fields(node, path, Set.of("type", "columns"));
                yield new Constraint.FixedCombinations(texts(node, "columns", path, 2));
            }
            case "unique" -> {
                fields(node, path, Set.of("type", "columns"));
                yield new Constraint.Unique(texts(node, "columns", path, 1));
            }
            case "formula" -> {
                fields(node, path, Set.of("type", "column", "expression"));
                String column = text(node, "column", path);
                String expression = text(node, "expression", path);
                try {
                    yield new Constraint.Formula(column, FormulaExpression.parse(expression));
                } catch (FormulaExpression.SyntaxException e) {
                    throw new InvalidConstraintException(path + ".expression",
                            e.getMessage().substring(e.getMessage().indexOf("expected ") + "expected ".length()),
                            null);
                }
            }
            case "regex" -> {
                fields(node, path, Set.of("type", "column", "pattern"));
                String column = text(node, "column", path);
                String pattern = text(node, "pattern", path);
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw new InvalidConstraintException(path + ".pattern", "a Java regular expression",
                            "'" + pattern + "' (" + e.getDescription() + " at index " + e.getIndex() + ")");
                }
                yield new Constraint.Regex(column, pattern);
            }
            case "positive", "negative" -> {
                fields(node, path, Set.of("type", "column", "strict"));
                yield new Constraint.Sign(text(node, "column", path), type.equals("positive"),
                        bool(node, "strict", path));
            }
            default -> throw new InvalidConstraintException(path + ".type", "one of " + String.join(", ", TYPES),
                    "'" + type + "'");
        };
    }

    static ArrayNode write(List<Constraint> constraints) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode array = f.arrayNode();
        for (Constraint c : constraints) {
            ObjectNode o = array.addObject();
            o.put("type", c.type());
            if (c instanceof Constraint.Inequality q) {
                o.put("low", q.low()).put("high", q.high()).put("strict", q.strict());
            } else if (c instanceof Constraint.Range r) {
                o.put("column", r.column());
                if (r.lowColumn() != null) {
                    o.put("lowColumn", r.lowColumn());
                } else {
                    o.put("low", r.low());
                }
                if (r.highColumn() != null) {
                    o.put("highColumn", r.highColumn());
                } else {
                    o.put("high", r.high());
                }
            } else if (c instanceof Constraint.FixedCombinations || c instanceof Constraint.Unique) {
                c.columns().forEach(o.putArray("columns")::add);
            } else if (c instanceof Constraint.Formula m) {
                o.put("column", m.column()).put("expression", m.expression().text());
            } else if (c instanceof Constraint.Regex x) {
                o.put("column", x.column()).put("pattern", x.pattern());
            } else if (c instanceof Constraint.Sign s) {
                o.put("column", s.column()).put("strict", s.strict());
            }
        }
        return array;
    }

    private static void fields(JsonNode node, String path, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidConstraintException(path + "." + name, "a field of a " + node.get("type").asText()
                        + " constraint: " + String.join(", ", allowed.stream().sorted().toList()), "'" + name + "'");
            }
        }
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new InvalidConstraintException(path + "." + field, "a non-empty string",
                    v == null ? "none" : kind(v));
        }
        return v.asText();
    }

    private static String optionalText(JsonNode node, String field, String path) {
        return node.has(field) ? text(node, field, path) : null;
    }

    private static Double optionalNumber(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new InvalidConstraintException(path + "." + field, "a finite number", kind(v));
        }
        return v.asDouble();
    }

    private static boolean bool(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new InvalidConstraintException(path + "." + field, "true or false", kind(v));
        }
        return v.asBoolean();
    }

    private static List<String> texts(JsonNode node, String field, String path, int minimum) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new InvalidConstraintException(path + "." + field, "an array of column names",
                    v == null ? "none" : kind(v));
        }
        if (v.size() < minimum) {
            throw new InvalidConstraintException(path + "." + field, "at least " + minimum + " column"
                    + (minimum > 1 ? "s" : ""), v.size() + "");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual() || e.asText().isEmpty()) {
                throw new InvalidConstraintException(path + "." + field + "[" + i + "]", "a column name", kind(e));
            }
            if (out.contains(e.asText())) {
                throw new InvalidConstraintException(path + "." + field + "[" + i + "]", "a column not listed before",
                        "'" + e.asText() + "' again");
            }
            out.add(e.asText());
        }
        return out;
    }

    private static String kind(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
