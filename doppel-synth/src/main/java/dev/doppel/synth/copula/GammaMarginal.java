package dev.doppel.synth.copula;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hipparchus.distribution.continuous.GammaDistribution;

/** Gamma(shape, scale) shifted to start at {@code low}. */
record GammaMarginal(double shape, double scale, double low, GammaDistribution distribution,
        QuantileTable table)
        implements NumericMarginal {
    static final String KIND = "gamma";

    GammaMarginal(double shape, double scale, double low) {
        this(shape, scale, low, new GammaDistribution(shape, scale));
    }

    private GammaMarginal(double shape, double scale, double low, GammaDistribution distribution) {
        this(shape, scale, low, distribution,
                new QuantileTable(u -> low + distribution.inverseCumulativeProbability(u)));
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
        return table.quantile(u);
    }

    @Override
    public void writeTo(ObjectNode node) {
        node.put("shape", shape).put("scale", scale).put("low", low);
    }
}
