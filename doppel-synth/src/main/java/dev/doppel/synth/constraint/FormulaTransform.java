package dev.doppel.synth.constraint;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.Constraint;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code column = expression}: the model never learns the computed column; sampling computes it from the restored
 * inputs and writes it to the column's decimals. A missing input or a non-finite result (division by zero) makes it
 * missing.
 */
record FormulaTransform(Constraint.Formula constraint, ColumnMetadata column) implements ColumnTransform {

    @Override
    public List<String> produces() {
        return List.of(column.name());
    }

    @Override
    public List<String> reads() {
        return constraint.expression().columns();
    }

    @Override
    public boolean reshapes() {
        return true;
    }

    @Override
    public void describe(LinkedHashMap<String, ColumnMetadata> model) {
        model.remove(column.name());
    }

    @Override
    public void forward(Table real, LinkedHashMap<String, Column> model) {
        model.remove(column.name());
    }

    @Override
    public void backward(LinkedHashMap<String, Column> columns, int rows) {
        columns.put(column.name(), new NumericColumn(column.name(), compute(constraint, column, columns, rows)));
    }

    /** The formula's written value for each row. */
    static double[] compute(Constraint.Formula formula, ColumnMetadata target, java.util.Map<String, Column> columns,
            int rows) {
        List<String> inputs = formula.expression().columns();
        NumericColumn[] in = new NumericColumn[inputs.size()];
        for (int k = 0; k < in.length; k++) {
            in[k] = (NumericColumn) columns.get(inputs.get(k));
        }
        WrittenValues out = new WrittenValues(target);
        double[] row = new double[in.length];
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < in.length; k++) {
                row[k] = in[k].get(i);
            }
            double v = formula.expression().evaluate(row);
            values[i] = Double.isFinite(v) ? out.written(v) : Double.NaN;
        }
        return values;
    }
}
