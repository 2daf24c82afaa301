package dev.doppel.eval.fidelity;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Holdout-referenced accuracy: 1 − TVD between the real training table and the synthetic table on every univariate
 * and every bivariate frequency table, numeric columns cut into 10 equal-width bins over the training values (nulls
 * a bin of their own), categories as they are. The same computed for the holdout against the training table is the
 * ceiling: a fresh sample of the real population scores that much, so a synthetic score near it is as good as a
 * second real sample, and a score above it hints at copying.
 *
 * @param univariate        mean over columns of 1 − TVD(train, synthetic)
 * @param bivariate         mean over column pairs of 1 − TVD(train, synthetic); NaN with one column
 * @param overall           mean of univariate and bivariate
 * @param ceilingUnivariate the univariate value of holdout vs train
 * @param ceilingBivariate  the bivariate value of holdout vs train
 * @param ceiling           mean of the two ceiling values
 */
public record HoldoutAccuracy(double univariate, double bivariate, double overall, double ceilingUnivariate,
                              double ceilingBivariate, double ceiling) {

    /** Computes the accuracy; the tables must include a holdout. */
    public static HoldoutAccuracy of(AlignedTables tables) {
        if (!tables.hasHoldout()) {
            throw new IllegalArgumentException("holdout accuracy needs a holdout table");
        }
        List<int[]> train = new ArrayList<>();
        List<int[]> synth = new ArrayList<>();
        List<int[]> hold = new ArrayList<>();
        for (int j = 0; j < tables.columnCount(); j++) {
            if (tables.isNumeric(j)) {
                EqualWidthBins bins = EqualWidthBins.of(tables.numeric(j, Role.REAL), EqualWidthBins.SDMETRICS_BINS);
                train.add(bins.codes(tables.numeric(j, Role.REAL)));
                synth.add(bins.codes(tables.numeric(j, Role.SYNTHETIC)));
                hold.add(bins.codes(tables.numeric(j, Role.HOLDOUT)));
            } else {
                train.add(tables.codes(j, Role.REAL));
                synth.add(tables.codes(j, Role.SYNTHETIC));
                hold.add(tables.codes(j, Role.HOLDOUT));
            }
        }
        double[] s = accuracy(train, synth);
        double[] h = accuracy(train, hold);
        return new HoldoutAccuracy(s[0], s[1], mean(s[0], s[1]), h[0], h[1], mean(h[0], h[1]));
    }

    /** {univariate, bivariate} 1 − TVD of {@code other} against {@code train}, both given as binned codes. */
    static double[] accuracy(List<int[]> train, List<int[]> other) {
        int m = train.size();
        double uni = 0;
        for (int j = 0; j < m; j++) {
            uni += ColumnShapeScore.tvComplement(train.get(j), other.get(j));
        }
        double bi = 0;
        int pairs = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                bi += ColumnPairTrendScore.contingencySimilarity(train.get(i), train.get(j), other.get(i), other.get(j));
                pairs++;
            }
        }
        return new double[] {uni / m, pairs == 0 ? Double.NaN : bi / pairs};
    }

    private static double mean(double a, double b) {
        return Double.isNaN(b) ? a : (a + b) / 2.0;
    }
}
