package dev.doppel.synth.copula;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Uniform on [low, high]. */
record UniformMarginal(double low, double high) implements NumericMarginal {
    static final String KIND = "uniform";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public double cdf(double x) {
        if (x < low) {
            return 0;
        }
        return x >= high ? 1 : (x - low) / (high - low);
    }

    @Override
    public double quantile(double u) {
        return low + u * (high - low);
    }

    @Override
    public void writeTo(ObjectNode node) {
        node.put("low", low).put("high", high);
    }
}
