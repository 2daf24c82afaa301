package dev.doppel.metadata;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks constraints against the table they describe: every named column exists and has a type the constraint can
 * apply to, and no constraint contradicts the metadata or an earlier constraint. Errors name the JSON path of the
 * offending constraint.
 */
final class ConstraintValidation {
    private final Map<String, ColumnMetadata> columns = new HashMap<>();
    private final List<String> names;
    /** Per numerical column: the tightest constant bounds so far, and where each came from. */
    private final Map<String, Bound> lower = new HashMap<>();
    private final Map<String, Bound> upper = new HashMap<>();
    /** Order edges between columns (inequalities and range bounds): from → (to, strict). */
    private final Map<String, List<Edge>> order = new HashMap<>();
    /** Formula target → its input columns. */
    private final Map<String, List<String>> formulas = new HashMap<>();
    private final Map<String, String> regexes = new HashMap<>();

    private record Bound(double value, boolean strict, String source) { }

    private record Edge(String to, boolean strict) { }

    private ConstraintValidation(List<ColumnMetadata> columns) {
        for (ColumnMetadata c : columns) {
            this.columns.put(c.name(), c);
        }
        this.names = columns.stream().map(ColumnMetadata::name).toList();
        for (ColumnMetadata c : columns) {
            if (c.type() == ColumnType.NUMERICAL && c.min() != null) {
                lower.put(c.name(), new Bound(c.min(), false, "the metadata's min of " + c.name()));
            }
            if (c.type() == ColumnType.NUMERICAL && c.max() != null) {
                upper.put(c.name(), new Bound(c.max(), false, "the metadata's max of " + c.name()));
            }
        }
    }

    static void validate(List<ColumnMetadata> columns, List<Constraint> constraints) {
        ConstraintValidation v = new ConstraintValidation(columns);
        for (int i = 0; i < constraints.size(); i++) {
            v.check(constraints.get(i), "constraints[" + i + "]");
        }
    }

    private void check(Constraint constraint, String path) {
        if (constraint instanceof Constraint.Inequality q) {
            ColumnMetadata low = orderable(q.low(), path + ".low");
            ColumnMetadata high = orderable(q.high(), path + ".high");
            if (low.type() != high.type()) {
                throw new InvalidConstraintException(path + ".high", "a " + low.type().jsonName() + " column like "
                        + low.name(), high.name() + " (" + high.type().jsonName() + ")");
            }
            if (low.name().equals(high.name())) {
                throw new InvalidConstraintException(path + ".high", "a column other than low", "'" + high.name() + "'");
            }
            addOrder(low.name(), high.name(), q.strict(), q, path);
        } else if (constraint instanceof Constraint.Range r) {
            ColumnMetadata x = orderable(r.column(), path + ".column");
            if (r.lowColumn() != null) {
                sameType(x, orderable(r.lowColumn(), path + ".lowColumn"), path + ".lowColumn");
            }
            if (r.highColumn() != null) {
                sameType(x, orderable(r.highColumn(), path + ".highColumn"), path + ".highColumn");
            }
            if ((r.low() != null || r.high() != null) && x.type() != ColumnType.NUMERICAL) {
                throw new InvalidConstraintException(path + (r.low() != null ? ".low" : ".high"),
                        "bounds given as columns (lowColumn, highColumn) for the " + x.type().jsonName()
                                + " column " + x.name(), "a constant");
            }
            if (r.low() != null && r.high() != null && r.low() > r.high()) {
                throw new InvalidConstraintException(path + ".high", "at least low " + r.low(), String.valueOf(r.high()));
            }
            if (r.low() != null) {
                tighten(x.name(), new Bound(r.low(), false, r.describe() + " (" + path + ")"), true, path);
            }
            if (r.high() != null) {
                tighten(x.name(), new Bound(r.high(), false, r.describe() + " (" + path + ")"), false, path);
            }
            if (r.lowColumn() != null) {
                addOrder(r.lowColumn(), x.name(), false, r, path);
            }
            if (r.highColumn() != null) {
                addOrder(x.name(), r.highColumn(), false, r, path);
            }
        } else if (constraint instanceof Constraint.FixedCombinations k) {
            for (int j = 0; j < k.columns().size(); j++) {
                ColumnMetadata c = column(k.columns().get(j), path + ".columns[" + j + "]");
                if (!c.isLearned()) {
                    throw new InvalidConstraintException(path + ".columns[" + j + "]",
                            "a learned column (numerical, categorical, boolean or datetime)",
                            c.name() + " (" + c.type().jsonName() + ", generated fresh)");
                }
            }
        } else if (constraint instanceof Constraint.Unique u) {
            for (int j = 0; j < u.columns().size(); j++) {
                column(u.columns().get(j), path + ".columns[" + j + "]");
            }
        } else if (constraint instanceof Constraint.Formula f) {
            numerical(f.column(), path + ".column");
            for (String input : f.expression().columns()) {
                if (!columns.containsKey(input)) {
                    throw new InvalidConstraintException(path + ".expression",
                            "only columns of the table (" + list(names) + ")", "'" + input + "'");
                }
                if (columns.get(input).type() != ColumnType.NUMERICAL) {
                    throw new InvalidConstraintException(path + ".expression", "numerical columns",
                            input + " (" + columns.get(input).type().jsonName() + ")");
                }
                if (input.equals(f.column())) {
                    throw new InvalidConstraintException(path + ".expression",
                            "an expression that does not read its own column " + f.column(), f.expression().text());
                }
            }
            if (formulas.containsKey(f.column())) {
                throw new InvalidConstraintException(path + ".column", "one formula per column",
                        "a second formula for " + f.column());
            }
            formulas.put(f.column(), f.expression().columns());
            if (formulaCycle(f.column())) {
                throw new InvalidConstraintException(path, "formulas that do not depend on each other in a circle",
                        f.describe() + " closes a circle of formulas");
            }
        } else if (constraint instanceof Constraint.Regex x) {
            ColumnMetadata c = column(x.column(), path + ".column");
            if (c.type() != ColumnType.CATEGORICAL && c.type() != ColumnType.ID && c.type() != ColumnType.PII
                    && c.type() != ColumnType.TEXT) {
                throw new InvalidConstraintException(path + ".column", "a string column (categorical, id, pii or text)",
                        c.name() + " (" + c.type().jsonName() + ")");
            }
            String before = regexes.putIfAbsent(c.name(), x.pattern());
            if (before != null) {
                throw new InvalidConstraintException(path, "one regex per column",
                        "a second pattern for " + c.name() + " (the first is /" + before + "/)");
            }
        } else if (constraint instanceof Constraint.Sign s) {
            ColumnMetadata c = numerical(s.column(), path + ".column");
            tighten(c.name(), new Bound(0, s.strict(), s.describe() + " (" + path + ")"), s.positive(), path);
        }
    }

    private ColumnMetadata column(String name, String path) {
        ColumnMetadata c = columns.get(name);
        if (c == null) {
            throw new InvalidConstraintException(path, "a column of the table (" + list(names) + ")", "'" + name + "'");
        }
        return c;
    }

    private ColumnMetadata orderable(String name, String path) {
        ColumnMetadata c = column(name, path);
        if (c.type() != ColumnType.NUMERICAL && c.type() != ColumnType.DATETIME) {
            throw new InvalidConstraintException(path, "a numerical or datetime column",
                    c.name() + " (" + c.type().jsonName() + ")");
        }
        return c;
    }

    private ColumnMetadata numerical(String name, String path) {
        ColumnMetadata c = column(name, path);
        if (c.type() != ColumnType.NUMERICAL) {
            throw new InvalidConstraintException(path, "a numerical column", c.name() + " (" + c.type().jsonName() + ")");
        }
        return c;
    }

    private static void sameType(ColumnMetadata x, ColumnMetadata bound, String path) {
        if (x.type() != bound.type()) {
            throw new InvalidConstraintException(path, "a " + x.type().jsonName() + " column like " + x.name(),
                    bound.name() + " (" + bound.type().jsonName() + ")");
        }
        if (x.name().equals(bound.name())) {
            throw new InvalidConstraintException(path, "a column other than " + x.name(), "'" + bound.name() + "'");
        }
    }

    /** Narrows a column's constant bounds; an empty interval is a contradiction with whatever set the other side. */
    private void tighten(String column, Bound bound, boolean isLower, String path) {
        Map<String, Bound> side = isLower ? lower : upper;
        Bound current = side.get(column);
        if (current == null || (isLower ? bound.value() > current.value() : bound.value() < current.value())
                || (bound.value() == current.value() && bound.strict())) {
            side.put(column, bound);
        }
        Bound lo = lower.get(column);
        Bound hi = upper.get(column);
        if (lo != null && hi != null
                && (lo.value() > hi.value() || (lo.value() == hi.value() && (lo.strict() || hi.strict())))) {
            Bound other = isLower ? hi : lo;
            throw new InvalidConstraintException(path, "a constraint that can hold together with " + other.source(),
                    bound.source() + ", which leaves no value for " + column);
        }
    }

    /** Adds {@code from <= to} (or {@code <}); a circle of such orders with a strict step can never hold. */
    private void addOrder(String from, String to, boolean strict, Constraint constraint, String path) {
        order.computeIfAbsent(from, k -> new ArrayList<>()).add(new Edge(to, strict));
        // Search from `to` back to `from`, tracking whether a strict step was taken on the way.
        Deque<String[]> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        queue.add(new String[] {to, strict ? "1" : "0"});
        while (!queue.isEmpty()) {
            String[] state = queue.poll();
            if (!seen.add(state[0] + "\u0000" + state[1])) {
                continue;
            }
            if (state[0].equals(from) && state[1].equals("1")) {
                throw new InvalidConstraintException(path, "an order between columns that can hold together with "
                        + "the other inequalities and ranges", constraint.describe()
                        + ", which closes a circle with a strict step (some column would be below itself)");
            }
            for (Edge e : order.getOrDefault(state[0], List.of())) {
                queue.add(new String[] {e.to(), e.strict() || state[1].equals("1") ? "1" : "0"});
            }
        }
    }

    private boolean formulaCycle(String start) {
        Deque<String> stack = new ArrayDeque<>(formulas.getOrDefault(start, List.of()));
        Set<String> seen = new HashSet<>();
        while (!stack.isEmpty()) {
            String c = stack.pop();
            if (c.equals(start)) {
                return true;
            }
            if (seen.add(c)) {
                stack.addAll(formulas.getOrDefault(c, List.of()));
            }
        }
        return false;
    }

    private static String list(List<String> names) {
        return names.size() <= 12 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 12)) + ", … " + (names.size() - 12) + " more";
    }
}
