package dev.doppel.synth.constraint;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.Constraint;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code x > 0} / {@code x < 0} (strict): the model learns {@code log(|x|)}, and sampling returns
 * {@code ±exp(value)}, at least one written step away from zero. Not strict ({@code >= 0}, {@code <= 0}): the model
 * learns x itself and sampling clamps at zero, so conditions on x keep working.
 */
record SignTransform(Constraint.Sign constraint, ColumnMetadata column) implements ColumnTransform {

    @Override
    public List<String> produces() {
        return List.of(column.name());
    }

    @Override
    public List<String> reads() {
        return List.of();
    }

    @Override
    public boolean reshapes() {
        return constraint.strict();
    }

    @Override
    public void describe(LinkedHashMap<String, ColumnMetadata> model) {
        if (constraint.strict()) {
            model.put(column.name(), ColumnTransform.modelNumber(column.name(), false));
        }
    }

    @Override
    public void forward(Table real, LinkedHashMap<String, Column> model) {
        if (!constraint.strict()) {
            return;
        }
        NumericColumn x = (NumericColumn) real.column(column.name());
        double[] t = new double[x.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.log(Math.abs(x.get(i)));
        }
        model.put(column.name(), new NumericColumn(column.name(), t));
    }

    @Override
    public void backward(LinkedHashMap<String, Column> columns, int rows) {
        NumericColumn t = (NumericColumn) columns.get(column.name());
        WrittenValues out = new WrittenValues(column);
        double sign = constraint.positive() ? 1 : -1;
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            double v = t.get(i);
            if (Double.isNaN(v)) {
                values[i] = v;
            } else if (constraint.strict()) {
                values[i] = sign * Math.max(out.written(Math.exp(v)), out.quantum());
            } else {
                values[i] = out.written(constraint.positive() ? Math.max(v, 0) : Math.min(v, 0));
            }
        }
        columns.put(column.name(), new NumericColumn(column.name(), values));
    }
}
