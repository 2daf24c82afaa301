package dev.doppel.synth;

import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.List;

/** Row-wise views of typed tables for tests. */
public final class TableRows {
    private TableRows() {
    }

    public static Table select(Table table, List<Integer> rows) {
        List<Column> columns = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c instanceof NumericColumn n) {
                double[] v = new double[rows.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = n.get(rows.get(i));
                }
                columns.add(new NumericColumn(c.name(), v));
            } else {
                CategoricalColumn k = (CategoricalColumn) c;
                int[] codes = new int[rows.size()];
                for (int i = 0; i < codes.length; i++) {
                    codes[i] = k.code(rows.get(i));
                }
                columns.add(new CategoricalColumn(c.name(), codes, k.dictionary()));
            }
        }
        return new Table(columns);
    }

    /** The row's values as one string, nulls included, comparable across tables with different dictionaries. */
    public static String key(Table table, int row) {
        StringBuilder key = new StringBuilder();
        for (Column c : table.columns()) {
            if (c instanceof NumericColumn n) {
                key.append(n.isNull(row) ? "\u0000" : Double.toString(n.get(row)));
            } else {
                String v = ((CategoricalColumn) c).get(row);
                key.append(v == null ? "\u0000" : v);
            }
            key.append('\u0001');
        }
        return key.toString();
    }
}
