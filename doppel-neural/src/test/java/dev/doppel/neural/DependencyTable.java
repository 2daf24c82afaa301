package dev.doppel.neural;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.PiiKind;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A table with a learnable two-column dependency: group a, b or c (shares 0.5, 0.3, 0.2), y ~ N(mean of the group, 1)
 * with means 0, 5 and 10, y missing in 5 % of rows, and an e-mail column that is never learned.
 */
public final class DependencyTable {
    public static final double[] SHARES = {0.5, 0.3, 0.2};
    public static final double[] MEANS = {0, 5, 10};
    public static final List<String> GROUPS = List.of("a", "b", "c");

    private DependencyTable() {
    }

    public static TableMetadata metadata() {
        return new TableMetadata(List.of(ColumnMetadata.categorical("group"),
                ColumnMetadata.numerical("y", false, null, null, 3), ColumnMetadata.pii("email", PiiKind.EMAIL)));
    }

    public static Table sample(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] group = new int[rows];
        double[] y = new double[rows];
        int[] email = new int[rows];
        for (int i = 0; i < rows; i++) {
            double u = random.nextDouble();
            group[i] = u < SHARES[0] ? 0 : u < SHARES[0] + SHARES[1] ? 1 : 2;
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            y[i] = random.nextDouble() < 0.05 ? Double.NaN : Math.rint((MEANS[group[i]] + z) * 1000) / 1000;
        }
        return new Table(List.of(new CategoricalColumn("group", group, GROUPS), new NumericColumn("y", y),
                new CategoricalColumn("email", email, List.of("someone@example.com"))));
    }

    /** Mean of y per group, over non-missing values; NaN for a group with none. */
    public static double[] groupMeans(Table t) {
        CategoricalColumn g = (CategoricalColumn) t.column("group");
        NumericColumn y = (NumericColumn) t.column("y");
        double[] sum = new double[3];
        int[] n = new int[3];
        for (int i = 0; i < t.rowCount(); i++) {
            if (!y.isNull(i) && g.get(i) != null) {
                int k = GROUPS.indexOf(g.get(i));
                sum[k] += y.get(i);
                n[k]++;
            }
        }
        return new double[] {sum[0] / n[0], sum[1] / n[1], sum[2] / n[2]};
    }

    /** Share of rows per group. */
    public static double[] groupShares(Table t) {
        CategoricalColumn g = (CategoricalColumn) t.column("group");
        double[] share = new double[3];
        for (int i = 0; i < t.rowCount(); i++) {
            share[GROUPS.indexOf(g.get(i))] += 1.0 / t.rowCount();
        }
        return share;
    }
}
