package dev.doppel.design.process;

import java.time.DayOfWeek;
import java.util.Collections;
import java.util.List;

/**
 * Relative event intensity for each day of the week, Monday first, in the process's local time. Only ratios matter
 * (weights are divided by their mean).
 *
 * @param dayWeights 7 finite weights ≥ 0 (Monday … Sunday), not all 0
 */
public record WeeklyCycle(List<Double> dayWeights) {
    public WeeklyCycle {
        dayWeights = Weights.checked(dayWeights, 7, "day-of-week profile");
    }

    /** The same intensity on every day. */
    public static WeeklyCycle flat() {
        return new WeeklyCycle(Collections.nCopies(7, 1.0));
    }

    /** The share of a week's events expected on {@code day}, if the daily cycle is the same every day. */
    public double share(DayOfWeek day) {
        return Weights.normalized(dayWeights)[day.getValue() - 1] / 7;
    }
}
