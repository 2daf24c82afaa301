package dev.doppel.design.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.DoppelException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.ExponentialDistribution;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.hipparchus.distribution.continuous.LogNormalDistribution;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class EventProcessTest {
    private static final ZoneOffset OFFSET = ZoneOffset.ofHours(2);
    /** Card payments: nearly nothing at night, a lunch and an evening peak. */
    private static final DailyCycle DAILY = new DailyCycle(List.of(
            0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.4, 0.8, 1.2, 1.4, 1.5, 1.8,
            2.4, 2.0, 1.4, 1.3, 1.5, 1.9, 2.3, 2.1, 1.6, 1.1, 0.6, 0.35));
    /** Busier Fridays and Saturdays, quiet Sundays. */
    private static final WeeklyCycle WEEKLY = new WeeklyCycle(List.of(0.9, 0.9, 1.0, 1.0, 1.4, 1.6, 0.5));
    /** Monday 2024-01-01 00:00 at +02:00: windows starting here cover whole weeks of the cycles. */
    private static final Instant MONDAY = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, OFFSET).toInstant();
    private static final long SEED = 20_241_125L;

    private static EventProcess process(double perDay, RateMultiplier multiplier) {
        return new EventProcess(new EventProfile(perDay, DAILY, WEEKLY, multiplier, OFFSET));
    }

    private static List<Instant> events(EventProcess p, long seed, long entity, Instant from, Instant to) {
        List<Instant> out = new ArrayList<>();
        p.events(seed, entity, from, to).forEachRemaining(out::add);
        return out;
    }

    /** Upper critical value of chi-square with {@code df} degrees of freedom at significance 0.001. */
    private static double chiSquareCritical(int df) {
        return new ChiSquaredDistribution(df).inverseCumulativeProbability(0.999);
    }

    private static double chiSquare(long[] observed, double[] shares) {
        long n = 0;
        for (long o : observed) {
            n += o;
        }
        double stat = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = n * shares[i];
            stat += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        return stat;
    }

    @Test
    void countsPerEntityArePoissonWithTheDeclaredMean() {
        EventProcess p = process(0.75, new RateMultiplier.None());
        Instant to = MONDAY.plusSeconds(28 * 86_400L);
        double lambda = 0.75 * 28;
        assertThat(p.expectedEvents(MONDAY, to)).isCloseTo(lambda, org.assertj.core.data.Offset.offset(1e-9));
        int n = 3_000;
        long[] counts = new long[n];
        for (int e = 0; e < n; e++) {
            counts[e] = events(p, SEED, e, MONDAY, to).size();
        }
        double mean = IntStream.range(0, n).mapToDouble(i -> counts[i]).average().orElseThrow();
        // Mean of n Poisson(λ) counts: standard error sqrt(λ / n) = 0.084; allow 4 of them.
        assertThat(mean).isCloseTo(lambda, org.assertj.core.data.Offset.offset(4 * Math.sqrt(lambda / n)));
        // Dispersion test: Σ (x − x̄)² / x̄ is approximately chi-square with n − 1 degrees of freedom for Poisson
        // counts; accept the central 99.9 %.
        double dispersion = 0;
        for (long c : counts) {
            dispersion += (c - mean) * (c - mean) / mean;
        }
        ChiSquaredDistribution chi = new ChiSquaredDistribution(n - 1);
        assertThat(dispersion).isBetween(chi.inverseCumulativeProbability(0.0005),
                chi.inverseCumulativeProbability(0.9995));
    }

    @Test
    void expectedEventsOfAnUnalignedWindowMatchesTheCyclesMinuteByMinute() {
        EventProcess p = process(3.0, new RateMultiplier.None());
        Instant from = OffsetDateTime.of(2024, 3, 6, 13, 17, 0, 0, OFFSET).toInstant();   // a Wednesday
        Instant to = OffsetDateTime.of(2024, 3, 12, 2, 45, 0, 0, OFFSET).toInstant();     // the next Tuesday
        // Independent reckoning: the declared intensity summed minute by minute over the local calendar.
        double expected = 0;
        double hourMean = DAILY.hourWeights().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double dayMean = WEEKLY.dayWeights().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        for (LocalDateTime t = LocalDateTime.ofInstant(from, OFFSET); t.isBefore(LocalDateTime.ofInstant(to, OFFSET));
                t = t.plusMinutes(1)) {
            expected += 3.0 / 1_440 * DAILY.hourWeights().get(t.getHour()) / hourMean
                    * WEEKLY.dayWeights().get(t.getDayOfWeek().getValue() - 1) / dayMean;
        }
        assertThat(p.expectedEvents(from, to)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        int n = 2_000;
        long total = 0;
        for (int e = 0; e < n; e++) {
            List<Instant> ev = events(p, SEED, e, from, to);
            assertThat(ev).allSatisfy(t -> assertThat(t).isBetween(from, to).isNotEqualTo(to));
            total += ev.size();
        }
        // The total of n Poisson counts is Poisson(n λ): allow 4 standard deviations.
        assertThat((double) total).isCloseTo(n * expected, org.assertj.core.data.Offset.offset(4 * Math.sqrt(n * expected)));
    }

    /** Events of many entities over whole weeks, counted by local hour of day and by day of week. */
    private record Histograms(long[] byHour, long[] byDay) {
    }

    private static Histograms histograms(EventProcess p, int entities, int weeks) {
        long[] byHour = new long[24];
        long[] byDay = new long[7];
        Instant to = MONDAY.plusSeconds(weeks * 7 * 86_400L);
        for (int e = 0; e < entities; e++) {
            for (Iterator<Instant> it = p.events(SEED, e, MONDAY, to); it.hasNext(); ) {
                LocalDateTime local = LocalDateTime.ofInstant(it.next(), OFFSET);
                byHour[local.getHour()]++;
                byDay[local.getDayOfWeek().getValue() - 1]++;
            }
        }
        return new Histograms(byHour, byDay);
    }

    @Test
    void hourOfDayHistogramFollowsTheDailyCycle() {
        Histograms h = histograms(process(4.0, new RateMultiplier.Gamma(3)), 1_500, 2);
        double[] declared = IntStream.range(0, 24).mapToDouble(DAILY::share).toArray();
        double[] flat = new double[24];
        java.util.Arrays.fill(flat, 1.0 / 24);
        // About 84,000 events; chi-square with 23 degrees of freedom at significance 0.001.
        assertThat(chiSquare(h.byHour(), declared)).isLessThan(chiSquareCritical(23));
        // The same statistic rejects a flat profile by far, so the test can fail.
        assertThat(chiSquare(h.byHour(), flat)).isGreaterThan(100 * chiSquareCritical(23));
    }

    @Test
    void dayOfWeekHistogramFollowsTheWeeklyCycle() {
        Histograms h = histograms(process(4.0, new RateMultiplier.None()), 1_500, 2);
        double[] declared = new double[7];
        for (DayOfWeek d : DayOfWeek.values()) {
            declared[d.getValue() - 1] = WEEKLY.share(d);
        }
        double[] flat = new double[7];
        java.util.Arrays.fill(flat, 1.0 / 7);
        assertThat(chiSquare(h.byDay(), declared)).isLessThan(chiSquareCritical(6));
        assertThat(chiSquare(h.byDay(), flat)).isGreaterThan(100 * chiSquareCritical(6));
    }

    @Test
    void hoursOfZeroWeightHaveNoEvents() {
        List<Double> office = new ArrayList<>(Collections.nCopies(24, 0.0));
        for (int hour = 9; hour < 17; hour++) {
            office.set(hour, 1.0);
        }
        WeeklyCycle weekdays = new WeeklyCycle(List.of(1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0));
        EventProcess p = new EventProcess(new EventProfile(10, new DailyCycle(office), weekdays,
                new RateMultiplier.None(), ZoneOffset.UTC));
        Instant from = Instant.parse("2024-01-03T11:30:00Z");
        int seen = 0;
        for (int e = 0; e < 200; e++) {
            for (Instant t : events(p, SEED, e, from, from.plusSeconds(30 * 86_400L))) {
                LocalDateTime local = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
                assertThat(local.getHour()).isBetween(9, 16);
                assertThat(local.getDayOfWeek().getValue()).isLessThanOrEqualTo(5);
                seen++;
            }
        }
        // 30 days hold 21 weekdays (the window starts on a Wednesday at 11:30); the rate is 10 a day on average over
        // the week, 14 per weekday; this only checks that events were drawn at all.
        assertThat(seen).isGreaterThan(200 * 200);
    }

    @Test
    void gapsOfAConstantRateAreExponential() {
        EventProcess p = new EventProcess(EventProfile.constant(24));
        List<Double> gaps = new ArrayList<>();
        for (int e = 0; e < 300; e++) {
            List<Instant> ev = events(p, SEED, e, MONDAY, MONDAY.plusSeconds(86_400L));
            for (int i = 1; i < ev.size(); i++) {
                gaps.add((ev.get(i).toEpochMilli() - ev.get(i - 1).toEpochMilli()) / 3_600_000.0);
            }
        }
        double[] data = gaps.stream().mapToDouble(Double::doubleValue).toArray();
        // Rate 1 per hour; KS p-value above 0.001 with about 6,900 gaps (millisecond rounding is negligible).
        double pValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(1.0), data);
        assertThat(pValue).isGreaterThan(0.001);
    }

    @Test
    void gammaMultipliersFollowTheirDistributionAndOverDisperseCounts() {
        double shape = 2;
        EventProcess p = process(0.5, new RateMultiplier.Gamma(shape));
        int n = 4_000;
        double[] m = new double[n];
        for (int e = 0; e < n; e++) {
            m[e] = p.multiplier(SEED, e);
        }
        double pValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new GammaDistribution(shape, 1 / shape), m);
        assertThat(pValue).isGreaterThan(0.001);

        Instant to = MONDAY.plusSeconds(28 * 86_400L);
        double mu = 0.5 * 28;
        double[] counts = new double[n];
        for (int e = 0; e < n; e++) {
            counts[e] = events(p, SEED, e, MONDAY, to).size();
        }
        double mean = java.util.Arrays.stream(counts).average().orElseThrow();
        double variance = java.util.Arrays.stream(counts).map(c -> (c - mean) * (c - mean)).sum() / (n - 1);
        // Gamma-mixed Poisson counts are negative binomial: mean μ, variance μ + μ² / shape = 14 + 98 = 112.
        // Standard error of the mean sqrt(112 / 4000) = 0.17, allow 4 of them; the sample variance of a negative
        // binomial with these parameters has a relative standard error near sqrt((kurtosis − 1) / n) ≈ 0.04, allow
        // 20 %.
        assertThat(mean).isCloseTo(mu, org.assertj.core.data.Offset.offset(4 * Math.sqrt((mu + mu * mu / shape) / n)));
        assertThat(variance / (mu + mu * mu / shape)).isBetween(0.8, 1.2);
    }

    @Test
    void logNormalMultipliersHaveMeanOne() {
        double sigma = 0.8;
        EventProcess p = process(1, new RateMultiplier.LogNormal(sigma));
        double[] m = IntStream.range(0, 4_000).mapToDouble(e -> p.multiplier(SEED, e)).toArray();
        double pValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(
                new LogNormalDistribution(-sigma * sigma / 2, sigma), m);
        assertThat(pValue).isGreaterThan(0.001);
    }

    @Test
    void streamsArePureFunctionsOfSeedAndEntity() {
        EventProcess p = process(2, new RateMultiplier.Gamma(1.5));
        Instant to = MONDAY.plusSeconds(60 * 86_400L);
        List<List<Instant>> sequential = IntStream.range(0, 300).mapToObj(e -> events(p, SEED, e, MONDAY, to)).toList();
        List<List<Instant>> parallel = IntStream.range(0, 300).parallel()
                .mapToObj(e -> events(p, SEED, e, MONDAY, to)).toList();
        assertThat(parallel).isEqualTo(sequential);
        // Entities in reverse order, with a fresh but equal process: the same streams.
        EventProcess again = process(2, new RateMultiplier.Gamma(1.5));
        for (int e = 299; e >= 0; e--) {
            assertThat(events(again, SEED, e, MONDAY, to)).isEqualTo(sequential.get(e));
        }
        assertThat(events(p, SEED + 1, 7, MONDAY, to)).isNotEqualTo(sequential.get(7));
        assertThat(sequential.get(7)).isNotEqualTo(sequential.get(8));
        for (List<Instant> ev : sequential) {
            for (int i = 1; i < ev.size(); i++) {
                assertThat(ev.get(i)).isAfterOrEqualTo(ev.get(i - 1));
            }
        }
    }

    @Test
    void aShorterWindowIsAPrefixOfALongerOneWithTheSameStart() {
        EventProcess p = process(5, new RateMultiplier.LogNormal(0.5));
        Instant mid = MONDAY.plusSeconds(10 * 86_400L + 12_345);
        for (int e = 0; e < 50; e++) {
            List<Instant> longer = events(p, SEED, e, MONDAY, MONDAY.plusSeconds(30 * 86_400L));
            List<Instant> shorter = events(p, SEED, e, MONDAY, mid);
            assertThat(shorter).isEqualTo(longer.stream().filter(t -> t.isBefore(mid)).toList());
            assertThat(p.multiplier(SEED, e)).isEqualTo(p.multiplier(SEED, e));
        }
    }

    @Test
    void windowsFarFromTheEpochKeepTheirPrecisionAndCycles() {
        EventProcess p = process(24, new RateMultiplier.None());
        Instant from = OffsetDateTime.of(2250, 6, 2, 0, 0, 0, 0, OFFSET).toInstant();   // a Monday
        long[] byHour = new long[24];
        for (int e = 0; e < 200; e++) {
            for (Instant t : events(p, SEED, e, from, from.plusSeconds(7 * 86_400L))) {
                byHour[LocalDateTime.ofInstant(t, OFFSET).getHour()]++;
            }
        }
        double[] declared = IntStream.range(0, 24).mapToDouble(DAILY::share).toArray();
        assertThat(chiSquare(byHour, declared)).isLessThan(chiSquareCritical(23));
    }

    @Test
    void emptyWindowsAndZeroRatesGiveNoEvents() {
        EventProcess p = process(5, new RateMultiplier.None());
        assertThat(p.events(SEED, 1, MONDAY, MONDAY).hasNext()).isFalse();
        EventProcess silent = new EventProcess(EventProfile.constant(0));
        Iterator<Instant> none = silent.events(SEED, 1, MONDAY, MONDAY.plusSeconds(365 * 86_400L));
        assertThat(none.hasNext()).isFalse();
        assertThatThrownBy(none::next).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void refusesBadProfilesWithClearMessages() {
        assertThatThrownBy(() -> new DailyCycle(Collections.nCopies(23, 1.0))).isInstanceOf(DoppelException.class)
                .hasMessage("hour-of-day profile: expected 24 weights, found 23");
        List<Double> negative = new ArrayList<>(Collections.nCopies(7, 1.0));
        negative.set(3, -0.5);
        assertThatThrownBy(() -> new WeeklyCycle(negative)).isInstanceOf(DoppelException.class)
                .hasMessage("day-of-week profile: expected a finite weight ≥ 0 at position 4, found -0.5");
        assertThatThrownBy(() -> new WeeklyCycle(Collections.nCopies(7, 0.0)))
                .hasMessage("day-of-week profile: expected at least one weight above 0, found all 0");
        assertThatThrownBy(() -> EventProfile.constant(-1))
                .hasMessage("event process: expected a rate of events per day ≥ 0, found -1.0");
        assertThatThrownBy(() -> EventProfile.constant(Double.NaN)).isInstanceOf(DoppelException.class);
        assertThatThrownBy(() -> new RateMultiplier.Gamma(0))
                .hasMessage("gamma rate multiplier: expected a shape > 0, found 0.0");
        assertThatThrownBy(() -> new RateMultiplier.LogNormal(-1)).isInstanceOf(DoppelException.class);
        EventProcess p = process(1, new RateMultiplier.None());
        assertThatThrownBy(() -> p.events(1, 1, MONDAY, MONDAY.minusSeconds(1))).isInstanceOf(DoppelException.class)
                .hasMessageContaining("expected a window's end at or after its start");
    }
}
