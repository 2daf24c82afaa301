package dev.doppel.synth.copula;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.table.Table;

/** Contract shell; the copula work replaces this file. */
public final class GaussianCopulaModel implements SyntheticModel {
    private final TableMetadata metadata;

    private GaussianCopulaModel(TableMetadata metadata) {
        this.metadata = metadata;
    }

    /** Reads a model written by {@link #parametersJson()}; invalid parameters raise an {@code InvalidDataException}. */
    public static GaussianCopulaModel fromJson(TableMetadata metadata, JsonNode parameters, String sourceName) {
        throw new IllegalStateException("contract shell");
    }

    @Override
    public String synthesizer() {
        return GaussianCopulaSynthesizer.NAME;
    }

    @Override
    public TableMetadata metadata() {
        return metadata;
    }

    @Override
    public Table sampleBlock(long seed, long block, int rows) {
        throw new IllegalStateException("contract shell");
    }

    @Override
    public JsonNode parametersJson() {
        throw new IllegalStateException("contract shell");
    }
}
