package dev.doppel.design.generate;

import dev.doppel.design.expr.Expression;
import dev.doppel.design.expr.ExpressionException;
import dev.doppel.design.expr.ValueType;
import dev.doppel.design.expr.Variable;
import dev.doppel.design.spec.SpecReader;
import dev.doppel.design.spec.ValueKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The expression language ({@link Expression}) as the spec reader types it and the generator runs it. */
public final class SpecExpressions implements SpecReader.ExpressionTyper, RowExpressions {
    /** The one instance; it holds no state. */
    public static final SpecExpressions INSTANCE = new SpecExpressions();

    private SpecExpressions() {
    }

    @Override
    public Typed type(String source, Map<String, ValueKind> columns, ErrorAt error) {
        List<Variable> variables = new ArrayList<>();
        columns.forEach((name, kind) -> variables.add(new Variable(name, type(kind))));
        try {
            Expression e = Expression.compile(source, variables);
            return new Typed(ValueKind.valueOf(e.type().name()), new LinkedHashSet<>(e.references()));
        } catch (ExpressionException e) {
            throw error.at(e.expected() + " at character " + e.column() + " of \"" + abbreviate(source) + "\"",
                    e.found());
        }
    }

    @Override
    public Compiled compile(String source, List<String> columns, List<ValueKind> kinds) {
        List<Variable> variables = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            variables.add(new Variable(columns.get(i), type(kinds.get(i))));
        }
        Expression e = Expression.compile(source, variables);
        int[] reads = e.references().stream().mapToInt(columns::indexOf).toArray();
        return new Compiled() {
            @Override
            public int[] reads() {
                return reads.clone();
            }

            @Override
            public Object evaluate(Object[] row) {
                return e.evaluate(row);
            }
        };
    }

    private static ValueType type(ValueKind kind) {
        return ValueType.valueOf(kind.name());
    }

    private static String abbreviate(String source) {
        return source.length() <= 60 ? source : source.substring(0, 57) + "...";
    }
}
