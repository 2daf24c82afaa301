package dev.doppel.table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An immutable columnar table: named columns of equal length. */
public final class Table {
    private final List<Column> columns;
    private final Map<String, Integer> index;
    private final int rowCount;

    public Table(List<? extends Column> columns) {
        this.columns = List.copyOf(columns);
        this.index = new HashMap<>();
        int rows = this.columns.isEmpty() ? 0 : this.columns.get(0).size();
        for (int i = 0; i < this.columns.size(); i++) {
            Column c = this.columns.get(i);
            if (c.size() != rows) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, expected " + rows);
            }
            if (index.putIfAbsent(c.name(), i) != null) {
                throw new IllegalArgumentException("duplicate column name: " + c.name());
            }
        }
        this.rowCount = rows;
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.size();
    }

    public List<Column> columns() {
        return columns;
    }

    public Column column(int i) {
        return columns.get(i);
    }

    /** The column called {@code name}; throws {@link IllegalArgumentException} when there is none. */
    public Column column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no column named " + name + "; columns are " + columnNames());
        }
        return columns.get(i);
    }

    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** A new table of the given rows, in the given order (rows may repeat); dictionaries are shared. */
    public Table rows(int[] rows) {
        List<Column> out = new java.util.ArrayList<>(columnCount());
        for (Column c : columns()) {
            if (c instanceof NumericColumn n) {
                double[] v = new double[rows.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = n.get(rows[i]);
                }
                out.add(new NumericColumn(c.name(), v));
            } else {
                CategoricalColumn k = (CategoricalColumn) c;
                int[] codes = new int[rows.length];
                for (int i = 0; i < codes.length; i++) {
                    codes[i] = k.code(rows[i]);
                }
                out.add(new CategoricalColumn(c.name(), codes, k.dictionary()));
            }
        }
        return new Table(out);
    }
}
