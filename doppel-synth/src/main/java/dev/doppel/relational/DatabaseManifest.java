package dev.doppel.relational;

import dev.doppel.provenance.ManifestFile;
import dev.doppel.provenance.Versioned;
import java.nio.file.Path;
import java.util.List;

/**
 * What a sampled database folder holds, written beside its tables as {@code manifest.json}.
 *
 * @param format           always {@code doppel-db-manifest}
 * @param formatVersion    1
 * @param modelFile        the model file's name
 * @param modelSha256      SHA-256 of the model file's bytes
 * @param synthesizer      the single-table synthesizer the tables were fitted with
 * @param scale            the factor applied to the root tables' row counts
 * @param seed             the sampling seed (same model, scale and seed: byte-identical tables)
 * @param tables           one entry per table, in schema order
 * @param doppelVersion    the Doppel version that sampled
 * @param createdAt        ISO-8601 instant of sampling
 */
public record DatabaseManifest(String format, int formatVersion, String modelFile, String modelSha256,
        String synthesizer, double scale, long seed, List<Table> tables, String doppelVersion, String createdAt)
        implements Versioned {
    public static final String FORMAT = "doppel-db-manifest";
    public static final int FORMAT_VERSION = 1;

    /** Reads the manifest of a sampled database folder, checking its format and version. */
    public static DatabaseManifest read(Path folder) {
        return ManifestFile.read(folder.resolve(DatabaseCsvWriter.MANIFEST),
                DatabaseManifest.class, FORMAT, FORMAT_VERSION);
    }

    /**
     * One written table.
     *
     * @param conditionedRows rows drawn conditioned on their parent's context (see {@link SyntheticTable})
     */
    public record Table(String name, String file, long rows, int columns, String sha256, int conditionedRows) { }
}
