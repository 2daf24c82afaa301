package dev.doppel.synth.constraint;

import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a table from chosen rows of several tables with the same columns (categorical dictionaries merged). */
final class RowPicker {
    private RowPicker() {
    }

    /** Column {@code c} of the result holds {@code sources[source[i]].column(c)} at row {@code row[i]}. */
    static Table pick(List<Table> sources, int[] source, int[] row, int count) {
        Table first = sources.get(0);
        List<Column> out = new ArrayList<>(first.columnCount());
        for (int c = 0; c < first.columnCount(); c++) {
            out.add(pickColumn(sources, c, source, row, count));
        }
        return new Table(out);
    }

    /** The rows {@code rows[0..count)} of one table. */
    static Table pick(Table table, int[] rows, int count) {
        return pick(List.of(table), new int[count], rows, count);
    }

    static Column pickColumn(List<Table> sources, int c, int[] source, int[] row, int count) {
        Column template = sources.get(0).column(c);
        if (template instanceof NumericColumn) {
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = ((NumericColumn) sources.get(source[i]).column(c)).get(row[i]);
            }
            return new NumericColumn(template.name(), values);
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> dictionary = new ArrayList<>();
        int[][] remaps = new int[sources.size()][];
        int[] codes = new int[count];
        for (int i = 0; i < count; i++) {
            CategoricalColumn k = (CategoricalColumn) sources.get(source[i]).column(c);
            int code = k.code(row[i]);
            if (code == CategoricalColumn.NULL) {
                codes[i] = CategoricalColumn.NULL;
                continue;
            }
            int[] remap = remaps[source[i]];
            if (remap == null) {
                remap = new int[k.dictionary().size()];
                java.util.Arrays.fill(remap, -2);
                remaps[source[i]] = remap;
            }
            if (remap[code] == -2) {
                String v = k.dictionary().get(code);
                remap[code] = index.computeIfAbsent(v, key -> {
                    dictionary.add(key);
                    return dictionary.size() - 1;
                });
            }
            codes[i] = remap[code];
        }
        return new CategoricalColumn(template.name(), codes, dictionary);
    }
}
