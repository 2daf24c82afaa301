package dev.doppel.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a synthetic file is: written beside it as {@code <file>.manifest.json}, linking it to the model that made it.
 *
 * @param format           always {@code doppel-manifest}
 * @param formatVersion    the manifest format version (1)
 * @param output           the synthetic file's name
 * @param outputSha256     SHA-256 of the synthetic file's bytes
 * @param rows             rows written
 * @param columns          columns written
 * @param seed             the sampling seed (same seed and model: byte-identical output)
 * @param modelFile        the model file's name
 * @param modelFingerprint {@code sha256:...} of the model section of the model file
 * @param synthesizer      the synthesizer that made the model
 * @param doppelVersion    the Doppel version that sampled
 * @param createdAt        ISO-8601 instant of sampling
 * @param sampling         how rows were drawn when not from the plain model: the condition ({@code where ...}) or
 *                         the rebalancing ({@code balance ...}, {@code boost ...}) as given; absent otherwise
 */
public record Manifest(
        String format,
        int formatVersion,
        String output,
        String outputSha256,
        long rows,
        int columns,
        long seed,
        String modelFile,
        String modelFingerprint,
        String synthesizer,
        String doppelVersion,
        String createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String sampling) implements Versioned {
    public static final String FORMAT = "doppel-manifest";
    public static final int FORMAT_VERSION = 1;
}
