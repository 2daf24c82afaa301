package dev.doppel.design.expr;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A compiled expression of the derived-column language (docs/DESIGN-BY-SPEC.md, "Expressions"): parsed and
 * type-checked once, then evaluated per row by a tree of closures. The language can only compute with the values it
 * is given: it names no Java class, has no loops or recursion, and evaluation takes time bounded by the expression's
 * size. Instances are immutable and safe to share between threads.
 */
public final class Expression {
    /** Longer texts are refused before parsing. */
    public static final int MAX_LENGTH = 10_000;

    private final String source;
    private final List<Variable> variables;
    private final Node root;
    private final Set<String> references;

    private Expression(String source, List<Variable> variables, Node root, Set<String> references) {
        this.source = source;
        this.variables = variables;
        this.root = root;
        this.references = references;
    }

    /**
     * Parses and type-checks {@code source}. {@link #evaluate} will take the variables' values in the order of
     * {@code variables}.
     *
     * @throws ExpressionException for text that is too long, cannot be parsed, names an unknown variable or
     *                             function, mixes types, or nests too deeply; the message gives the column
     * @throws IllegalArgumentException if two variables have the same name
     */
    public static Expression compile(String source, List<Variable> variables) {
        Objects.requireNonNull(source, "source");
        List<Variable> declared = List.copyOf(variables);
        Map<String, Integer> slots = new HashMap<>();
        for (int i = 0; i < declared.size(); i++) {
            if (slots.put(declared.get(i).name(), i) != null) {
                throw new IllegalArgumentException("variable '" + declared.get(i).name() + "' is declared twice");
            }
        }
        if (source.length() > MAX_LENGTH) {
            throw new ExpressionException(source, MAX_LENGTH + 1, "at most " + MAX_LENGTH + " characters",
                    source.length() + " characters");
        }
        if (source.isBlank()) {
            throw new ExpressionException(source, 1, "an expression", "nothing");
        }
        Parser parser = new Parser(source, declared, slots);
        Node root = parser.parse();
        return new Expression(source, declared, root, Collections.unmodifiableSet(parser.references()));
    }

    /** The text as written. */
    public String source() {
        return source;
    }

    /** The type of the values {@link #evaluate} returns. */
    public ValueType type() {
        return root.type();
    }

    /** The variables it was compiled against, in the order {@link #evaluate} takes their values. */
    public List<Variable> variables() {
        return variables;
    }

    /** The names of the variables it reads, in order of first use. */
    public Set<String> references() {
        return references;
    }

    /**
     * Computes the value for one row.
     *
     * @param values {@code values[i]} is the value of {@code variables.get(i)}: a Double, String, Boolean,
     *               LocalDate or LocalDateTime matching its type, or null when missing (a non-finite Double is
     *               missing too); only referenced variables are read
     * @return a value of {@link #type()}'s class, or null when missing
     * @throws ExpressionException when text converted by {@code date()} or {@code datetime()} is not a date
     * @throws IllegalArgumentException when a value does not match its variable's type
     */
    public Object evaluate(Object[] values) {
        return root.code().run(values);
    }

    @Override
    public String toString() {
        return source;
    }
}
