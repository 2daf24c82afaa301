package dev.doppel.synth.copula;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hipparchus.distribution.continuous.BetaDistribution;

/** Beta(alpha, beta) scaled from [0, 1] to [low, high]. */
record BetaMarginal(double alpha, double beta, double low, double high, BetaDistribution distribution,
        QuantileTable table)
        implements NumericMarginal {
    static final String KIND = "beta";

    BetaMarginal(double alpha, double beta, double low, double high) {
        this(alpha, beta, low, high, new BetaDistribution(alpha, beta));
    }

    private BetaMarginal(double alpha, double beta, double low, double high, BetaDistribution distribution) {
        this(alpha, beta, low, high, distribution,
                new QuantileTable(u -> low + (high - low) * distribution.inverseCumulativeProbability(u)));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public double cdf(double x) {
        return distribution.cumulativeProbability((x - low) / (high - low));
    }

    @Override
    public double quantile(double u) {
        return table.quantile(u);
    }

    @Override
    public void writeTo(ObjectNode node) {
        node.put("alpha", alpha).put("beta", beta).put("low", low).put("high", high);
    }
}
