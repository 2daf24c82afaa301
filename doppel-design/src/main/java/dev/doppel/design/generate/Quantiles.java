package dev.doppel.design.generate;

import dev.doppel.design.spec.Distribution;
import dev.doppel.design.spec.ValueKind;
import dev.doppel.synth.copula.NormalDistributionFunctions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.distribution.discrete.PoissonDistribution;
import org.hipparchus.distribution.discrete.ZipfDistribution;

/**
 * A distribution ready to sample: its quantile function, taking a uniform number in (0, 1) to a value. Numbers,
 * booleans (0/1), dates (epoch day) and date-times (epoch second) come out as they are; for strings the result is an
 * index into {@link #labels()}. Discrete distributions keep their cumulative probabilities in a table searched by
 * bisection. Immutable after construction.
 */
public final class Quantiles {
    private static final double TWO_TO_MINUS_53 = 0x1.0p-53;
    /** Poisson tails beyond this cumulative probability are folded into the last entry. */
    private static final double POISSON_TAIL = 1e-15;

    private final ValueKind kind;
    private final Function function;
    private final String[] labels;

    private Quantiles(ValueKind kind, Function function, String[] labels) {
        this.kind = kind;
        this.function = function;
        this.labels = labels;
    }

    @FunctionalInterface
    private interface Function {
        double at(double u);
    }

    /** A uniform number strictly inside (0, 1): quantile functions of unbounded distributions are finite there. */
    public static double uniform(SplittableRandom random) {
        return ((random.nextLong() >>> 11) + 0.5) * TWO_TO_MINUS_53;
    }

    /** The value for uniform {@code u} in (0, 1). */
    public double at(double u) {
        return function.at(u);
    }

    /** A value drawn with {@code random}. */
    public double draw(SplittableRandom random) {
        return function.at(uniform(random));
    }

    public ValueKind kind() {
        return kind;
    }

    /** For string distributions, the values indexed by {@link #at}; empty otherwise. */
    public List<String> labels() {
        return List.of(labels);
    }

    String label(int index) {
        return labels[index];
    }

    /** Prepares {@code d} for sampling. */
    public static Quantiles of(Distribution d) {
        if (d instanceof Distribution.Uniform x) {
            return numbers(u -> x.min() + u * (x.max() - x.min()));
        }
        if (d instanceof Distribution.Normal x) {
            return numbers(u -> x.mean() + x.sd() * NormalDistributionFunctions.quantile(u));
        }
        if (d instanceof Distribution.LogNormal x) {
            return numbers(u -> Math.exp(x.mu() + x.sigma() * NormalDistributionFunctions.quantile(u)));
        }
        if (d instanceof Distribution.Exponential x) {
            return numbers(u -> -x.mean() * Math.log1p(-u));
        }
        if (d instanceof Distribution.Poisson x) {
            return poisson(x.mean());
        }
        if (d instanceof Distribution.Zipf x) {
            return zipf(x.n(), x.exponent());
        }
        if (d instanceof Distribution.Bernoulli x) {
            return new Quantiles(ValueKind.BOOLEAN, u -> u < 1 - x.p() ? 0 : 1, new String[0]);
        }
        if (d instanceof Distribution.Categorical x) {
            return categorical(x);
        }
        if (d instanceof Distribution.Constant x) {
            double v = x.value() instanceof Double n ? n : x.value() instanceof Boolean b ? (b ? 1 : 0) : 0;
            return new Quantiles(x.kind(), u -> v,
                    x.kind() == ValueKind.STRING ? new String[] {(String) x.value()} : new String[0]);
        }
        return calendar((Distribution.Calendar) d);
    }

    private static Quantiles numbers(Function f) {
        return new Quantiles(ValueKind.NUMBER, f, new String[0]);
    }

    private static Quantiles poisson(double mean) {
        if (mean == 0) {
            return numbers(u -> 0);
        }
        PoissonDistribution p = new PoissonDistribution(mean);
        double[] cdf = new double[16];
        int k = 0;
        double c = 0;
        while (true) {
            c = p.cumulativeProbability(k);
            if (k == cdf.length) {
                cdf = Arrays.copyOf(cdf, cdf.length * 2);
            }
            cdf[k] = c;
            if (c >= 1 - POISSON_TAIL) {
                break;
            }
            k++;
        }
        double[] table = Arrays.copyOf(cdf, k + 1);
        table[k] = 1;
        return numbers(u -> search(table, u));
    }

    private static Quantiles zipf(int n, double exponent) {
        ZipfDistribution z = new ZipfDistribution(n, exponent);
        // Summing probability(k) keeps this linear; the library's cumulativeProbability(k) recomputes a sum per k.
        double[] cdf = new double[n];
        double c = 0;
        for (int k = 1; k <= n; k++) {
            c += z.probability(k);
            cdf[k - 1] = c;
        }
        cdf[n - 1] = 1;
        return numbers(u -> 1 + search(cdf, u));
    }

    private static Quantiles categorical(Distribution.Categorical x) {
        double[] cdf = cumulative(x.weights());
        List<Object> values = x.values();
        return switch (x.kind()) {
            case STRING -> new Quantiles(ValueKind.STRING, u -> search(cdf, u),
                    values.stream().map(String.class::cast).toArray(String[]::new));
            case BOOLEAN -> {
                double[] v = values.stream().mapToDouble(o -> (Boolean) o ? 1 : 0).toArray();
                yield new Quantiles(ValueKind.BOOLEAN, u -> v[search(cdf, u)], new String[0]);
            }
            default -> {
                double[] v = values.stream().mapToDouble(o -> (Double) o).toArray();
                yield new Quantiles(x.kind(), u -> v[search(cdf, u)], new String[0]);
            }
        };
    }

    /**
     * Day by the product of weekday and month weights; with time, the position of u inside its day's share (itself
     * uniform) picks the hour by the hour weights, and the position inside the hour's share the second.
     */
    private static Quantiles calendar(Distribution.Calendar x) {
        LocalDate first = x.firstDay();
        int days = (int) (x.to().toLocalDate().toEpochDay() - first.toEpochDay()) + 1;
        double[] w = new double[days];
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            w[d] = x.weekdays()[day.getDayOfWeek().getValue() - 1] * x.months()[day.getMonthValue() - 1];
        }
        double total = Arrays.stream(w).sum();
        if (total <= 0) {
            // Every day in range has weight 0 (say, weekends only over a Tuesday): fall back to equal days.
            Arrays.fill(w, 1);
        }
        double[] dayCdf = cumulative(w);
        long firstDay = first.toEpochDay();
        if (!x.withTime()) {
            return new Quantiles(ValueKind.DATE, u -> firstDay + search(dayCdf, u), new String[0]);
        }
        double[] hourCdf = cumulative(x.hours());
        long firstSecond = first.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        return new Quantiles(ValueKind.DATETIME, u -> {
            int d = search(dayCdf, u);
            double v = within(dayCdf, d, u);
            int h = search(hourCdf, v);
            double s = within(hourCdf, h, v);
            return firstSecond + d * 86_400L + h * 3_600L + Math.min(3_599, (long) (s * 3_600));
        }, new String[0]);
    }

    /** Where u lies inside entry i's share of the table, in [0, 1). */
    private static double within(double[] cdf, int i, double u) {
        double lo = i == 0 ? 0 : cdf[i - 1];
        double width = cdf[i] - lo;
        return width <= 0 ? 0 : Math.min(Math.max((u - lo) / width, 0), Math.nextDown(1.0));
    }

    private static double[] cumulative(double[] weights) {
        double total = Arrays.stream(weights).sum();
        double[] cdf = new double[weights.length];
        double c = 0;
        for (int i = 0; i < weights.length; i++) {
            c += weights[i] / total;
            cdf[i] = c;
        }
        // Rounding may leave the last entry a hair under 1; the last value with weight must catch every u.
        for (int i = weights.length - 1; i >= 0 && (i == weights.length - 1 || weights[i + 1] == 0); i--) {
            cdf[i] = 1;
            if (weights[i] > 0) {
                break;
            }
        }
        return cdf;
    }

    /** The first index whose cumulative probability exceeds u. */
    private static int search(double[] cdf, double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
