package dev.doppel.synth;

import dev.doppel.provenance.Provenance;

/**
 * A model as read from its file.
 *
 * @param fingerprint {@code sha256:} and the hash of the model (see {@link ModelStore#fingerprint}); manifests link outputs to it
 */
public record StoredModel(FittedModel model, Provenance provenance, String fingerprint) { }
