package dev.doppel.eval.privacy;

import static dev.doppel.eval.TestTables.cat;
import static dev.doppel.eval.TestTables.num;
import static dev.doppel.eval.TestTables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.eval.RocAuc;
import dev.doppel.eval.TestTables;
import dev.doppel.eval.privacy.MixedDistance.RowMatrix;
import dev.doppel.eval.privacy.NearestNeighbours.Neighbours;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.Table;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrivacyTest {

    @Test
    void mixedDistanceAveragesRangeScaledAndMismatchTerms() {
        Table real = table(num("x", 0, 10, Double.NaN), cat("c", "a", "b", null));
        Table synth = table(num("x", 5, 100, Double.NaN), cat("c", "b", "b", "a"));
        AlignedTables t = AlignedTables.of(TestTables.metadataOf(real), real, synth, null);
        MixedDistance d = MixedDistance.over(t);
        RowMatrix r = d.encode(t, Role.REAL, null);
        RowMatrix s = d.encode(t, Role.SYNTHETIC, null);
        // |0 − 5| / 10 = .5 and a ≠ b → (.5 + 1) / 2
        assertThat(d.between(r, 0, s, 0)).isCloseTo(0.75, within(1e-12));
        // |10 − 100| / 10 capped at 1, b = b → .5
        assertThat(d.between(r, 1, s, 1)).isCloseTo(0.5, within(1e-12));
        // null = null → 0, null vs a → 1
        assertThat(d.between(r, 2, s, 2)).isCloseTo(0.5, within(1e-12));
        // null vs 5 → 1, null vs b → 1
        assertThat(d.between(r, 2, s, 0)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void searchMatchesBruteForceForAnyThreadCount() {
        Random rnd = new Random(3);
        assertSearchMatchesBruteForce(randomTable(rnd, 300), randomTable(rnd, 200));
    }

    @Test
    void searchBreaksTiesByLowestIndexLikeBruteForce() {
        Random rnd = new Random(4);
        // without the continuous column most rows have many equally near neighbours and exact duplicates
        Table real = randomTable(rnd, 400);
        Table synth = randomTable(rnd, 200);
        assertSearchMatchesBruteForce(table(real.column("x"), real.column("c"), real.column("e")),
                table(synth.column("x"), synth.column("c"), synth.column("e")));
    }

    private static void assertSearchMatchesBruteForce(Table real, Table synth) {
        AlignedTables t = AlignedTables.of(TestTables.metadataOf(real), real, synth, null);
        MixedDistance d = MixedDistance.over(t);
        RowMatrix r = d.encode(t, Role.REAL, null);
        RowMatrix s = d.encode(t, Role.SYNTHETIC, null);
        Neighbours one = NearestNeighbours.search(d, s, r, 1);
        Neighbours two = NearestNeighbours.search(d, s, r, 2);
        assertThat(two.nearest()).containsExactly(one.nearest());
        assertThat(two.secondNearest()).containsExactly(one.secondNearest());
        assertThat(two.index()).containsExactly(one.index());
        for (int q = 0; q < s.rows(); q++) {
            double best = Double.POSITIVE_INFINITY;
            double second = Double.POSITIVE_INFINITY;
            int index = -1;
            for (int i = 0; i < r.rows(); i++) {
                double x = d.between(s, q, r, i);
                if (x < best) {
                    second = best;
                    best = x;
                    index = i;
                } else if (x < second) {
                    second = x;
                }
            }
            assertThat(one.nearest()[q]).isEqualTo(best);
            assertThat(one.secondNearest()[q]).isEqualTo(second);
            assertThat(one.index()[q]).isEqualTo(index);
        }
    }

    private static Table randomTable(Random rnd, int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        String[] c = new String[n];
        String[] e = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextInt(20);
            y[i] = rnd.nextGaussian();
            c[i] = rnd.nextInt(10) == 0 ? null : "v" + rnd.nextInt(4);
            e[i] = "w" + rnd.nextInt(3);
        }
        return table(num("x", x), num("y", y), cat("c", c), cat("e", e));
    }

    @Test
    void distanceMetricsByHand() {
        // one numeric column, training range 30: distances are |a − b| / 30
        Table train = table(num("x", 0, 10, 20, 30));
        Table synth = table(num("x", 0, 12, 29));
        Table hold = table(num("x", 5, 15, 25, 35));
        AlignedTables t = AlignedTables.of(TestTables.metadataOf(train), train, synth, hold);
        PrivacyReport r = PrivacyReport.of(t, new PrivacyReport.Options(List.of(), 10, 10, 1, 1));
        DistanceToClosestRecord d = r.dcr();
        // synthetic → train: 0, 2/30, 1/30; second nearest 10/30, 8/30, 9/30
        assertThat(d.syntheticToTrain().median()).isCloseTo(1.0 / 30, within(1e-12));
        assertThat(d.syntheticToTrain().p5()).isCloseTo(0.1 / 30, within(1e-12));
        assertThat(d.syntheticToTrain().mean()).isCloseTo(1.0 / 30, within(1e-12));
        assertThat(d.exactCopyRate()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(d.holdoutExactCopyRate()).isEqualTo(0.0);
        // NNDR: 0 (a copy), 2/8, 1/9 → median 1/9
        assertThat(d.nndrSynthetic()).isCloseTo(1.0 / 9, within(1e-12));
        // every holdout row is 5/30 from the training data
        assertThat(d.holdoutToTrain().median()).isCloseTo(5.0 / 30, within(1e-12));
        // synthetic → holdout 5/30, 3/30, 4/30: each synthetic row is nearer to train
        assertThat(d.dcrShare()).isEqualTo(1.0);
        // members' distances to synthetic 0, 2, 8, 1 (/30) vs non-members' 5, 3, 4, 6: 12 of 16 pairs ordered
        assertThat(r.membershipInferenceAuc()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void attributeInferenceByHand() {
        Table train = table(num("x", 0, 10, 20, 30), cat("s", "a", "b", "a", "b"));
        Table synth = table(num("x", 1, 11, 21, 31), cat("s", "a", "b", "a", "a"));
        Table hold = table(num("x", 2, 12, 22, 32), cat("s", "b", "a", "b", "a"));
        AlignedTables t = AlignedTables.of(TestTables.metadataOf(train), train, synth, hold);
        int[] all = {0, 1, 2, 3};
        AttributeInference a = AttributeInference.of(t, 1, all, all, 1, 1);
        // train rows' nearest synthetic rows by x give a, b, a, a: 3 of 4 right; holdout rows: 1 of 4
        assertThat(a.attackAccuracy()).isEqualTo(0.75);
        assertThat(a.controlAccuracy()).isEqualTo(0.25);
        assertThat(a.risk()).isCloseTo((0.75 - 0.25) / (1 - 0.25), within(1e-12));
    }

    @Test
    void dcrShareCountsTiesHalf() {
        // row 0 closer to train, row 1 a tie, row 2 closer to holdout → (1 + .5 + 0) / 3
        assertThat(DistanceToClosestRecord.dcrShare(new double[] {0, .1, .2}, new double[] {.1, .1, .1}))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void rocAucUsesMidRanksForTies() {
        // the scikit-learn doc example: 3 of 4 positive/negative pairs ordered right
        assertThat(RocAuc.of(new double[] {.1, .4, .35, .8}, new boolean[] {false, false, true, true}))
                .isCloseTo(0.75, within(1e-12));
        assertThat(RocAuc.of(new double[] {1, 1}, new boolean[] {true, false})).isEqualTo(0.5);
    }

    @Test
    void singlingOutPredicatesComeFromUniqueSyntheticValues() {
        Table train = table(num("x", 1, 2, 3, 3), cat("c", "a", "a", "b", "c"));
        Table synth = table(num("x", 1, 2, 2, 3), cat("c", "a", "a", "b", "b"));
        Table hold = table(num("x", 1, 1, 2, 3), cat("c", "a", "b", "c", "c"));
        AlignedTables t = AlignedTables.of(TestTables.metadataOf(train), train, synth, hold);
        // x: <= 1, >= 3, == 1, == 3; c: no synthetic value is unique
        assertThat(SinglingOutRisk.predicates(t)).hasSize(4);
        SinglingOutRisk r = SinglingOutRisk.of(t, new int[] {0, 1, 2, 3}, 100, 1);
        // train: x<=1 one row ✓, x>=3 two ✗, x==1 ✓, x==3 ✗ → .5; holdout: ✗, ✓, ✗, ✓ → .5
        assertThat(r.attackRate()).isEqualTo(0.5);
        assertThat(r.controlRate()).isEqualTo(0.5);
        assertThat(r.risk()).isEqualTo(0.0);
    }

    @Test
    void tableAgainstItselfIsAllExactCopies() {
        List<Table> halves = TestTables.split(TestTables.adult(), 2, 11);
        Table train = halves.get(0);
        TableMetadata md = TestTables.adultMetadata(train);
        AlignedTables t = AlignedTables.of(md, train, train, halves.get(1));
        PrivacyReport r = PrivacyReport.of(t, new PrivacyReport.Options(List.of("sex"), 500, 200, 2, 5));
        assertThat(r.dcr().exactCopyRate()).isEqualTo(1.0);
        // Adult holds 24 duplicated rows, so a few synthetic rows tie with a holdout copy (counted ½):
        // the share stays above 1 − 24 / 16,280 / 2
        assertThat(r.dcr().dcrShare()).isGreaterThan(0.999);
        assertThat(r.dcr().syntheticToTrain().median()).isEqualTo(0.0);
        assertThat(r.membershipInferenceAuc()).isGreaterThan(0.9);
    }

    @Test
    void tableWithoutDuplicatesAgainstItselfHasDcrShareOne() {
        Random rnd = new Random(9);
        Table train = randomTable(rnd, 400);
        Table hold = randomTable(rnd, 400);
        AlignedTables t = AlignedTables.of(TestTables.metadataOf(train), train, train, hold);
        PrivacyReport r = PrivacyReport.of(t, new PrivacyReport.Options(List.of("c"), 100, 50, 2, 5));
        // y is a continuous Gaussian: no two rows coincide, so every synthetic row is strictly nearer to train
        assertThat(r.dcr().dcrShare()).isEqualTo(1.0);
        assertThat(r.dcr().exactCopyRate()).isEqualTo(1.0);
        assertThat(r.dcr().holdoutExactCopyRate()).isEqualTo(0.0);
    }

    @Test
    void halfOfAdultAgainstAnotherHalfLooksPrivate() {
        List<Table> thirds = TestTables.split(TestTables.adult(), 3, 21);
        TableMetadata md = TestTables.adultMetadata(thirds.get(0));
        AlignedTables t = AlignedTables.of(md, thirds.get(0), thirds.get(1), thirds.get(2));
        long start = System.nanoTime();
        PrivacyReport r = PrivacyReport.of(t, new PrivacyReport.Options(List.of("sex", "race"), 2000, 500, 2, 5));
        System.out.printf("Adult thirds privacy in %.1f s: %s%n", (System.nanoTime() - start) / 1e9, r);
        // n = 10,854 synthetic rows: the share's standard error is sqrt(.25 / n) ≈ 0.005, so ±0.03 is 6 SE
        assertThat(r.dcr().dcrShare()).isCloseTo(0.5, within(0.03));
        // AUC of two equal populations: SE ≈ sqrt((n+n+1) / (12 n n)) ≈ 0.0035 → 0.03 is 8 SE
        assertThat(r.membershipInferenceAuc()).isCloseTo(0.5, within(0.03));
        assertThat(r.dcr().exactCopyRate()).isCloseTo(r.dcr().holdoutExactCopyRate(), within(0.01));
        // attribute inference on 2,000 rows: accuracy SE ≈ 0.011; risk is the clipped excess, near 0
        for (AttributeInference a : r.attributeInference()) {
            assertThat(a.risk()).isLessThan(0.1);
        }
        assertThat(r.singlingOut().risk()).isLessThan(0.15);
    }
}
