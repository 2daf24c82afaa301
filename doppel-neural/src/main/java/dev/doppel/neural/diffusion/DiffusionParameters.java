package dev.doppel.neural.diffusion;

import dev.doppel.DoppelException;
import dev.doppel.neural.Compute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the diffusion synthesizer.
 *
 * @param epochs          most passes over the training rows; early stopping may end sooner
 * @param batchSize       rows per gradient step
 * @param steps           diffusion steps T (training and sampling)
 * @param scheduleKind    {@code cosine} or {@code linear}
 * @param hidden          widths of the denoiser's hidden layers
 * @param timeDims        width of the step embedding (even)
 * @param learningRate    Adam's peak step size
 * @param learningRateDecay {@code none}, {@code linear} or {@code cosine}: how the step size falls to 0 over the
 *                        planned epochs after the warm-up ({@link LearningRateSchedule})
 * @param warmupEpochs    epochs over which the step size rises linearly to {@code learningRate}
 * @param emaDecay        decay of the exponential moving average of the weights that becomes the model (and that
 *                        validation and early stopping judge); 0 keeps the raw weights
 * @param validationShare share of rows held out for the validation loss (0 < share < 1)
 * @param patience        epochs without a better validation loss before training stops
 * @param discreteLimit   numeric columns with at most this many distinct values are coded as categories (0: none)
 * @param cleanShare      share of training rows that keep half their categories unmasked (for conditional sampling)
 * @param compute         device and PyTorch threads (default one: the same model for a seed in every run)
 * @param checkpoint      file to keep a checkpoint in while fitting (resumed when present), or empty for none
 * @param checkpointEvery epochs between checkpoints
 */
public record DiffusionParameters(int epochs, int batchSize, int steps, String scheduleKind, List<Integer> hidden,
                                  int timeDims, double learningRate, String learningRateDecay, int warmupEpochs,
                                  double emaDecay, double validationShare, int patience,
                                  int discreteLimit, double cleanShare, Compute compute, String checkpoint,
                                  int checkpointEvery) {
    /** Defaults sized for tables like Adult on two CPU cores (docs/BENCHMARKS.md, "Issue 5 — diffusion"). */
    public static DiffusionParameters defaults() {
        return new DiffusionParameters(300, 1024, 100, "cosine", List.of(256, 256, 256), 32, 2e-3, "cosine", 2, 0.999,
                0.1, 30, 20, 0.2, Compute.reproducible(), "", 10);
    }

    /** These settings with {@code compute} instead. */
    public DiffusionParameters with(Compute other) {
        return new DiffusionParameters(epochs, batchSize, steps, scheduleKind, hidden, timeDims, learningRate,
                learningRateDecay, warmupEpochs, emaDecay, validationShare, patience, discreteLimit, cleanShare, other,
                checkpoint, checkpointEvery);
    }

    public DiffusionParameters {
        hidden = List.copyOf(hidden);
        require(epochs >= 1, "epochs must be at least 1, not " + epochs);
        require(batchSize >= 1, "batchSize must be at least 1, not " + batchSize);
        require(steps >= 2, "steps must be at least 2, not " + steps);
        require(scheduleKind.equals("cosine") || scheduleKind.equals("linear"),
                "schedule must be cosine or linear, not '" + scheduleKind + "'");
        require(!hidden.isEmpty() && hidden.stream().allMatch(h -> h >= 1),
                "hidden must list at least one positive width, not " + hidden);
        require(timeDims >= 2 && timeDims % 2 == 0, "timeDims must be even and at least 2, not " + timeDims);
        require(learningRate > 0 && learningRate < 1, "learningRate must be in (0, 1), not " + learningRate);
        require(List.of("none", "linear", "cosine").contains(learningRateDecay),
                "learningRateDecay must be none, linear or cosine, not '" + learningRateDecay + "'");
        require(warmupEpochs >= 0, "warmupEpochs must be 0 or more, not " + warmupEpochs);
        require(emaDecay == 0 || (emaDecay > 0 && emaDecay < 1),
                "emaDecay must be 0 (no averaging) or in (0, 1), not " + emaDecay);
        require(validationShare > 0 && validationShare < 1,
                "validationShare must be in (0, 1), not " + validationShare);
        require(patience >= 1, "patience must be at least 1, not " + patience);
        require(discreteLimit >= 0, "discreteLimit must be 0 or more, not " + discreteLimit);
        require(cleanShare >= 0 && cleanShare < 1, "cleanShare must be in [0, 1), not " + cleanShare);
        java.util.Objects.requireNonNull(compute, "compute");
        checkpoint = checkpoint == null ? "" : checkpoint.strip();
        require(checkpointEvery >= 1, "checkpointEvery must be at least 1, not " + checkpointEvery);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new DoppelException("diffusion: " + message);
        }
    }

    NoiseSchedule schedule() {
        return new NoiseSchedule(NoiseSchedule.Kind.valueOf(scheduleKind.toUpperCase(Locale.ROOT)), steps);
    }

    /** The step sizes of a fit whose epochs each take {@code batchesPerEpoch} gradient steps. */
    LearningRateSchedule learningRateSchedule(int batchesPerEpoch) {
        return new LearningRateSchedule(learningRate, warmupEpochs * batchesPerEpoch, (long) epochs * batchesPerEpoch,
                LearningRateSchedule.Decay.valueOf(learningRateDecay.toUpperCase(Locale.ROOT)));
    }

    int[] hiddenWidths() {
        return hidden.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every setting by its name in {@code --param name=value}. */
    Map<String, Object> asMap() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("epochs", epochs);
        p.put("batchSize", batchSize);
        p.put("steps", steps);
        p.put("schedule", scheduleKind);
        p.put("hidden", hidden.stream().map(String::valueOf).toList());
        p.put("timeDims", timeDims);
        p.put("learningRate", learningRate);
        p.put("learningRateDecay", learningRateDecay);
        p.put("warmupEpochs", warmupEpochs);
        p.put("emaDecay", emaDecay);
        p.put("validationShare", validationShare);
        p.put("patience", patience);
        p.put("discreteLimit", discreteLimit);
        p.put("cleanShare", cleanShare);
        p.put("device", compute.device());
        p.put("threads", compute.threads());
        p.put("checkpoint", checkpoint);
        p.put("checkpointEvery", checkpointEvery);
        return p;
    }
}
