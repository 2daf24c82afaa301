package dev.doppel.eval.fidelity;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The share of nulls in one learned column, real vs synthetic, scored like SDMetrics' {@code MissingValueSimilarity}:
 * 1 − |rate_real − rate_synthetic|.
 *
 * @param column    column name
 * @param real      null share in the real table, in [0, 1]
 * @param synthetic null share in the synthetic table
 * @param score     1 − |real − synthetic|
 */
public record MissingValueRate(String column, double real, double synthetic, double score) {

    /** One entry per learned column. */
    public static List<MissingValueRate> of(AlignedTables tables) {
        List<MissingValueRate> out = new ArrayList<>();
        for (int j = 0; j < tables.columnCount(); j++) {
            double r = nullRate(tables, j, Role.REAL);
            double s = nullRate(tables, j, Role.SYNTHETIC);
            out.add(new MissingValueRate(tables.columns().get(j).name(), r, s, 1.0 - Math.abs(r - s)));
        }
        return out;
    }

    static double nullRate(AlignedTables tables, int j, Role role) {
        int nulls = 0;
        int n = tables.rowCount(role);
        if (tables.isNumeric(j)) {
            for (double v : tables.numeric(j, role)) {
                if (Double.isNaN(v)) {
                    nulls++;
                }
            }
        } else {
            for (int c : tables.codes(j, role)) {
                if (c < 0) {
                    nulls++;
                }
            }
        }
        return (double) nulls / n;
    }
}
