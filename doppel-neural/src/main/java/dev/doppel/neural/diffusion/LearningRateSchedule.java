package dev.doppel.neural.diffusion;

/**
 * Adam's step size at each gradient step of a fit: a linear warm-up from near 0 to {@code base} over the first
 * {@code warmupSteps} steps, then a decay to 0 at {@code totalSteps}, cosine or linear, or none.
 *
 * <p>Why: with a constant rate the denoiser's validation loss stops improving while the weights still jump around
 * the optimum (the run in docs/BENCHMARKS.md found nothing better after epoch 202 with 100 more epochs); shrinking the
 * steps lets it settle. The warm-up keeps Adam's first, poorly estimated moments from throwing the freshly
 * initialised network far off.
 *
 * @param base        the peak rate
 * @param warmupSteps steps of the linear warm-up (0 for none)
 * @param totalSteps  steps of the whole planned fit; the rate reaches 0 there (beyond it, 0)
 * @param decay       how the rate falls after the warm-up
 */
record LearningRateSchedule(double base, int warmupSteps, long totalSteps, Decay decay) {
    /** The shape of the fall after the warm-up. */
    enum Decay {
        /** Constant {@code base} after the warm-up. */
        NONE,
        /** Straight line from {@code base} to 0. */
        LINEAR,
        /** Half a cosine from {@code base} to 0 (Loshchilov and Hutter's SGDR without restarts). */
        COSINE
    }

    LearningRateSchedule {
        if (!(base > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, not " + base);
        }
        if (warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("warm-up " + warmupSteps + " and total " + totalSteps + " steps");
        }
    }

    /** The rate of 0-based gradient step {@code step}. */
    double rate(long step) {
        if (step < warmupSteps) {
            // (step + 1): the first step already moves, by base / warmupSteps.
            return base * (step + 1) / warmupSteps;
        }
        if (decay == Decay.NONE) {
            return base;
        }
        long decaySteps = totalSteps - warmupSteps;
        if (decaySteps <= 0 || step >= totalSteps) {
            return decaySteps <= 0 ? base : 0;
        }
        double progress = (double) (step - warmupSteps) / decaySteps;
        return decay == Decay.LINEAR ? base * (1 - progress) : base * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
