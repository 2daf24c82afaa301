package dev.doppel.neural;

/** Told after every epoch of a fit; the CLI shows it as a progress bar. Called on the fitting thread. */
@FunctionalInterface
public interface TrainingProgress {
    /** Ignores every report. */
    TrainingProgress NONE = (epoch, epochs, trainLoss, validationLoss) -> { };

    /**
     * @param epoch          1-based number of the epoch just finished
     * @param epochs         the most epochs the fit will run (it may stop earlier)
     * @param trainLoss      mean training loss of the epoch
     * @param validationLoss loss on the held-out rows, NaN when the model has none
     */
    void epochDone(int epoch, int epochs, double trainLoss, double validationLoss);
}
