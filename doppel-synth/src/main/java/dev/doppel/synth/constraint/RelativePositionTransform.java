package dev.doppel.synth.constraint;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.Constraint;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code low <= x <= high}: the model learns x's relative position {@code (x - low) / (high - low)} in [0, 1]
 * (0 when the bounds are equal); sampling clamps it to [0, 1] and maps it back between the row's bounds. A row whose
 * sampled bounds are crossed keeps x at low, which the final check rejects. A missing bound leaves x missing.
 */
record RelativePositionTransform(Constraint.Range constraint, ColumnMetadata column) implements ColumnTransform {

    @Override
    public List<String> produces() {
        return List.of(column.name());
    }

    @Override
    public List<String> reads() {
        return constraint.columns().subList(1, constraint.columns().size());
    }

    @Override
    public boolean reshapes() {
        return true;
    }

    @Override
    public void describe(LinkedHashMap<String, ColumnMetadata> model) {
        model.put(column.name(), ColumnMetadata.numerical(column.name(), false, 0.0, 1.0, 17));
    }

    @Override
    public void forward(Table real, LinkedHashMap<String, Column> model) {
        NumericColumn x = (NumericColumn) real.column(column.name());
        double[] t = new double[x.size()];
        for (int i = 0; i < t.length; i++) {
            double lo = low(real, i);
            double hi = high(real, i);
            t[i] = hi == lo ? (Double.isNaN(x.get(i)) ? Double.NaN : 0) : (x.get(i) - lo) / (hi - lo);
        }
        model.put(column.name(), new NumericColumn(column.name(), t));
    }

    @Override
    public void backward(LinkedHashMap<String, Column> columns, int rows) {
        Table view = new Table(List.copyOf(columns.values()));
        NumericColumn t = (NumericColumn) columns.get(column.name());
        WrittenValues out = new WrittenValues(column);
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            double lo = low(view, i);
            double hi = high(view, i);
            double p = Math.min(1, Math.max(0, t.get(i)));
            values[i] = Double.isNaN(t.get(i)) || Double.isNaN(lo) || Double.isNaN(hi) ? Double.NaN
                    : hi < lo ? lo : out.written(lo + p * (hi - lo));
        }
        columns.put(column.name(), new NumericColumn(column.name(), values));
    }

    private double low(Table table, int row) {
        return constraint.lowColumn() == null ? constraint.low()
                : ((NumericColumn) table.column(constraint.lowColumn())).get(row);
    }

    private double high(Table table, int row) {
        return constraint.highColumn() == null ? constraint.high()
                : ((NumericColumn) table.column(constraint.highColumn())).get(row);
    }
}
