package dev.doppel.synth.copula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.junit.jupiter.api.Test;

class MarginalSelectionTest {
    private static final int N = 20_000;
    // At n = 20k the 5% KS critical value 1.36/sqrt(n) ≈ 0.0096 is below the 0.02 cap, so it is the threshold.
    private final MarginalSelection selection = new MarginalSelection(1001, 0.02, true);

    private static double[] draw(java.util.function.DoubleUnaryOperator inverse, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = inverse.applyAsDouble(r.nextDouble());
        }
        Arrays.sort(x);
        return x;
    }

    /** Two-sample KS distance of sorted arrays. */
    private static double ks(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= x) {
                i++;
            }
            while (j < b.length && b[j] <= x) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }

    private static double[] sampleFrom(NumericMarginal m, long seed) {
        return draw(m::quantile, seed);
    }

    @Test
    void betaDataSelectsBetaAndRecoversParameters() {
        BetaDistribution beta = new BetaDistribution(2, 5);
        double[] data = draw(beta::inverseCumulativeProbability, 1);
        NumericMarginal m = selection.select(data, 0, 1);
        assertThat(m).isInstanceOf(BetaMarginal.class);
        BetaMarginal b = (BetaMarginal) m;
        // Method-of-moments standard errors at n = 20k are about 0.03 (alpha) and 0.07 (beta); allow ~3 sd.
        assertThat(b.alpha()).isCloseTo(2, offset(0.1));
        assertThat(b.beta()).isCloseTo(5, offset(0.25));
        // Two-sample KS 5% critical value for n = m = 20k is 1.36*sqrt(2/n); 1.5 times that allows for the fit.
        assertThat(ks(sampleFrom(m, 2), data)).isLessThan(1.36 * Math.sqrt(2.0 / N) * 1.5);
    }

    @Test
    void normalDataSelectsTruncatedNormal() {
        double[] data = draw(u -> 10 + 3 * NormalDistributionFunctions.quantile(u), 3);
        NumericMarginal m = selection.select(data, data[0], data[N - 1]);
        assertThat(m).isInstanceOf(TruncatedNormalMarginal.class);
        TruncatedNormalMarginal t = (TruncatedNormalMarginal) m;
        // Standard errors: 3/sqrt(n) ≈ 0.021 for the mean, 3/sqrt(2n) ≈ 0.015 for the sd; allow ~5 sd.
        assertThat(t.mean()).isCloseTo(10, offset(0.1));
        assertThat(t.sd()).isCloseTo(3, offset(0.075));
        assertThat(ks(sampleFrom(m, 4), data)).isLessThan(1.36 * Math.sqrt(2.0 / N) * 1.5);
    }

    @Test
    void gammaDataSelectsGamma() {
        GammaDistribution gamma = new GammaDistribution(3, 2);
        double[] data = draw(gamma::inverseCumulativeProbability, 5);
        NumericMarginal m = selection.select(data, data[0], data[N - 1]);
        assertThat(m).isInstanceOf(GammaMarginal.class);
        assertThat(((GammaMarginal) m).shape()).isCloseTo(3, offset(0.3));
    }

    @Test
    void uniformDataSelectsUniform() {
        double[] data = draw(u -> -4 + 8 * u, 6);
        NumericMarginal m = selection.select(data, data[0], data[N - 1]);
        assertThat(m).isInstanceOf(UniformMarginal.class);
    }

    @Test
    void pointMassMixtureSelectsEmpiricalAndKeepsMass() {
        // Like Adult's capital-gain: 92% zeros, the rest spread out.
        SplittableRandom r = new SplittableRandom(7);
        double[] data = new double[N];
        for (int i = 0; i < N; i++) {
            data[i] = r.nextDouble() < 0.92 ? 0 : 1000 + 20000 * r.nextDouble();
        }
        Arrays.sort(data);
        NumericMarginal m = selection.select(data, 0, data[N - 1]);
        assertThat(m).isInstanceOf(EmpiricalMarginal.class);
        double[] synth = sampleFrom(m, 8);
        long zeros = Arrays.stream(synth).filter(x -> x == 0).count();
        // The knots resolve probability to 1/1000, so at most one knot interval (0.1%) of the mass is smeared; the
        // binomial sd of the zero share is 0.0019 at n = 20k.
        assertThat((double) zeros / N).isCloseTo(0.92, offset(0.01));
        assertThat(ks(synth, data)).isLessThan(1.36 * Math.sqrt(2.0 / N) * 1.5);
    }

    @Test
    void fewDistinctIntegersSelectEmpirical() {
        SplittableRandom r = new SplittableRandom(9);
        double[] data = new double[N];
        for (int i = 0; i < N; i++) {
            data[i] = r.nextInt(6);
        }
        Arrays.sort(data);
        assertThat(selection.select(data, 0, 5)).isInstanceOf(EmpiricalMarginal.class);
    }

    @Test
    void parametricOffKeepsEmpirical() {
        double[] data = draw(u -> u, 10);
        assertThat(new MarginalSelection(1001, 0.02, false).select(data, data[0], data[N - 1]))
                .isInstanceOf(EmpiricalMarginal.class);
    }

    @Test
    void empiricalCdfAndQuantileAreConsistent() {
        EmpiricalMarginal m = EmpiricalMarginal.of(new double[] {1, 2, 2, 3, 10}, 1001);
        assertThat(m.quantiles()).containsExactly(1, 2, 2, 3, 10);
        assertThat(m.quantile(0)).isEqualTo(1);
        assertThat(m.quantile(1)).isEqualTo(10);
        assertThat(m.quantile(0.875)).isEqualTo(6.5);
        assertThat(m.cdf(6.5)).isCloseTo(0.875, offset(1e-12));
    }

    @Test
    void tabulatedQuantilesMatchExactInverse() {
        BetaDistribution exact = new BetaDistribution(2, 5);
        BetaMarginal beta = new BetaMarginal(2, 5, 0, 1);
        GammaDistribution gammaExact = new GammaDistribution(3, 2);
        GammaMarginal gamma = new GammaMarginal(3, 2, 0);
        for (double u = 0; u <= 1; u += 1.0 / 9973) {
            // Linear interpolation error on a 1/4096 grid is at most max|Q''| h^2 / 8; for these shapes, away from the
            // tails handled exactly, that is below 1e-5 relative (1e-5 absolute for the beta on [0, 1]).
            assertThat(beta.quantile(u)).isCloseTo(exact.inverseCumulativeProbability(u), offset(1e-5));
            double g = gammaExact.inverseCumulativeProbability(u);
            assertThat(gamma.quantile(u)).isCloseTo(g, offset(1e-5 * Math.max(1, g)));
        }
    }
}
