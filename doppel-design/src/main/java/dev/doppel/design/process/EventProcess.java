package dev.doppel.design.process;

import dev.doppel.DoppelException;
import dev.doppel.synth.StreamSeeds;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Per-entity event times from an {@link EventProfile}: a non-homogeneous Poisson process whose intensity at time t
 * is {@code eventsPerDay × m × daily(hour of t) × weekly(day of t)} (cycle weights normalised to mean 1), m being
 * the entity's rate multiplier. Intensity is constant within each hour of the week, and events are simulated
 * exactly by the time-change method: unit-rate exponential gaps are mapped through the inverse of the cumulative
 * intensity, so the cost is proportional to the number of events, not to the length of the window.
 *
 * <p>Everything an entity gets is a pure function of (seed, entity index): its multiplier from one random stream,
 * its event times from another. Entities can therefore be simulated in any order and on any number of threads, and
 * a window's events are streamed without holding them. Immutable and thread-safe.
 */
public final class EventProcess {
    private static final int HOURS_PER_WEEK = 168;
    private static final long SECONDS_PER_HOUR = 3_600;
    private static final long SECONDS_PER_WEEK = HOURS_PER_WEEK * SECONDS_PER_HOUR;
    /** 1970-01-01 was a Thursday: local epoch second 0 is hour 72 of its Monday-based week. */
    private static final long EPOCH_HOUR_OF_WEEK = 72;

    private final EventProfile profile;
    /** Intensity in each hour of the week (Monday 00:00 local first), events per second at multiplier 1. */
    private final double[] rate = new double[HOURS_PER_WEEK];
    /** cumulative[h] = expected events in hours 0 … h−1 of a week; cumulative[168] is a whole week's. */
    private final double[] cumulative = new double[HOURS_PER_WEEK + 1];

    public EventProcess(EventProfile profile) {
        this.profile = profile;
        double[] hourly = Weights.normalized(profile.daily().hourWeights());
        double[] daily = Weights.normalized(profile.weekly().dayWeights());
        for (int h = 0; h < HOURS_PER_WEEK; h++) {
            rate[h] = profile.eventsPerDay() / 86_400.0 * daily[h / 24] * hourly[h % 24];
            cumulative[h + 1] = cumulative[h] + rate[h] * SECONDS_PER_HOUR;
        }
    }

    public EventProfile profile() {
        return profile;
    }

    /** The rate multiplier of entity {@code entity}; the same whatever window its events are asked for. */
    public double multiplier(long seed, long entity) {
        SplittableRandom random = new SplittableRandom(StreamSeeds.mix(StreamSeeds.mix(seed, entity), 0));
        return profile.multiplier().quantile(random.nextDouble());
    }

    /** The expected number of events in [from, to) of an entity with multiplier 1. */
    public double expectedEvents(Instant from, Instant to) {
        checkWindow(from, to);
        return intensityBefore(to) - intensityBefore(from);
    }

    /**
     * The event times of entity {@code entity} in [from, to), in increasing order, computed as they are iterated.
     *
     * @throws DoppelException if {@code to} is before {@code from}
     */
    public Iterator<Instant> events(long seed, long entity, Instant from, Instant to) {
        checkWindow(from, to);
        double m = multiplier(seed, entity);
        SplittableRandom random = new SplittableRandom(StreamSeeds.mix(StreamSeeds.mix(seed, entity), 1));
        return new Events(random, m, from, to);
    }

    private static void checkWindow(Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new DoppelException("event process: expected a window's end at or after its start " + from
                    + ", found " + to);
        }
    }

    /** Local seconds of the Monday 00:00 that starts the week containing {@code t}. */
    private long weekStart(Instant t) {
        long local = t.getEpochSecond() + profile.offset().getTotalSeconds();
        long hourOfWeek = Math.floorMod(Math.floorDiv(local, SECONDS_PER_HOUR) + EPOCH_HOUR_OF_WEEK, HOURS_PER_WEEK);
        return Math.floorDiv(local, SECONDS_PER_HOUR) * SECONDS_PER_HOUR - hourOfWeek * SECONDS_PER_HOUR;
    }

    /** Cumulative intensity (multiplier 1) from the start of the week containing the epoch up to {@code t}. */
    private double intensityBefore(Instant t) {
        long start = weekStart(t);
        double into = t.getEpochSecond() + profile.offset().getTotalSeconds() - start + t.getNano() / 1e9;
        return Math.floorDiv(start - weekStart(Instant.EPOCH), SECONDS_PER_WEEK) * cumulative[HOURS_PER_WEEK]
                + withinWeek(into);
    }

    /** Cumulative intensity from the start of a week to {@code seconds} (0 ≤ seconds ≤ a week) into it. */
    private double withinWeek(double seconds) {
        int h = (int) Math.min(HOURS_PER_WEEK - 1, Math.floor(seconds / SECONDS_PER_HOUR));
        return cumulative[h] + rate[h] * (seconds - h * SECONDS_PER_HOUR);
    }

    /** Seconds into a week at which the cumulative intensity reaches {@code target} (0 ≤ target ≤ a week's). */
    private double inverseWithinWeek(double target) {
        // The first hour whose end the target does not pass; hours of zero intensity are skipped over, since their
        // cumulative value equals their end's.
        int lo = 0;
        int hi = HOURS_PER_WEEK - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid + 1] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (rate[lo] == 0) {
            // Only reachable through rounding at the very end of the week.
            return (lo + 1) * (double) SECONDS_PER_HOUR;
        }
        double into = (target - cumulative[lo]) / rate[lo];
        return lo * SECONDS_PER_HOUR + Math.min(Math.max(into, 0), SECONDS_PER_HOUR);
    }

    /** Streams one entity's events, keeping time as (whole weeks since the window's first week, seconds into it). */
    private final class Events implements Iterator<Instant> {
        private final SplittableRandom random;
        private final double multiplier;
        private final Instant from;
        private final Instant to;
        /** Epoch second (UTC) of the Monday 00:00 local that starts the window's first week. */
        private final long firstWeekUtc;
        private final double weekTotal = cumulative[HOURS_PER_WEEK];
        private long week;
        /** Cumulative intensity within {@link #week} at the last event (or the window's start). */
        private double position;
        private Instant next;

        Events(SplittableRandom random, double multiplier, Instant from, Instant to) {
            this.random = random;
            this.multiplier = multiplier;
            this.from = from;
            this.to = to;
            long start = weekStart(from);
            this.firstWeekUtc = start - profile.offset().getTotalSeconds();
            double into = from.getEpochSecond() - firstWeekUtc + from.getNano() / 1e9;
            this.position = withinWeek(into);
            this.next = advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Instant next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Instant current = next;
            next = advance();
            return current;
        }

        private Instant advance() {
            if (!(multiplier > 0) || weekTotal == 0) {
                return null;
            }
            // Exp(1) gap of the unit-rate process, stretched by 1/m in the cumulative intensity of multiplier 1.
            double gap = -Math.log(1 - random.nextDouble()) / multiplier;
            position += gap;
            if (position >= weekTotal) {
                long weeks = (long) Math.floor(position / weekTotal);
                week += weeks;
                position -= weeks * weekTotal;
                // Rounding of the subtraction may leave the position a hair outside the week.
                if (position >= weekTotal) {
                    week++;
                    position -= weekTotal;
                }
                position = Math.max(position, 0);
            }
            // Whole weeks are added as seconds first, so that no precision is lost however far the window reaches.
            double seconds = inverseWithinWeek(position);
            long whole = (long) Math.floor(seconds);
            long nanos = Math.min(999_999_999L, Math.round((seconds - whole) * 1e9));
            long epochSecond;
            try {
                epochSecond = Math.addExact(firstWeekUtc, Math.addExact(Math.multiplyExact(week, SECONDS_PER_WEEK),
                        whole));
            } catch (ArithmeticException beyondTime) {
                return null;
            }
            Instant t = Instant.ofEpochSecond(epochSecond, nanos);
            if (t.isBefore(from)) {
                // Rounding can place the first event a nanosecond before the window.
                t = from;
            }
            return t.isBefore(to) ? t : null;
        }
    }
}
