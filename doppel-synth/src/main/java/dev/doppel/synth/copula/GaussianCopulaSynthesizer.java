package dev.doppel.synth.copula;

import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.Synthesizer;
import dev.doppel.table.Table;
import java.util.Map;

/** Contract shell; the copula work replaces this file. */
public record GaussianCopulaSynthesizer() implements Synthesizer {
    public static final String NAME = "gaussian-copula";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of();
    }

    @Override
    public GaussianCopulaModel fit(Table table, TableMetadata metadata, long seed) {
        throw new IllegalStateException("contract shell");
    }
}
