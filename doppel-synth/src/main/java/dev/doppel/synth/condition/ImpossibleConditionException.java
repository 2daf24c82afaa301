package dev.doppel.synth.condition;

import dev.doppel.DoppelException;

/** A condition the model gives zero probability: no synthetic row could satisfy it. */
public final class ImpossibleConditionException extends DoppelException {
    public ImpossibleConditionException(String message) {
        super(message);
    }
}
