package dev.doppel.synth.copula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

class NormalDistributionFunctionsTest {
    private final NormalDistribution reference = new NormalDistribution(0, 1);

    @Test
    void cdfMatchesHipparchusToDoublePrecision() {
        for (double z = -30; z <= 8; z += 0.01) {
            double expected = reference.cumulativeProbability(z);
            double actual = NormalDistributionFunctions.cdf(z);
            // Relative error in the lower tail (what Φ⁻¹'s refinement needs), absolute near the centre, where the
            // reference itself is accurate to ~1e-16.
            double tolerance = z < -1 ? 1e-13 * expected : 1e-15;
            assertThat(Math.abs(actual - expected)).as("z=%s", z).isLessThanOrEqualTo(tolerance);
        }
    }

    @Test
    void quantileInvertsCdf() {
        for (double p : new double[] {1e-15, 1e-12, 1e-9, 0.001, 0.02425, 0.1, 0.5, 0.7, 0.97575, 0.999, 1 - 1e-9}) {
            double z = NormalDistributionFunctions.quantile(p);
            // Hipparchus' inverse stops its solver at ~1e-5 in the far tail, so the check is Φ(Φ⁻¹(p)) = p
            // against Hipparchus' (erfc-based) Φ: relative 1e-13 means z is exact to ~1e-13/|z|.
            double back = reference.cumulativeProbability(z);
            assertThat(Math.abs(back - p)).as("p=%s", p).isLessThanOrEqualTo(1e-13 * Math.min(p, 1 - p) + 1e-16);
        }
        assertThat(NormalDistributionFunctions.quantile(0.5)).isEqualTo(0.0);
        assertThat(NormalDistributionFunctions.quantile(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NormalDistributionFunctions.quantile(1.5)).isNaN();
    }

    @Test
    void normalSourceHasStandardMoments() {
        NormalSource normals = new NormalSource(new SplittableRandom(1));
        int n = 200_000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double x = normals.next();
            sum += x;
            sq += x * x;
        }
        // sd of the mean is 1/sqrt(n) ≈ 0.0022 and of the second moment sqrt(2/n) ≈ 0.0032; allow 5 sd.
        assertThat(sum / n).isCloseTo(0, offset(0.011));
        assertThat(sq / n).isCloseTo(1, offset(0.016));
    }
}
