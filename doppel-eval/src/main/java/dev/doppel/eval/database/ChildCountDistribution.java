package dev.doppel.eval.database;

import dev.doppel.eval.fidelity.ColumnShapeScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How many child rows each parent row has, real vs synthetic, for one foreign key. Parents with no child count as 0,
 * so the distribution is over every parent row.
 *
 * @param realParents      real parent rows
 * @param syntheticParents synthetic parent rows
 * @param realMean         mean children per real parent row (NaN without parent rows)
 * @param syntheticMean    mean children per synthetic parent row
 * @param ks               two-sample Kolmogorov–Smirnov statistic of the two count distributions, in [0, 1]; NaN
 *                         when either side has no parent row
 * @param ksCritical       the KS statistic's 5 % critical value for these sample sizes,
 *                         1.36 × sqrt((n + m) / (n m)): a larger {@code ks} is unlikely between two samples of one
 *                         distribution (with 5 parent rows on each side it is 0.86, so small tables say little)
 * @param shape            1 − total variation distance of the two count histograms (bins as {@code labels})
 * @param labels           histogram bins: single counts {@code 0, 1, ...} up to {@value #MAX_SINGLE_BINS} − 1, or
 *                         ranges {@code a–b} when the real counts spread wider; the last bin takes everything above
 * @param real             share of real parent rows per bin
 * @param synthetic        share of synthetic parent rows per bin
 */
public record ChildCountDistribution(int realParents, int syntheticParents, double realMean, double syntheticMean,
        double ks, double ksCritical, double shape, List<String> labels, List<Double> real, List<Double> synthetic) {

    /** Up to this many distinct counts get one bin each; wider spreads are grouped into this many ranges. */
    public static final int MAX_SINGLE_BINS = 20;

    public ChildCountDistribution {
        labels = List.copyOf(labels);
        real = List.copyOf(real);
        synthetic = List.copyOf(synthetic);
    }

    /** Compares the children per parent row of the real and the synthetic database. */
    public static ChildCountDistribution of(int[] realCounts, int[] syntheticCounts) {
        double[] r = Arrays.stream(realCounts).asDoubleStream().toArray();
        double[] s = Arrays.stream(syntheticCounts).asDoubleStream().toArray();
        double ks = 1.0 - ColumnShapeScore.ksComplement(r, s);
        int max = Arrays.stream(realCounts).max().orElse(0);
        // Bin width: 1 while the real counts fit in MAX_SINGLE_BINS bins, else the real range cut in that many.
        int width = max < MAX_SINGLE_BINS ? 1 : (max + MAX_SINGLE_BINS) / MAX_SINGLE_BINS;
        int bins = max / width + 1;
        double[] hr = histogram(realCounts, width, bins);
        double[] hs = histogram(syntheticCounts, width, bins);
        double tv = 0;
        for (int b = 0; b < bins; b++) {
            tv += Math.abs(hr[b] - hs[b]);
        }
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            String range = width == 1 ? Integer.toString(b) : (b * width) + "–" + (b * width + width - 1);
            labels.add(b == bins - 1 && bins > 1 ? (b * width) + "+" : range);
        }
        boolean defined = realCounts.length > 0 && syntheticCounts.length > 0;
        return new ChildCountDistribution(realCounts.length, syntheticCounts.length, mean(realCounts),
                mean(syntheticCounts), ks, defined ? 1.36 * Math.sqrt((double) (realCounts.length
                        + syntheticCounts.length) / ((double) realCounts.length * syntheticCounts.length)) : Double.NaN,
                defined ? 1.0 - 0.5 * tv : Double.NaN, labels, boxed(hr), boxed(hs));
    }

    private static double[] histogram(int[] counts, int width, int bins) {
        double[] h = new double[bins];
        for (int c : counts) {
            h[Math.min(bins - 1, c / width)] += 1.0 / counts.length;
        }
        return h;
    }

    private static double mean(int[] counts) {
        return counts.length == 0 ? Double.NaN : Arrays.stream(counts).asLongStream().sum() / (double) counts.length;
    }

    private static List<Double> boxed(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }
}
