package dev.doppel.neural;

import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.FittedModel;
import dev.doppel.table.Table;

/**
 * The contract for the synthesizers whose model is a {@link NeuralTableModel} (a generator network over the
 * mode-specific transform: ctgan and tvae), fitted on {@link DependencyTable}'s 2,000 rows (seed 1).
 */
public abstract class GeneratorSynthesizerContract extends NeuralSynthesizerContract<NeuralTableModel> {
    /** Epochs of the shared model: enough for 64-unit networks to learn the dependency in a few seconds. */
    protected static final int EPOCHS = 40;

    /** The synthesizer with small networks and one training thread, training for {@code epochs}. */
    protected abstract NeuralSynthesizer small(int epochs);

    @Override
    protected final Fixture fixture() {
        return new Fixture(DependencyTable.sample(2000, 1), DependencyTable.metadata(), DependencyTable.MEANS, 1, 0.05);
    }

    @Override
    protected final NeuralTableModel fit(Table real, TableMetadata metadata, long seed) {
        return small(EPOCHS).fit(real, metadata, seed);
    }

    /** Two epochs: the seed reaches the initial weights and every batch draw. */
    @Override
    protected final FittedModel fitTiny(Table real, TableMetadata metadata, long seed, int threads) {
        return ((NeuralSynthesizer) small(2).withParameters(java.util.Map.of("threads", "" + threads)))
                .fit(real, metadata, seed);
    }
}
