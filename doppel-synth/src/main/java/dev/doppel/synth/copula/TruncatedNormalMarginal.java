package dev.doppel.synth.copula;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Normal(mean, sd) truncated to [low, high]. */
record TruncatedNormalMarginal(double mean, double sd, double low, double high) implements NumericMarginal {
    static final String KIND = "truncated-normal";

    @Override
    public String kind() {
        return KIND;
    }

    private double lowMass() {
        return NormalDistributionFunctions.cdf((low - mean) / sd);
    }

    private double highMass() {
        return NormalDistributionFunctions.cdf((high - mean) / sd);
    }

    @Override
    public double cdf(double x) {
        if (x < low) {
            return 0;
        }
        if (x >= high) {
            return 1;
        }
        double a = lowMass();
        return (NormalDistributionFunctions.cdf((x - mean) / sd) - a) / (highMass() - a);
    }

    @Override
    public double quantile(double u) {
        double a = lowMass();
        double z = NormalDistributionFunctions.quantile(a + u * (highMass() - a));
        return Math.min(high, Math.max(low, mean + sd * z));
    }

    @Override
    public void writeTo(ObjectNode node) {
        node.put("mean", mean).put("sd", sd).put("low", low).put("high", high);
    }
}
