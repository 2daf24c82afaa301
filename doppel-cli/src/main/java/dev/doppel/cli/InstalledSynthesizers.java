package dev.doppel.cli;

import dev.doppel.synth.ModelStore;
import dev.doppel.synth.StoredModel;
import dev.doppel.synth.SynthesizerCatalog;
import java.nio.file.Path;

/**
 * The synthesizers this command line knows: the standard ones and those of the optional modules it is built with.
 * Every command that creates a synthesizer or reads a model goes through here, so a model fitted with any of them
 * loads everywhere.
 */
final class InstalledSynthesizers {
    private InstalledSynthesizers() {
    }

    static SynthesizerCatalog catalog() {
        return SynthesizerCatalog.standard();
    }

    /** Loads a single-table model file with every installed synthesizer's reader. */
    static StoredModel load(Path file) {
        return new ModelStore(catalog()).read(file);
    }
}
