package dev.doppel.eval.fidelity;

import static dev.doppel.eval.TestTables.cat;
import static dev.doppel.eval.TestTables.num;
import static dev.doppel.eval.TestTables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.TestTables;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class FidelityTest {

    @Test
    void ksComplementOfShiftedSamplesIsOneMinusHalf() {
        // F_x − F_y peaks at 0.5 on [2, 3): two of four x values below, none of y
        assertThat(ColumnShapeScore.ksComplement(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6}))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void ksComplementDropsNulls() {
        assertThat(ColumnShapeScore.ksComplement(new double[] {1, Double.NaN, 2}, new double[] {2, 1}))
                .isEqualTo(1.0);
        assertThat(ColumnShapeScore.ksComplement(new double[] {Double.NaN}, new double[] {1})).isNaN();
    }

    @Test
    void ksComplementStepsOverTies() {
        // x = {1,1,2}, y = {1,2,2}: at 1 F_x = 2/3, F_y = 1/3 → D = 1/3
        assertThat(ColumnShapeScore.ksComplement(new double[] {1, 1, 2}, new double[] {1, 2, 2}))
                .isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void tvComplementCountsNullAsCategory() {
        // real: null .25, a .5, b .25; synthetic: a .25, b .75 → TVD = (.25 + .25 + .5) / 2 = .5
        assertThat(ColumnShapeScore.tvComplement(new int[] {0, 0, 1, -1}, new int[] {0, 1, 1, 1}))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void correlationSimilarityOfOppositeTrendsIsZero() {
        double[] x = {1, 2, 3};
        assertThat(ColumnPairTrendScore.correlationSimilarity(x, new double[] {2, 4, 6}, x, new double[] {6, 4, 2}))
                .isCloseTo(0.0, within(1e-12));
        // a null row is dropped from the pair only
        assertThat(ColumnPairTrendScore.pearson(new double[] {1, 2, Double.NaN, 3}, new double[] {1, 2, 9, 3}))
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void contingencySimilarityOfIndependentVersusDiagonal() {
        // real joint: four cells of .25; synthetic: (0,0) and (1,1) of .5 → TVD = 4 × .25 / 2 = .5
        assertThat(ColumnPairTrendScore.contingencySimilarity(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1},
                new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 1})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void contingencySimilarityOfHighCardinalityPairsUsesTheSameDefinition() {
        // 2000 × 2000 possible cells: counted in a hash map instead of a dense table
        int n = 4000;
        int[] a = new int[n];
        int[] b = new int[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i % 2000;
            b[i] = (i * 7) % 2000;
            c[i] = (i * 7 + (i < 1000 ? 1 : 0)) % 2000;
        }
        // 1000 of 4000 rows move to a cell no real row has: TVD = 1000/4000
        assertThat(ColumnPairTrendScore.contingencySimilarity(a, b, a, c)).isCloseTo(0.75, within(1e-12));
        assertThat(ColumnPairTrendScore.contingencySimilarity(a, b, a, b)).isEqualTo(1.0);
    }

    @Test
    void equalWidthBinsFollowNumpyDigitize() {
        EqualWidthBins bins = EqualWidthBins.of(new double[] {0, 10, Double.NaN}, 10);
        assertThat(bins.bins()).isEqualTo(10);
        assertThat(bins.bin(0)).isEqualTo(0);
        assertThat(bins.bin(1)).isEqualTo(1);
        assertThat(bins.bin(9.99)).isEqualTo(9);
        assertThat(bins.bin(10)).isEqualTo(9);
        assertThat(bins.bin(1e9)).isEqualTo(9);
        assertThat(bins.bin(-1e9)).isEqualTo(0);
        assertThat(bins.bin(Double.NaN)).isEqualTo(10);
        EqualWidthBins constant = EqualWidthBins.of(new double[] {5, 5}, 10);
        assertThat(constant.bin(5)).isEqualTo(5);
    }

    @Test
    void mixedPairBinsTheNumericColumn() {
        // x bins (edges from real 0..10): real {0,10} → bins 0 and 9; synthetic {0,0} → bin 0 twice
        Table real = table(num("x", 0, 10), cat("c", "a", "b"));
        Table synth = table(num("x", 0, 0), cat("c", "a", "b"));
        AlignedTables t = AlignedTables.of(TestTables.metadataOf(real), real, synth, null);
        QualityScore q = QualityScore.of(t);
        // KS: real {0,10}, synthetic {0,0}: D = 1/2; TV of c = 0 → shapes (0.5 + 1) / 2
        assertThat(q.columnShapes()).isCloseTo(0.75, within(1e-12));
        // joint real (0,a),(9,b); synthetic (0,a),(0,b) → TVD = (0 + .5 + .5) / 2 = .5
        assertThat(q.columnPairTrends()).isCloseTo(0.5, within(1e-12));
        assertThat(q.overall()).isCloseTo(0.625, within(1e-12));
    }

    @Test
    void missingValueRatesCompareNullShares() {
        Table real = table(num("x", 1, Double.NaN, 3, 4), cat("c", null, null, "a", "b"));
        Table synth = table(num("x", 1, 2, 3, 4), cat("c", null, "a", "a", "b"));
        List<MissingValueRate> rates = MissingValueRate.of(AlignedTables.of(TestTables.metadataOf(real), real, synth,
                null));
        assertThat(rates.get(0).real()).isEqualTo(0.25);
        assertThat(rates.get(0).score()).isEqualTo(0.75);
        assertThat(rates.get(1).score()).isEqualTo(0.75);
    }

    @Test
    void holdoutAccuracyByHand() {
        Table train = table(cat("a", "p", "p", "q", "q"), cat("b", "u", "v", "u", "v"));
        Table synth = table(cat("a", "p", "p", "p", "q"), cat("b", "u", "u", "v", "v"));
        HoldoutAccuracy h = HoldoutAccuracy.of(AlignedTables.of(TestTables.metadataOf(train), train, synth, train));
        // a: TVD .25, b: TVD 0 → univariate (.75 + 1) / 2
        assertThat(h.univariate()).isCloseTo(0.875, within(1e-12));
        // joint: (p,u) .25 vs .5, (q,u) .25 vs 0, others equal → TVD .25
        assertThat(h.bivariate()).isCloseTo(0.75, within(1e-12));
        assertThat(h.overall()).isCloseTo(0.8125, within(1e-12));
        // the holdout is the training table itself: the ceiling is perfect
        assertThat(h.ceiling()).isEqualTo(1.0);
    }

    @Test
    void tableAgainstItselfScoresOne() {
        Table adult = TestTables.adult();
        TableMetadata md = TestTables.adultMetadata(adult);
        FidelityReport r = FidelityReport.of(AlignedTables.of(md, adult, adult, adult));
        assertThat(r.quality().columnShapes()).isEqualTo(1.0);
        assertThat(r.quality().columnPairTrends()).isEqualTo(1.0);
        assertThat(r.quality().overall()).isEqualTo(1.0);
        assertThat(r.missingValueScore()).isEqualTo(1.0);
        assertThat(r.holdoutAccuracy().overall()).isEqualTo(1.0);
        assertThat(r.quality().shapes()).hasSize(15);
        assertThat(r.quality().pairs()).hasSize(105);
    }

    @Test
    void columnWiseShuffleKeepsShapesButBreaksTrends() {
        Table adult = TestTables.adult();
        TableMetadata md = TestTables.adultMetadata(adult);
        Table shuffled = TestTables.shuffleColumns(adult, 7);
        QualityScore q = QualityScore.of(AlignedTables.of(md, adult, shuffled, null));
        // a permutation keeps every marginal exactly
        assertThat(q.columnShapes()).isEqualTo(1.0);
        // Sampling noise alone costs little at n = 32k: the TVD of two samples of a table with k cells is about
        // sqrt(k / n) / 2 ≈ 0.03 even for 100 cells, so a faithful copy scores above 0.97; the shuffle gives ~0.93
        // because most pairs of Adult are weakly related, while the strongly related ones collapse.
        assertThat(q.columnPairTrends()).isLessThan(0.95);
        double relationshipSex = q.pairs().stream()
                .filter(p -> p.columnA().equals("relationship") && p.columnB().equals("sex"))
                .findFirst().orElseThrow().score();
        // Husband is male and Wife female by definition; independence moves ~40% × 33% of Husbands to female etc.
        assertThat(relationshipSex).isLessThan(0.8);
        double educationNum = q.pairs().stream()
                .filter(p -> p.columnA().equals("education") && p.columnB().equals("education-num"))
                .findFirst().orElseThrow().score();
        assertThat(educationNum).isLessThan(0.8);
    }
}
