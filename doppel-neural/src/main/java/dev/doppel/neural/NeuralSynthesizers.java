package dev.doppel.neural;

import dev.doppel.neural.ctgan.CtganSynthesizer;
import dev.doppel.neural.diffusion.DiffusionSynthesizer;
import dev.doppel.neural.tvae.TvaeSynthesizer;
import dev.doppel.synth.SynthesizerCatalog;
import java.util.List;

/** The neural synthesizers as catalog entries, for the command line to add to its catalog. */
public final class NeuralSynthesizers {
    private NeuralSynthesizers() {
    }

    /** {@code ctgan}, {@code tvae} and {@code diffusion}. */
    public static List<SynthesizerCatalog.Entry> entries() {
        return List.of(
                new SynthesizerCatalog.Entry(CtganSynthesizer.NAME, CtganSynthesizer::new, CtganSynthesizer::read),
                new SynthesizerCatalog.Entry(TvaeSynthesizer.NAME, TvaeSynthesizer::new, TvaeSynthesizer::read),
                DiffusionSynthesizer.catalogEntry());
    }
}
