package dev.doppel.synth;

import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.Table;
import java.util.Map;

/**
 * A configured way to learn a table. {@link #fit} returns an immutable {@link SyntheticModel}; the synthesizer itself
 * keeps no state from fitting.
 */
public interface Synthesizer {
    /** The name used on the command line and in model files, e.g. {@code gaussian-copula}. */
    String name();

    /** Every parameter, defaults included, for provenance. */
    Map<String, Object> parameters();

    /**
     * Learns {@code table}, a typed table (see {@code TableDecoder}) whose columns match {@code metadata}.
     *
     * @param seed seeds every random choice made while fitting
     */
    SyntheticModel fit(Table table, TableMetadata metadata, long seed);
}
