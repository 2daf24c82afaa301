package dev.doppel.synth;

import dev.doppel.synth.copula.GaussianCopulaSynthesizer;

class GaussianCopulaAdultTest extends AdultRoundTripTest {
    @Override
    Synthesizer synthesizer() {
        return new GaussianCopulaSynthesizer();
    }
}
