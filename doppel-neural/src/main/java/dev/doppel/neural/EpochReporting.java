package dev.doppel.neural;

import dev.doppel.synth.Synthesizer;

/** A synthesizer that trains epoch by epoch and can tell a listener after every epoch. */
public interface EpochReporting extends Synthesizer {
    /**
     * This synthesizer as a plain {@link Synthesizer} whose fits report every epoch to {@code progress}, for callers
     * (such as the command line's fit pipeline) that only know {@link Synthesizer#fit}.
     */
    Synthesizer reporting(TrainingProgress progress);
}
