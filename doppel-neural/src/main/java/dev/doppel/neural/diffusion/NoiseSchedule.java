package dev.doppel.neural.diffusion;

/**
 * The forward process of the diffusion, over steps {@code t = 1..T}: {@code ᾱ(t)} is both the share of signal left in
 * a Gaussian coordinate ({@code x_t = √ᾱ x_0 + √(1-ᾱ) ε}) and the probability that a categorical coordinate is still
 * unmasked at step t (masked, absorbing-state diffusion). {@code ᾱ(0) = 1}; {@code ᾱ(T)} is close to 0.
 */
final class NoiseSchedule {
    /** The shape of ᾱ over the steps. */
    enum Kind {
        /** Nichol and Dhariwal's cosine schedule: ᾱ(t) = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s)·π/2), s = 0.008. */
        COSINE,
        /** Ho et al.'s linear β from 1e-4 to 0.02, rescaled to T steps. */
        LINEAR
    }

    private final Kind kind;
    private final double[] alphaBar;
    private final double[] beta;

    NoiseSchedule(Kind kind, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("a diffusion needs at least 2 steps, not " + steps);
        }
        this.kind = kind;
        this.alphaBar = new double[steps + 1];
        this.beta = new double[steps + 1];
        alphaBar[0] = 1;
        if (kind == Kind.COSINE) {
            double s = 0.008;
            double f0 = Math.pow(Math.cos(s / (1 + s) * Math.PI / 2), 2);
            for (int t = 1; t <= steps; t++) {
                double f = Math.pow(Math.cos(((double) t / steps + s) / (1 + s) * Math.PI / 2), 2);
                // β is capped at 0.999 as in the cosine paper so the last steps stay invertible.
                beta[t] = Math.min(0.999, 1 - (f / f0) / alphaBar[t - 1]);
                alphaBar[t] = alphaBar[t - 1] * (1 - beta[t]);
            }
        } else {
            double scale = 1000.0 / steps;
            double first = scale * 1e-4;
            double last = Math.min(0.999, scale * 0.02);
            for (int t = 1; t <= steps; t++) {
                beta[t] = first + (last - first) * (t - 1) / (steps - 1);
                alphaBar[t] = alphaBar[t - 1] * (1 - beta[t]);
            }
        }
    }

    Kind kind() {
        return kind;
    }

    int steps() {
        return alphaBar.length - 1;
    }

    double alphaBar(int t) {
        return alphaBar[t];
    }

    double beta(int t) {
        return beta[t];
    }

    /** Variance of x_{t-1} given x_t and x_0 (the posterior's β̃), used as the reverse step's noise. */
    double posteriorVariance(int t) {
        return beta[t] * (1 - alphaBar[t - 1]) / (1 - alphaBar[t]);
    }

    /** Probability that a coordinate masked at step t is unmasked at step t-1: (ᾱ(t-1) - ᾱ(t)) / (1 - ᾱ(t)). */
    double unmaskProbability(int t) {
        return (alphaBar[t - 1] - alphaBar[t]) / (1 - alphaBar[t]);
    }
}
