package dev.doppel.design.spec;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A declared distribution of a column's values. Every distribution is sampled through its quantile function
 * ({@link dev.doppel.design.generate.Quantiles}), so one uniform number makes one value and a Gaussian copula can
 * correlate any two of them.
 */
public sealed interface Distribution {
    /** What the values are. */
    ValueKind kind();

    /** Continuous uniform on [min, max). */
    record Uniform(double min, double max) implements Distribution {
        public ValueKind kind() {
            return ValueKind.NUMBER;
        }
    }

    record Normal(double mean, double sd) implements Distribution {
        public ValueKind kind() {
            return ValueKind.NUMBER;
        }
    }

    /** exp(N(mu, sigma²)). */
    record LogNormal(double mu, double sigma) implements Distribution {
        public ValueKind kind() {
            return ValueKind.NUMBER;
        }
    }

    record Exponential(double mean) implements Distribution {
        public ValueKind kind() {
            return ValueKind.NUMBER;
        }
    }

    /** Non-negative integers. */
    record Poisson(double mean) implements Distribution {
        public ValueKind kind() {
            return ValueKind.NUMBER;
        }
    }

    /** Integers 1..n with P(k) ∝ k^-exponent. */
    record Zipf(int n, double exponent) implements Distribution {
        public ValueKind kind() {
            return ValueKind.NUMBER;
        }
    }

    /** true with probability p. */
    record Bernoulli(double p) implements Distribution {
        public ValueKind kind() {
            return ValueKind.BOOLEAN;
        }
    }

    /**
     * Listed values with weights (normalised); {@code values} are Doubles, Booleans or Strings as {@code kind} says.
     * An empirical distribution from a file is a categorical one with equal weights per occurrence.
     */
    record Categorical(ValueKind kind, List<Object> values, double[] weights) implements Distribution {
        public Categorical {
            values = List.copyOf(values);
            weights = weights.clone();
        }
    }

    /** Always {@code value} (Double, Boolean or String). */
    record Constant(ValueKind kind, Object value) implements Distribution { }

    /**
     * Days from {@code from} to {@code to} inclusive, each weighted by its weekday's weight times its month's weight
     * (seasonality); with {@code withTime}, a time of day follows, drawn by the hour weights.
     *
     * @param weekdays Monday first, 7 weights
     * @param months   January first, 12 weights
     * @param hours    24 weights (hour 0 first), used with {@code withTime}
     */
    record Calendar(boolean withTime, LocalDateTime from, LocalDateTime to, double[] weekdays, double[] months,
            double[] hours) implements Distribution {
        public Calendar {
            weekdays = weekdays.clone();
            months = months.clone();
            hours = hours.clone();
        }

        public ValueKind kind() {
            return withTime ? ValueKind.DATETIME : ValueKind.DATE;
        }

        public LocalDate firstDay() {
            return from.toLocalDate();
        }
    }
}
