package dev.doppel.eval.utility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrecisionRecallAndSmoteTest {
    @Test
    void averagePrecisionMatchesAHandComputedCurve() {
        // Ranked: +, -, +, -, + → precision at each positive 1, 2/3, 3/5; AP = (1 + 2/3 + 3/5) / 3.
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5};
        boolean[] positive = {true, false, true, false, true};
        assertThat(PrecisionRecall.averagePrecision(scores, positive)).isCloseTo((1 + 2.0 / 3 + 3.0 / 5) / 3, offset(1e-12));
        assertThat(PrecisionRecall.recallAtPrecision(scores, positive, 0.9)).isCloseTo(1.0 / 3, offset(1e-12));
        assertThat(PrecisionRecall.recallAtPrecision(scores, positive, 0.6)).isEqualTo(1.0);
    }

    @Test
    void tiedScoresFormOneThreshold() {
        double[] scores = {0.5, 0.5, 0.5, 0.5};
        boolean[] positive = {true, false, false, true};
        assertThat(PrecisionRecall.averagePrecision(scores, positive)).isCloseTo(0.5, offset(1e-12));
        assertThat(PrecisionRecall.recallAtPrecision(scores, positive, 0.6)).isZero();
    }

    @Test
    void perfectAndRandomRankings() {
        int n = 20_000;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            positive[i] = random.nextDouble() < 0.05;
            scores[i] = random.nextDouble();
        }
        // A random ranking's AP is the positive rate, within a few standard errors.
        assertThat(PrecisionRecall.averagePrecision(scores, positive)).isCloseTo(0.05, offset(0.01));
        for (int i = 0; i < n; i++) {
            scores[i] = positive[i] ? 1 + random.nextDouble() : random.nextDouble();
        }
        assertThat(PrecisionRecall.averagePrecision(scores, positive)).isEqualTo(1.0);
    }

    @Test
    void smoteRowsLieOnSegmentsBetweenMinorityNeighbours() {
        // Two clusters far apart: every new row lies within its cluster's box, none between clusters.
        float[] data = {0, 0, 1, 0, 0, 1, 1, 1, 100, 100, 101, 100, 100, 101, 101, 101};
        FeatureMatrix minority = new FeatureMatrix(data, 8, 2, List.of("a", "b"));
        FeatureMatrix made = new Smote(3, 7).oversample(minority, 400);
        assertThat(made.rows()).isEqualTo(400);
        for (int i = 0; i < made.rows(); i++) {
            float a = made.data()[2 * i];
            float b = made.data()[2 * i + 1];
            boolean low = a >= 0 && a <= 1 && b >= 0 && b <= 1;
            boolean high = a >= 100 && a <= 101 && b >= 100 && b <= 101;
            assertThat(low || high).as("row %d (%f, %f)", i, a, b).isTrue();
        }
        assertThat(new Smote(3, 7).oversample(minority, 50)).isEqualTo(new Smote(3, 7).oversample(minority, 50));
    }
}
