package dev.doppel.design.process;

import java.util.Collections;
import java.util.List;

/**
 * Relative event intensity for each hour of the day, in the process's local time: hour 0 is 00:00–01:00. Only
 * ratios matter (weights are divided by their mean); within an hour the intensity is constant.
 *
 * @param hourWeights 24 finite weights ≥ 0, not all 0
 */
public record DailyCycle(List<Double> hourWeights) {
    public DailyCycle {
        hourWeights = Weights.checked(hourWeights, 24, "hour-of-day profile");
    }

    /** The same intensity at every hour. */
    public static DailyCycle flat() {
        return new DailyCycle(Collections.nCopies(24, 1.0));
    }

    /** The share of a day's events expected in hour {@code hour} (0–23). */
    public double share(int hour) {
        return Weights.normalized(hourWeights)[hour] / 24;
    }
}
