package dev.doppel.synth;

import dev.doppel.table.Table;

/**
 * A filter over one output stream of blocks that keeps state from block to block (uniqueness across the whole output).
 * {@link Sampler} hands it the blocks in order, so what it keeps depends only on the blocks before, never on threads.
 * One filter serves one stream; it is not thread safe.
 */
public interface StreamFilter {
    /** The rows of {@code block} to emit, in order, at most {@code limit} of them; remembers what it emitted. */
    Table accept(Table block, int limit);

    /** What the filter enforces, for error messages (e.g. {@code unique email}). */
    String describe();
}
