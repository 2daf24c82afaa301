package dev.doppel.neural;

import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.FittedModel;
import dev.doppel.synth.Synthesizer;
import dev.doppel.table.Table;

/** A synthesizer that trains a network epoch by epoch and can report its progress. */
public interface NeuralSynthesizer extends EpochReporting {
    /** Fits as {@link #fit(Table, TableMetadata, long)}, telling {@code progress} after every epoch. */
    NeuralTableModel fit(Table table, TableMetadata metadata, long seed, TrainingProgress progress);

    @Override
    default NeuralTableModel fit(Table table, TableMetadata metadata, long seed) {
        return fit(table, metadata, seed, TrainingProgress.NONE);
    }

    @Override
    default Synthesizer reporting(TrainingProgress progress) {
        NeuralSynthesizer self = this;
        return new Synthesizer() {
            @Override
            public String name() {
                return self.name();
            }

            @Override
            public java.util.Map<String, Object> parameters() {
                return self.parameters();
            }

            @Override
            public Synthesizer withParameters(java.util.Map<String, String> settings) {
                return ((NeuralSynthesizer) self.withParameters(settings)).reporting(progress);
            }

            @Override
            public FittedModel fit(Table table, TableMetadata metadata, long seed) {
                return self.fit(table, metadata, seed, progress);
            }
        };
    }
}
