package dev.doppel.design.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.hipparchus.distribution.RealDistribution;
import org.hipparchus.distribution.continuous.ExponentialDistribution;
import org.hipparchus.distribution.continuous.LogNormalDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.UniformRealDistribution;
import org.hipparchus.distribution.discrete.PoissonDistribution;
import org.hipparchus.distribution.discrete.ZipfDistribution;
import org.hipparchus.stat.inference.ChiSquareTest;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * Each declared distribution against the library's own: continuous ones by the KS statistic, discrete ones by
 * chi-square. n = 20,000 rows (3 blocks) and seed 11 throughout. KS: the critical value at α = 0.001 is
 * 1.95/√n ≈ 0.0138. Chi-square: p-value above 0.001. Values are written with 9 decimals, far below these tolerances.
 */
class DistributionsTest {
    private static final int N = 20_000;
    private static final double KS_CRITICAL = 1.95 / Math.sqrt(N);
    private static final long SEED = 11;

    private static double[] sample(String distribution) {
        return Specs.numbers(Specs.generate(Specs.parse(Specs.oneColumn(N, distribution, "")), SEED).get("t"), 0);
    }

    private static void assertKs(RealDistribution expected, double[] data) {
        double d = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(expected, data);
        assertTrue(d < KS_CRITICAL, "KS statistic " + d + " >= " + KS_CRITICAL);
    }

    @Test
    void uniformMatchesDeclaredRange() {
        assertKs(new UniformRealDistribution(-3, 7), sample("{type: uniform, min: -3, max: 7}"));
    }

    @Test
    void normalMatchesMeanAndSd() {
        assertKs(new NormalDistribution(100, 15), sample("{type: normal, mean: 100, sd: 15}"));
    }

    @Test
    void logNormalMatchesMuAndSigma() {
        assertKs(new LogNormalDistribution(3, 0.8), sample("{type: log-normal, mu: 3, sigma: 0.8}"));
    }

    @Test
    void exponentialMatchesMean() {
        assertKs(new ExponentialDistribution(4), sample("{type: exponential, mean: 4}"));
    }

    @Test
    void poissonMatchesByChiSquare() {
        double[] data = sample("{type: poisson, mean: 3.5}");
        PoissonDistribution p = new PoissonDistribution(3.5);
        // Cells 0..9 and a tail cell "10 or more", each with an expected count far above 5.
        long[] observed = new long[11];
        double[] expected = new double[11];
        for (double v : data) {
            assertEquals(Math.rint(v), v);
            observed[(int) Math.min(v, 10)]++;
        }
        for (int k = 0; k < 10; k++) {
            expected[k] = p.probability(k) * N;
        }
        expected[10] = (1 - p.cumulativeProbability(9)) * N;
        assertTrue(new ChiSquareTest().chiSquareTest(expected, observed) > 0.001);
    }

    @Test
    void zipfMatchesByChiSquare() {
        double[] data = sample("{type: zipf, n: 50, exponent: 1.2}");
        ZipfDistribution z = new ZipfDistribution(50, 1.2);
        // Ranks 1..19 alone, 20..50 pooled, so every cell expects well over 5 rows.
        long[] observed = new long[20];
        double[] expected = new double[20];
        for (double v : data) {
            assertTrue(v >= 1 && v <= 50);
            observed[(int) Math.min(v, 20) - 1]++;
        }
        for (int k = 1; k < 20; k++) {
            expected[k - 1] = z.probability(k) * N;
        }
        expected[19] = (1 - z.cumulativeProbability(19)) * N;
        assertTrue(new ChiSquareTest().chiSquareTest(expected, observed) > 0.001);
    }

    @Test
    void categoricalMatchesWeightsByChiSquare() {
        List<String[]> rows = Specs.generate(Specs.parse(Specs.oneColumn(N,
                "{type: categorical, values: {a: 5, b: 3, c: 1.5, d: 0.5}}", "")), SEED).get("t");
        String[] values = {"a", "b", "c", "d"};
        double[] weights = {0.5, 0.3, 0.15, 0.05};
        long[] observed = new long[4];
        for (String[] r : rows) {
            observed[List.of(values).indexOf(r[0])]++;
        }
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = weights[i] * N;
        }
        assertTrue(new ChiSquareTest().chiSquareTest(expected, observed) > 0.001);
    }

    @Test
    void bernoulliRateWithinBinomialBounds() {
        List<String[]> rows = Specs.generate(Specs.parse(Specs.oneColumn(N, "{type: bernoulli, p: 0.3}", "")), SEED)
                .get("t");
        long trues = rows.stream().filter(r -> r[0].equals("true")).count();
        // 4 standard deviations of a binomial(n, 0.3) count.
        assertEquals(0.3 * N, trues, 4 * Math.sqrt(N * 0.3 * 0.7));
    }

    @Test
    void dateFollowsWeekdayWeightsAndStaysInRange() {
        List<String[]> rows = Specs.generate(Specs.parse(Specs.oneColumn(N,
                "{type: date, from: 2024-01-01, to: 2024-12-29, weekdays: [1, 1, 1, 1, 2, 0, 0]}", "")), SEED)
                .get("t");
        // The range holds exactly 52 of each weekday, so weekday shares are the weights' shares: 1/6 and 2/6.
        long[] observed = new long[5];
        for (String[] r : rows) {
            LocalDate d = LocalDate.parse(r[0]);
            assertTrue(!d.isBefore(LocalDate.of(2024, 1, 1)) && !d.isAfter(LocalDate.of(2024, 12, 29)));
            DayOfWeek w = d.getDayOfWeek();
            assertTrue(w.getValue() <= 5, "weekend day " + d + " has weight 0");
            observed[w.getValue() - 1]++;
        }
        double[] expected = {N / 6.0, N / 6.0, N / 6.0, N / 6.0, N / 3.0};
        assertTrue(new ChiSquareTest().chiSquareTest(expected, observed) > 0.001);
    }

    @Test
    void dateTimeKeepsBusinessHoursShareAndMonthSeasonality() {
        List<String[]> rows = Specs.generate(Specs.parse(Specs.oneColumn(N, """
                {type: datetime, from: 2023-01-01, to: 2023-12-31,
                 months: [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], businessHours: {from: 9, to: 17, share: 0.8}}""",
                "")), SEED).get("t");
        long business = 0;
        long january = 0;
        for (String[] r : rows) {
            LocalDateTime t = LocalDateTime.parse(r[0].replace(' ', 'T'));
            assertEquals(2023, t.getYear());
            business += t.getHour() >= 9 && t.getHour() < 17 ? 1 : 0;
            january += t.getMonthValue() == 1 ? 1 : 0;
        }
        assertEquals(0.8 * N, business, 4 * Math.sqrt(N * 0.8 * 0.2));
        // January: 31 days of weight 2 against 334 of weight 1.
        double p = 62.0 / (62 + 334);
        assertEquals(p * N, january, 4 * Math.sqrt(N * p * (1 - p)));
    }

    @Test
    void conditionalDistributionUsesTheCaseOfTheGivenValue() {
        List<String[]> rows = Specs.generate(Specs.parse("""
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: t
                    rows: 20000
                    columns:
                      - name: g
                        distribution: {type: categorical, values: {low: 1, high: 1}}
                      - name: x
                        distribution: {type: normal, mean: 0, sd: 1}
                        given: {column: g, cases: {high: {type: normal, mean: 50, sd: 5}}}
                        decimals: 9
                """), SEED).get("t");
        double[] low = rows.stream().filter(r -> r[0].equals("low")).mapToDouble(r -> Double.parseDouble(r[1]))
                .toArray();
        double[] high = rows.stream().filter(r -> r[0].equals("high")).mapToDouble(r -> Double.parseDouble(r[1]))
                .toArray();
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        assertTrue(ks.kolmogorovSmirnovStatistic(new NormalDistribution(0, 1), low) < 1.95 / Math.sqrt(low.length));
        assertTrue(ks.kolmogorovSmirnovStatistic(new NormalDistribution(50, 5), high)
                < 1.95 / Math.sqrt(high.length));
    }

    @Test
    void copulaGivesDeclaredCorrelationWithUnchangedMarginals() {
        List<String[]> rows = Specs.generate(Specs.parse("""
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: t
                    rows: 20000
                    columns:
                      - {name: a, distribution: {type: normal, mean: 10, sd: 2}, decimals: 9}
                      - {name: b, distribution: {type: normal, mean: -5, sd: 3}, decimals: 9}
                    correlations:
                      - columns: [a, b]
                        matrix: [[1, 0.7], [0.7, 1]]
                """), SEED).get("t");
        double[] a = Specs.numbers(rows, 0);
        double[] b = Specs.numbers(rows, 1);
        assertKs(new NormalDistribution(10, 2), a);
        assertKs(new NormalDistribution(-5, 3), b);
        // With normal marginals the Pearson correlation is the copula's; its standard error is (1 - r²)/√n ≈ 0.0036.
        double r = new org.hipparchus.stat.correlation.PearsonsCorrelation().correlation(a, b);
        assertEquals(0.7, r, 4 * (1 - 0.49) / Math.sqrt(N));
    }

    @Test
    void nullRateWithinBinomialBounds() {
        List<String[]> rows = Specs.generate(Specs.parse(Specs.oneColumn(N, "{type: uniform, min: 0, max: 1}",
                "        nullRate: 0.1\n")), SEED).get("t");
        long nulls = rows.stream().filter(r -> r[0] == null).count();
        assertEquals(0.1 * N, nulls, 4 * Math.sqrt(N * 0.1 * 0.9));
    }
}
