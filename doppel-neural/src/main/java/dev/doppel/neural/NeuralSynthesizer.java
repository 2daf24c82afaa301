package dev.doppel.neural;

import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.Synthesizer;
import dev.doppel.table.Table;

/** A synthesizer that trains a network epoch by epoch and can report its progress. */
public interface NeuralSynthesizer extends Synthesizer {
    /** Fits as {@link #fit(Table, TableMetadata, long)}, telling {@code progress} after every epoch. */
    NeuralTableModel fit(Table table, TableMetadata metadata, long seed, TrainingProgress progress);

    @Override
    default NeuralTableModel fit(Table table, TableMetadata metadata, long seed) {
        return fit(table, metadata, seed, TrainingProgress.NONE);
    }
}
