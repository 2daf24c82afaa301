package dev.doppel.eval.fidelity;

import java.util.Arrays;

/**
 * Equal-width bins over the non-null values of a reference column, with the outer edges opened to infinity and nulls
 * in a bin of their own: the discretization SDMetrics' {@code ContingencySimilarity} applies to continuous columns
 * ({@code np.histogram_bin_edges(real.dropna(), bins)}, first and last edge set to -inf/+inf, {@code np.digitize}).
 *
 * @param interiorEdges the {@code bins - 1} inner edges, ascending
 */
public record EqualWidthBins(double[] interiorEdges) {

    /** The 10 bins SDMetrics uses. */
    public static final int SDMETRICS_BINS = 10;

    /** Bins spanning the non-null values of {@code reference}; a constant column gets numpy's {@code ±0.5} range. */
    public static EqualWidthBins of(double[] reference, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : reference) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            // numpy.histogram_bin_edges widens a zero-width range by 0.5 on each side
            lo -= 0.5;
            hi += 0.5;
        }
        double[] edges = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            edges[k - 1] = lo + (hi - lo) * k / bins;
        }
        return new EqualWidthBins(edges);
    }

    /** Number of value bins (the null bin excluded). */
    public int bins() {
        return interiorEdges.length + 1;
    }

    /** Bin of {@code v}: 0..bins-1, where bin k holds {@code edge[k-1] <= v < edge[k]}; null (NaN) gets {@code bins}. */
    public int bin(double v) {
        if (Double.isNaN(v)) {
            return interiorEdges.length + 1;
        }
        int pos = Arrays.binarySearch(interiorEdges, v);
        // an exact hit on an edge belongs to the bin above it, as in np.digitize(right=False)
        return pos >= 0 ? upperIndexOfEqual(pos, v) : -pos - 1;
    }

    private int upperIndexOfEqual(int pos, double v) {
        int p = pos;
        while (p + 1 < interiorEdges.length && interiorEdges[p + 1] == v) {
            p++;
        }
        return p + 1;
    }

    /** The bin of every value. */
    public int[] codes(double[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = bin(values[i]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EqualWidthBins b && Arrays.equals(interiorEdges, b.interiorEdges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(interiorEdges);
    }

    @Override
    public String toString() {
        return "EqualWidthBins" + Arrays.toString(interiorEdges);
    }
}
