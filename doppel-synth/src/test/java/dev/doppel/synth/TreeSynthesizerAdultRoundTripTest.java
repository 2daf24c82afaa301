package dev.doppel.synth;

import dev.doppel.synth.trees.TreeSynthesizer;

class TreeSynthesizerAdultRoundTripTest extends AdultRoundTripTest {
    @Override
    Synthesizer synthesizer() {
        return new TreeSynthesizer();
    }
}
