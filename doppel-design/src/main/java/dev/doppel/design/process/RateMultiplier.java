package dev.doppel.design.process;

import dev.doppel.DoppelException;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * How an entity's event rate differs from the base rate: each entity draws one multiplier, its "spending profile".
 * Every kind has mean 1, so the process's base rate stays the population's mean rate.
 */
public sealed interface RateMultiplier {
    /** The multiplier at cumulative probability {@code u} in [0, 1): the inverse of its distribution function. */
    double quantile(double u);

    /** Every entity has the base rate. */
    record None() implements RateMultiplier {
        @Override
        public double quantile(double u) {
            return 1;
        }
    }

    /**
     * Gamma-distributed with mean 1 and variance {@code 1 / shape}; with Poisson events this makes counts per entity
     * negative binomial (over-dispersed: variance μ + μ² / shape).
     *
     * @param shape &gt; 0; small values mean very unequal entities
     */
    record Gamma(double shape) implements RateMultiplier {
        public Gamma {
            if (!(shape > 0) || Double.isInfinite(shape)) {
                throw new DoppelException("gamma rate multiplier: expected a shape > 0, found " + shape);
            }
        }

        @Override
        public double quantile(double u) {
            return new GammaDistribution(shape, 1 / shape).inverseCumulativeProbability(u);
        }
    }

    /**
     * Log-normal with mean 1: {@code exp(σZ − σ²/2)} with Z standard normal.
     *
     * @param sigma &gt; 0, the standard deviation of the multiplier's logarithm
     */
    record LogNormal(double sigma) implements RateMultiplier {
        public LogNormal {
            if (!(sigma > 0) || sigma > 10) {
                throw new DoppelException("log-normal rate multiplier: expected a sigma in (0, 10], found " + sigma);
            }
        }

        @Override
        public double quantile(double u) {
            double z = new NormalDistribution(0, 1).inverseCumulativeProbability(u);
            return Math.exp(sigma * z - sigma * sigma / 2);
        }
    }
}
