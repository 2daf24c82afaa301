package dev.doppel.synth;

import dev.doppel.synth.bayesnet.BayesNetSynthesizer;

class BayesNetAdultTest extends AdultRoundTripTest {
    @Override
    Synthesizer synthesizer() {
        return new BayesNetSynthesizer();
    }
}
