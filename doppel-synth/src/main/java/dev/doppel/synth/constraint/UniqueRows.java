package dev.doppel.synth.constraint;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.StreamFilter;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Uniqueness across one output stream: a row is kept only when, for every unique column set, its values (as written)
 * were not kept before. Rows with a missing value in a set are exempt from that set. Keys of every kept row stay in
 * memory, about a hundred bytes per row and set.
 */
final class UniqueRows implements StreamFilter {
    private final List<List<ColumnMetadata>> sets;
    private final List<Set<String>> seen = new ArrayList<>();
    private final long[] dropped;

    UniqueRows(TableMetadata metadata, List<List<String>> sets) {
        this.sets = sets.stream()
                .map(s -> s.stream().map(n -> metadata.column(n).orElseThrow()).toList())
                .toList();
        for (int k = 0; k < sets.size(); k++) {
            seen.add(new HashSet<>());
        }
        this.dropped = new long[sets.size()];
    }

    @Override
    public Table accept(Table block, int limit) {
        int[] kept = new int[Math.min(limit, block.rowCount())];
        int count = 0;
        String[] keys = new String[sets.size()];
        List<List<Column>> columns = sets.stream().map(s -> s.stream().map(c -> block.column(c.name())).toList())
                .toList();
        List<List<WrittenValues>> written = sets.stream()
                .map(s -> s.stream().map(c -> c.isNumeric() ? new WrittenValues(c) : null).toList()).toList();
        for (int i = 0; i < block.rowCount() && count < kept.length; i++) {
            boolean fresh = true;
            for (int k = 0; k < keys.length && fresh; k++) {
                keys[k] = key(columns.get(k), written.get(k), i);
                fresh = keys[k] == null || !seen.get(k).contains(keys[k]);
                if (!fresh) {
                    dropped[k]++;
                }
            }
            if (fresh) {
                for (int k = 0; k < keys.length; k++) {
                    if (keys[k] != null) {
                        seen.get(k).add(keys[k]);
                    }
                }
                kept[count++] = i;
            }
        }
        return count == block.rowCount() ? block : RowPicker.pick(block, kept, count);
    }

    private static String key(List<Column> columns, List<WrittenValues> written, int row) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            if (column.isNull(row)) {
                return null;
            }
            if (c > 0) {
                b.append('\u0000');
            }
            b.append(column instanceof NumericColumn n ? written.get(c).text(n.get(row))
                    : ((CategoricalColumn) column).get(row));
        }
        return b.toString();
    }

    /** The set that dropped the most rows so far (the one that runs out of values), or all of them. */
    @Override
    public String describe() {
        int worst = 0;
        for (int k = 1; k < dropped.length; k++) {
            if (dropped[k] > dropped[worst]) {
                worst = k;
            }
        }
        List<List<ColumnMetadata>> named = dropped[worst] > 0 ? List.of(sets.get(worst)) : sets;
        return String.join(" and ", named.stream()
                .map(s -> "unique " + String.join(", ", s.stream().map(ColumnMetadata::name).toList())).toList());
    }
}
