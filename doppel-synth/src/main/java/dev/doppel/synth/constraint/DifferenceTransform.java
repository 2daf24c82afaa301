package dev.doppel.synth.constraint;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.Constraint;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code low < high} / {@code low <= high}: the model learns {@code high - low} (never negative in the data) in
 * place of {@code high}; sampling adds the difference, raised to at least 0 (strict: one written step of high), back
 * to low. A missing low or high leaves high missing.
 */
record DifferenceTransform(Constraint.Inequality constraint, ColumnMetadata low, ColumnMetadata high)
        implements ColumnTransform {

    @Override
    public List<String> produces() {
        return List.of(high.name());
    }

    @Override
    public List<String> reads() {
        return List.of(low.name());
    }

    @Override
    public boolean reshapes() {
        return true;
    }

    @Override
    public void describe(LinkedHashMap<String, ColumnMetadata> model) {
        boolean integer = low.type() == ColumnType.NUMERICAL && low.integer() && high.integer();
        model.put(high.name(), ColumnTransform.modelNumber(high.name(), integer));
    }

    @Override
    public void forward(Table real, LinkedHashMap<String, Column> model) {
        NumericColumn a = (NumericColumn) real.column(low.name());
        NumericColumn b = (NumericColumn) real.column(high.name());
        double[] diff = new double[a.size()];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = b.get(i) - a.get(i);
        }
        model.put(high.name(), new NumericColumn(high.name(), diff));
    }

    @Override
    public void backward(LinkedHashMap<String, Column> columns, int rows) {
        NumericColumn a = (NumericColumn) columns.get(low.name());
        NumericColumn d = (NumericColumn) columns.get(high.name());
        WrittenValues out = new WrittenValues(high);
        double floor = constraint.strict() ? out.quantum() : 0;
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = out.written(a.get(i) + Math.max(d.get(i), floor));
        }
        columns.put(high.name(), new NumericColumn(high.name(), values));
    }
}
