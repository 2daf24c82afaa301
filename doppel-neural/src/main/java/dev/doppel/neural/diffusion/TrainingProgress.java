package dev.doppel.neural.diffusion;

/** Told after every training epoch; for progress bars and logs. */
@FunctionalInterface
public interface TrainingProgress {
    /** Ignores every report. */
    TrainingProgress NONE = (epoch, epochs, trainingLoss, validationLoss) -> { };

    /**
     * @param epoch          1-based number of the epoch just finished
     * @param epochs         the most epochs this fit will run (early stopping may end it sooner)
     * @param trainingLoss   mean loss over the epoch's batches
     * @param validationLoss loss on the held-out rows, with fixed noise so epochs compare
     */
    void epochFinished(int epoch, int epochs, double trainingLoss, double validationLoss);
}
