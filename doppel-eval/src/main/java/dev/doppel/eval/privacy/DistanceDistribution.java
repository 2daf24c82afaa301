package dev.doppel.eval.privacy;

import java.util.Arrays;
import java.util.List;

/**
 * Summary of a set of distances to closest records.
 *
 * @param count      number of distances
 * @param mean       mean distance
 * @param median     median (linear interpolation between order statistics, as numpy)
 * @param p5         5th percentile
 * @param histogram  share of distances per bin of the enclosing report's histogram edges
 */
public record DistanceDistribution(int count, double mean, double median, double p5, List<Double> histogram) {

    public DistanceDistribution {
        histogram = List.copyOf(histogram);
    }

    /** Summarises {@code distances} with a histogram over {@code edges} (last bin closed; values above it counted in it). */
    public static DistanceDistribution of(double[] distances, double[] edges) {
        double[] sorted = distances.clone();
        Arrays.sort(sorted);
        double[] h = new double[edges.length - 1];
        double width = (edges[edges.length - 1] - edges[0]) / h.length;
        for (double d : distances) {
            int k = width > 0 ? (int) Math.floor((d - edges[0]) / width) : 0;
            h[Math.max(0, Math.min(h.length - 1, k))] += 1.0 / distances.length;
        }
        return new DistanceDistribution(distances.length, Arrays.stream(distances).average().orElse(Double.NaN),
                percentile(sorted, 50), percentile(sorted, 5), Arrays.stream(h).boxed().toList());
    }

    /** The {@code p}-th percentile of sorted values, linearly interpolated (numpy's default). */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
