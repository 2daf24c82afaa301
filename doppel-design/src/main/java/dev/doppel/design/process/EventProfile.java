package dev.doppel.design.process;

import dev.doppel.DoppelException;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What an {@link EventProcess} simulates: events at a mean rate, shaped by daily and weekly cycles, with each
 * entity's rate scaled by its own multiplier.
 *
 * @param eventsPerDay the mean number of events per entity per day, averaged over a week (≥ 0)
 * @param daily        the hour-of-day cycle
 * @param weekly       the day-of-week cycle
 * @param multiplier   the distribution of entities' rate multipliers (mean 1)
 * @param offset       the UTC offset of the cycles' clock; a fixed offset, so daylight saving time is not modelled
 */
public record EventProfile(double eventsPerDay, DailyCycle daily, WeeklyCycle weekly, RateMultiplier multiplier,
                           ZoneOffset offset) {
    public EventProfile {
        if (!(eventsPerDay >= 0) || Double.isInfinite(eventsPerDay)) {
            throw new DoppelException("event process: expected a rate of events per day ≥ 0, found " + eventsPerDay);
        }
        Objects.requireNonNull(daily, "daily");
        Objects.requireNonNull(weekly, "weekly");
        Objects.requireNonNull(multiplier, "multiplier");
        Objects.requireNonNull(offset, "offset");
    }

    /** A homogeneous Poisson process: the same rate at every hour, the same for every entity, in UTC. */
    public static EventProfile constant(double eventsPerDay) {
        return new EventProfile(eventsPerDay, DailyCycle.flat(), WeeklyCycle.flat(), new RateMultiplier.None(),
                ZoneOffset.UTC);
    }
}
