package dev.doppel.synth.copula;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hipparchus.distribution.continuous.GammaDistribution;

/** Gamma(shape, scale) shifted to start at {@code low}. */
record GammaMarginal(double shape, double scale, double low, GammaDistribution distribution)
        implements NumericMarginal {
    static final String KIND = "gamma";

    GammaMarginal(double shape, double scale, double low) {
        this(shape, scale, low, new GammaDistribution(shape, scale));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public double cdf(double x) {
        return x <= low ? 0 : distribution.cumulativeProbability(x - low);
    }

    @Override
    public double quantile(double u) {
        return low + distribution.inverseCumulativeProbability(u);
    }

    @Override
    public void writeTo(ObjectNode node) {
        node.put("shape", shape).put("scale", scale).put("low", low);
    }
}
