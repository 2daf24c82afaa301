package dev.doppel.eval.fidelity;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Pearson correlations between the numeric (numerical and datetime) learned columns, real and synthetic, for the
 * heat maps. Entries are NaN where a correlation is undefined.
 *
 * @param columns   the numeric columns, in metadata order
 * @param real      correlation matrix of the real table, row-major {@code columns × columns}
 * @param synthetic correlation matrix of the synthetic table
 */
public record CorrelationMatrix(List<String> columns, List<List<Double>> real, List<List<Double>> synthetic) {

    public CorrelationMatrix {
        columns = List.copyOf(columns);
        real = real.stream().map(List::copyOf).toList();
        synthetic = synthetic.stream().map(List::copyOf).toList();
    }

    public static CorrelationMatrix of(AlignedTables tables) {
        List<Integer> idx = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int j = 0; j < tables.columnCount(); j++) {
            if (tables.isNumeric(j)) {
                idx.add(j);
                names.add(tables.columns().get(j).name());
            }
        }
        return new CorrelationMatrix(names, matrix(tables, idx, Role.REAL), matrix(tables, idx, Role.SYNTHETIC));
    }

    private static List<List<Double>> matrix(AlignedTables tables, List<Integer> idx, Role role) {
        List<List<Double>> rows = new ArrayList<>();
        for (int a : idx) {
            List<Double> row = new ArrayList<>();
            for (int b : idx) {
                row.add(a == b ? 1.0 : ColumnPairTrendScore.pearson(tables.numeric(a, role), tables.numeric(b, role)));
            }
            rows.add(row);
        }
        return rows;
    }
}
