package dev.doppel.synth;

import java.util.Optional;

/**
 * A model whose stream of blocks passes a {@link StreamFilter} before it is emitted. {@link Sampler} then draws full
 * blocks in order until the filter has let through the rows asked for, so the output is still a pure function of
 * (model, seed, rows).
 */
public interface StreamFilteredModel extends SyntheticModel {
    /** A fresh filter for one output stream, or empty when this model's blocks need no filtering. */
    Optional<StreamFilter> newStreamFilter();
}
