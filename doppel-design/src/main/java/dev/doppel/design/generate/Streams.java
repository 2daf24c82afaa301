package dev.doppel.design.generate;

import dev.doppel.synth.StreamSeeds;
import java.util.SplittableRandom;

/**
 * The random streams of a generation: one per (table, purpose, item, block), so every block is a pure function of
 * (spec, seed, block) and adding a column does not shift the draws of the others.
 */
final class Streams {
    static final int VALUES = 1;
    static final int NULLS = 2;
    static final int SCENARIO = 3;
    static final int OVERRIDE = 4;
    static final int CORRELATION = 5;
    static final int REFERENCE = 6;
    static final int CHILDREN = 7;
    static final int COUNT_ROWS = 8;
    static final int PROCESS = 9;
    static final int LEARNED = 10;
    static final int BURST_GAPS = 11;
    static final int CONSTRAINT_REDRAW = 12;

    private Streams() {
    }

    static long seed(long seed, int table, int purpose, long item, long block) {
        return StreamSeeds.mix(StreamSeeds.mix(StreamSeeds.mix(StreamSeeds.mix(seed, table), purpose), item), block);
    }

    static SplittableRandom random(long seed, int table, int purpose, long item, long block) {
        return new SplittableRandom(seed(seed, table, purpose, item, block));
    }
}
