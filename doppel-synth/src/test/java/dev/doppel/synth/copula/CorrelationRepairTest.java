package dev.doppel.synth.copula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class CorrelationRepairTest {

    @Test
    void repairsNonPositiveDefiniteMatrixToCorrelation() {
        // Pairwise plausible but jointly impossible: x~y and y~z strongly, x~z strongly negative.
        double[][] bad = {{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}};
        assertThat(CorrelationRepair.cholesky(bad)).isNull();
        double[][] fixed = CorrelationRepair.repair(bad);
        assertThat(CorrelationRepair.cholesky(fixed)).isNotNull();
        for (int i = 0; i < 3; i++) {
            assertThat(fixed[i][i]).isEqualTo(1.0);
            for (int j = 0; j < 3; j++) {
                assertThat(fixed[i][j]).isEqualTo(fixed[j][i]);
                assertThat(Math.abs(fixed[i][j])).isLessThanOrEqualTo(1.0);
            }
        }
        // Signs of the pattern survive.
        assertThat(fixed[0][1]).isPositive();
        assertThat(fixed[0][2]).isNegative();
    }

    @Test
    void leavesPositiveDefiniteMatrixUnchanged() {
        double[][] good = {{1, 0.5}, {0.5, 1}};
        assertThat(CorrelationRepair.repair(good)).isDeepEqualTo(good);
    }

    @Test
    void choleskyReproducesMatrix() {
        double[][] a = {{1, 0.5, 0.2}, {0.5, 1, 0.3}, {0.2, 0.3, 1}};
        double[][] l = CorrelationRepair.cholesky(a);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += l[i][k] * l[j][k];
                }
                assertThat(s).isCloseTo(a[i][j], offset(1e-12));
            }
        }
    }
}
