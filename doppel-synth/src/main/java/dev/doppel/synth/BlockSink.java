package dev.doppel.synth;

import dev.doppel.table.Table;
import java.io.IOException;

/** Receives sampled blocks, in order. */
@FunctionalInterface
public interface BlockSink {
    void accept(Table block) throws IOException;
}
