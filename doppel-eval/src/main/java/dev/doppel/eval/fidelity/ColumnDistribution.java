package dev.doppel.eval.fidelity;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Real vs synthetic frequencies of one column, for charts: numeric columns in {@value #NUMERIC_BINS} equal-width bins
 * over the real range (values outside it counted in the end bins), categorical columns by category, the
 * {@value #TOP_CATEGORIES} most frequent real ones and the rest as {@code (other)}. Nulls are a last entry
 * {@code (null)}. Shares sum to 1 per table.
 *
 * @param column    column name
 * @param numeric   true for bins of a numeric column, false for categories
 * @param labels    bin lower edges (numeric) or category names
 * @param real      share of real rows per label
 * @param synthetic share of synthetic rows per label
 */
public record ColumnDistribution(String column, boolean numeric, List<String> labels, List<Double> real,
                                 List<Double> synthetic) {
    static final int NUMERIC_BINS = 20;
    static final int TOP_CATEGORIES = 20;

    public ColumnDistribution {
        labels = List.copyOf(labels);
        real = List.copyOf(real);
        synthetic = List.copyOf(synthetic);
    }

    /** One distribution per learned column. */
    public static List<ColumnDistribution> of(AlignedTables tables) {
        List<ColumnDistribution> out = new ArrayList<>();
        for (int j = 0; j < tables.columnCount(); j++) {
            String name = tables.columns().get(j).name();
            out.add(tables.isNumeric(j) ? numeric(name, tables.numeric(j, Role.REAL), tables.numeric(j, Role.SYNTHETIC))
                    : categorical(name, tables.dictionary(j), tables.codes(j, Role.REAL),
                    tables.codes(j, Role.SYNTHETIC)));
        }
        return out;
    }

    private static ColumnDistribution numeric(String name, double[] real, double[] synthetic) {
        double lo = Arrays.stream(real).filter(v -> !Double.isNaN(v)).min().orElse(0);
        double hi = Arrays.stream(real).filter(v -> !Double.isNaN(v)).max().orElse(1);
        double width = hi > lo ? (hi - lo) / NUMERIC_BINS : 1;
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < NUMERIC_BINS; k++) {
            labels.add(String.format(Locale.ROOT, "%.4g", lo + k * width));
        }
        labels.add("(null)");
        return new ColumnDistribution(name, true, labels, histogram(real, lo, width), histogram(synthetic, lo, width));
    }

    private static List<Double> histogram(double[] values, double lo, double width) {
        double[] h = new double[NUMERIC_BINS + 1];
        for (double v : values) {
            int k = Double.isNaN(v) ? NUMERIC_BINS
                    : (int) Math.max(0, Math.min(NUMERIC_BINS - 1, Math.floor((v - lo) / width)));
            h[k] += 1.0 / values.length;
        }
        return Arrays.stream(h).boxed().toList();
    }

    private static ColumnDistribution categorical(String name, List<String> dictionary, int[] real, int[] synthetic) {
        int k = dictionary.size();
        double[] pr = shares(real, k);
        double[] ps = shares(synthetic, k);
        int[] order = IntStream.range(0, k).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -pr[c]).thenComparing(c -> -ps[c]).thenComparing(c -> c))
                .mapToInt(Integer::intValue).toArray();
        List<String> labels = new ArrayList<>();
        List<Double> r = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        double otherR = 0;
        double otherS = 0;
        for (int i = 0; i < order.length; i++) {
            if (i < TOP_CATEGORIES) {
                labels.add(dictionary.get(order[i]));
                r.add(pr[order[i]]);
                s.add(ps[order[i]]);
            } else {
                otherR += pr[order[i]];
                otherS += ps[order[i]];
            }
        }
        if (order.length > TOP_CATEGORIES) {
            labels.add("(other)");
            r.add(otherR);
            s.add(otherS);
        }
        labels.add("(null)");
        r.add(pr[k]);
        s.add(ps[k]);
        return new ColumnDistribution(name, false, labels, r, s);
    }

    /** Shares of codes 0..k-1, null share at index k. */
    private static double[] shares(int[] codes, int k) {
        double[] p = new double[k + 1];
        for (int c : codes) {
            p[c < 0 ? k : c] += 1.0 / codes.length;
        }
        return p;
    }
}
