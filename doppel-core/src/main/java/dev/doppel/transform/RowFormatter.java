package dev.doppel.transform;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.List;

/** Turns rows of a typed table back into text, formatted like the training file. */
public final class RowFormatter {
    private final ValueFormatter[] formatters;

    public RowFormatter(TableMetadata metadata) {
        List<ColumnMetadata> columns = metadata.columns();
        formatters = new ValueFormatter[columns.size()];
        for (int i = 0; i < formatters.length; i++) {
            if (columns.get(i).isNumeric()) {
                formatters[i] = ValueFormatter.forColumn(columns.get(i));
            }
        }
    }

    /** Fills {@code out} with the text of row {@code row}: one string per column, null for a missing value. */
    public void format(Table block, int row, String[] out) {
        for (int c = 0; c < out.length; c++) {
            Column column = block.column(c);
            if (column.isNull(row)) {
                out[c] = null;
            } else if (column instanceof NumericColumn n) {
                out[c] = formatters[c].format(n.get(row));
            } else {
                out[c] = ((CategoricalColumn) column).get(row);
            }
        }
    }
}
