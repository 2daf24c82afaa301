package dev.doppel.design.generate;

import dev.doppel.design.spec.ColumnSource;
import dev.doppel.design.spec.ColumnSpec;
import dev.doppel.design.spec.TableSpec;
import dev.doppel.design.spec.ValueKind;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import dev.doppel.transform.ValueFormatter;
import java.util.List;

/**
 * A hybrid table's constraints, evaluated on rows the model sampled. Each learned value is seen as it will be
 * written (a number rounded to its column's decimals, any other value as its text), so a row that passes is a row
 * whose written values pass. A row passes when every constraint is true; a missing result fails it. Immutable and
 * thread-safe.
 */
final class LearnedConstraints {
    private final List<String> sources;
    private final RowExpressions.Compiled[] compiled;
    /** Per table column: its model column, or -1 for a column no constraint reads. */
    private final int[] modelIndex;
    private final ValueFormatter[] formatters;
    private final ColumnSpec[] columns;

    private LearnedConstraints(List<String> sources, RowExpressions.Compiled[] compiled, int[] modelIndex,
            ValueFormatter[] formatters, ColumnSpec[] columns) {
        this.sources = sources;
        this.compiled = compiled;
        this.modelIndex = modelIndex;
        this.formatters = formatters;
        this.columns = columns;
    }

    /** The constraints of {@code spec} (a hybrid table; the reader checked they read learned columns only). */
    static LearnedConstraints of(TableSpec spec, RowExpressions expressions) {
        List<ColumnSpec> cols = spec.columns();
        List<String> names = cols.stream().map(ColumnSpec::name).toList();
        List<ValueKind> kinds = cols.stream().map(ColumnSpec::kind).toList();
        RowExpressions.Compiled[] compiled = new RowExpressions.Compiled[spec.constraints().size()];
        int[] modelIndex = new int[cols.size()];
        java.util.Arrays.fill(modelIndex, -1);
        ValueFormatter[] formatters = new ValueFormatter[cols.size()];
        for (int k = 0; k < compiled.length; k++) {
            compiled[k] = expressions.compile(spec.constraints().get(k), names, kinds);
            for (int c : compiled[k].reads()) {
                int m = ((ColumnSource.Learned) cols.get(c).source()).index();
                modelIndex[c] = m;
                ColumnMetadata meta = spec.model().metadata().columns().get(m);
                formatters[c] = meta.isNumeric() ? ValueFormatter.forColumn(meta) : null;
            }
        }
        return new LearnedConstraints(spec.constraints(), compiled, modelIndex, formatters,
                cols.toArray(ColumnSpec[]::new));
    }

    boolean isEmpty() {
        return compiled.length == 0;
    }

    int size() {
        return compiled.length;
    }

    String source(int k) {
        return sources.get(k);
    }

    /** The first constraint row {@code r} of {@code sample} fails, or -1 when it passes them all. */
    int firstFailed(Table sample, int r) {
        Object[] row = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            if (modelIndex[c] >= 0) {
                row[c] = value(c, sample.column(modelIndex[c]), r);
            }
        }
        for (int k = 0; k < compiled.length; k++) {
            if (!Boolean.TRUE.equals(compiled[k].evaluate(row))) {
                return k;
            }
        }
        return -1;
    }

    private Object value(int c, Column source, int r) {
        if (source.isNull(r)) {
            return null;
        }
        if (columns[c].kind() == ValueKind.NUMBER) {
            double v = CellText.rounded(((NumericColumn) source).get(r), columns[c].decimals());
            return Double.isNaN(v) ? null : v;
        }
        return source instanceof NumericColumn x ? formatters[c].format(x.get(r)) : ((CategoricalColumn) source).get(r);
    }
}
