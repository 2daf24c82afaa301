package dev.doppel.eval.utility;

import static dev.doppel.eval.TestTables.cat;
import static dev.doppel.eval.TestTables.num;
import static dev.doppel.eval.TestTables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.doppel.InvalidDataException;
import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.eval.TestTables;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.Table;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UtilityTest {

    @Test
    void classificationScoresByHand() {
        // predicted 1,0,1,0 vs truth 1,0,0,1: tp 1, fp 1, fn 1 → F1 = 2/(2+1+1); AUC: 3 of 4 pairs ordered right
        ModelScores s = ModelScores.classification(new double[] {.9, .2, .6, .4}, new float[] {1, 0, 0, 1});
        assertThat(s.f1()).isCloseTo(0.5, within(1e-12));
        assertThat(s.accuracy()).isCloseTo(0.5, within(1e-12));
        assertThat(s.auc()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void regressionScoresByHand() {
        ModelScores perfect = ModelScores.regression(new double[] {1, 2, 3}, new float[] {1, 2, 3});
        assertThat(perfect.r2()).isEqualTo(1.0);
        assertThat(perfect.rmse()).isEqualTo(0.0);
        // predicting the mean: R² = 0, RMSE = population deviation sqrt(2/3)
        ModelScores mean = ModelScores.regression(new double[] {2, 2, 2}, new float[] {1, 2, 3});
        assertThat(mean.r2()).isCloseTo(0.0, within(1e-12));
        assertThat(mean.rmse()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
    }

    @Test
    void spearmanOfReversedRanksIsMinusOne() {
        assertThat(UtilityReport.spearman(new double[] {.1, .2, .7}, new double[] {.5, .3, .2}))
                .isCloseTo(-1.0, within(1e-12));
        assertThat(UtilityReport.ranks(new double[] {5, 1, 5})).containsExactly(2.5, 1, 2.5);
    }

    @Test
    void bothModelsLearnASeparableTarget() {
        Random rnd = new Random(1);
        int n = 2000;
        double[] x = new double[n];
        String[] c = new String[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
            c[i] = rnd.nextBoolean() ? "p" : "q";
            y[i] = x[i] + (c[i].equals("p") ? 1 : -1) + 0.3 * rnd.nextGaussian() > 0 ? "yes" : "no";
        }
        Table t = table(num("x", x), cat("c", c), cat("y", y));
        TableMetadata md = TestTables.metadataOf(t);
        AlignedTables tables = AlignedTables.of(md, t, t, t);
        Target target = Target.of(tables, md, "y", "yes");
        UtilityReport r = UtilityReport.of(tables, target, GradientBoostedTrees.defaults(2, 1),
                LogisticRegression.defaults()).report();
        for (UtilityReport.ModelComparison m : r.models()) {
            // the label is a noisy linear threshold (noise sd 0.3 against a signal sd ~1.4): AUC near 0.99
            assertThat(m.real().auc()).as(m.model()).isGreaterThan(0.95);
            assertThat(m.gap().auc()).as(m.model()).isEqualTo(0.0);
            assertThat(m.importanceAgreement()).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void numericTargetIsARegression() {
        Random rnd = new Random(2);
        int n = 1500;
        double[] x = new double[n];
        double[] y = new double[n];
        String[] c = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() * 10;
            c[i] = rnd.nextBoolean() ? "p" : "q";
            y[i] = 2 * x[i] + (c[i].equals("p") ? 5 : 0) + rnd.nextGaussian();
        }
        Table t = table(num("x", x), cat("c", c), num("y", y));
        TableMetadata md = TestTables.metadataOf(t);
        AlignedTables tables = AlignedTables.of(md, t, t, t);
        Target target = Target.of(tables, md, "y", null);
        assertThat(target.regression()).isTrue();
        UtilityReport r = UtilityReport.of(tables, target, GradientBoostedTrees.defaults(2, 1),
                LogisticRegression.defaults()).report();
        for (UtilityReport.ModelComparison m : r.models()) {
            // signal variance 4·100/12 + 6.25 ≈ 39.6 against noise variance 1: R² ≈ 0.97 for a good fit
            assertThat(m.real().r2()).as(m.model()).isGreaterThan(0.93);
            assertThat(m.real().rmse()).as(m.model()).isLessThan(1.5);
            assertThat(m.real().auc()).isNaN();
        }
    }

    @Test
    void positiveClassOfAMulticlassTargetIsTheMostFrequent() {
        Table t = table(num("x", 1, 2, 3, 4, 5, 6), cat("y", "a", "b", "c", "b", "c", "c"));
        TableMetadata md = TestTables.metadataOf(t);
        assertThat(Target.of(AlignedTables.of(md, t, t, null), md, "y", null).positiveClass()).isEqualTo("c");
    }

    @Test
    void rejectsMissingTargetAndSingleClassTarget() {
        Table t = table(num("x", 1, 2, 3), cat("y", "a", "a", "a"));
        TableMetadata md = TestTables.metadataOf(t);
        AlignedTables tables = AlignedTables.of(md, t, t, t);
        assertThatThrownBy(() -> Target.of(tables, md, "income", null)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("income").hasMessageContaining("no column of that name");
        assertThatThrownBy(() -> Target.of(tables, md, "y", null)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("at least two classes").hasMessageContaining("only the class 'a'");
    }

    @Test
    void positiveClassOfABinaryTargetIsTheRarerOne() {
        Table t = table(num("x", 1, 2, 3), cat("y", "a", "b", "a"));
        TableMetadata md = TestTables.metadataOf(t);
        assertThat(Target.of(AlignedTables.of(md, t, t, null), md, "y", null).positiveClass()).isEqualTo("b");
    }

    @Test
    void adultThirdsAreUndetectableAndEquallyUseful() {
        List<Table> thirds = TestTables.split(TestTables.adult(), 3, 21);
        TableMetadata md = TestTables.adultMetadata(thirds.get(0));
        AlignedTables tables = AlignedTables.of(md, thirds.get(0), thirds.get(1), thirds.get(2));
        DetectionScore d = DetectionScore.of(tables, GradientBoostedTrees.defaults(2, 1), 3, 10_000, 1);
        System.out.println("Adult thirds detection: " + d);
        // two samples of one population: out-of-fold AUC is 0.5 ± ~0.005 (n = 2 × 10k); score ≥ 0.9 allows AUC 0.55
        assertThat(d.score()).isGreaterThanOrEqualTo(0.9);
        Target target = Target.of(tables, md, "class", null);
        assertThat(target.positiveClass()).isEqualTo(">50K");
        UtilityReport r = UtilityReport.of(tables, target, GradientBoostedTrees.defaults(2, 1),
                LogisticRegression.defaults()).report();
        System.out.println("Adult thirds utility: " + r);
        for (UtilityReport.ModelComparison m : r.models()) {
            // published Adult AUCs: ~0.92 boosted trees, ~0.90 logistic regression
            assertThat(m.real().auc()).as(m.model()).isGreaterThan(0.85);
            // both training sets are equal-size samples of one population; AUC SE on 10k holdout rows ≈ 0.003
            assertThat(Math.abs(m.gap().auc())).as(m.model()).isLessThan(0.02);
        }
    }

    @Test
    void shiftedSyntheticDataIsFullyDetected() {
        Random rnd = new Random(6);
        int n = 1000;
        double[] real = new double[n];
        double[] synth = new double[n];
        for (int i = 0; i < n; i++) {
            real[i] = rnd.nextGaussian();
            synth[i] = 6 + rnd.nextGaussian();
        }
        Table r = table(num("x", real));
        AlignedTables tables = AlignedTables.of(TestTables.metadataOf(r), r, table(num("x", synth)), null);
        DetectionScore d = DetectionScore.of(tables, GradientBoostedTrees.defaults(1, 1), 3, 10_000, 1);
        // N(0,1) vs N(6,1) overlap in about 0.3 % of the mass (both tails beyond 3 sd): AUC ≈ 1, score ≈ 0
        assertThat(d.auc()).isGreaterThan(0.99);
        assertThat(d.score()).isLessThan(0.02);
        assertThat(d.rowsPerClass()).isEqualTo(n);
        // XGBoost's hist trees without subsampling give the same model for any nthread
        assertThat(DetectionScore.of(tables, GradientBoostedTrees.defaults(2, 1), 3, 10_000, 1)).isEqualTo(d);
    }

    @Test
    void shuffledColumnsAreDetected() {
        Table adult = TestTables.adult();
        List<Table> halves = TestTables.split(adult, 2, 5);
        TableMetadata md = TestTables.adultMetadata(adult);
        AlignedTables tables = AlignedTables.of(md, halves.get(0), TestTables.shuffleColumns(halves.get(1), 3), null);
        DetectionScore d = DetectionScore.of(tables, GradientBoostedTrees.defaults(2, 1), 3, 5_000, 1);
        // broken dependencies (a female Husband) are easy to spot
        assertThat(d.score()).isLessThan(0.5);
        assertThat(tables.rowCount(Role.SYNTHETIC)).isEqualTo(halves.get(1).rowCount());
    }
}
