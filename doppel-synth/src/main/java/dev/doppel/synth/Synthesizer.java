package dev.doppel.synth;

import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.Table;
import java.util.Map;

/**
 * A configured way to learn a table. {@link #fit} returns an immutable {@link FittedModel}; the synthesizer itself
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
    FittedModel fit(Table table, TableMetadata metadata, long seed);

    /**
     * This synthesizer with some parameters set by name (as {@code doppel fit --param name=value}); the others keep
     * their values here. Unknown names and unparsable values raise a {@code DoppelException}.
     */
    default Synthesizer withParameters(Map<String, String> settings) {
        if (settings.isEmpty()) {
            return this;
        }
        throw new dev.doppel.DoppelException("synthesizer " + name() + " takes no parameter settings");
    }
}
