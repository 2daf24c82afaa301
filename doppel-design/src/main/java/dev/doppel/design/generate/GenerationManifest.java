package dev.doppel.design.generate;

import dev.doppel.provenance.ManifestFile;
import dev.doppel.provenance.Versioned;
import java.nio.file.Path;
import java.util.List;

/**
 * What a generated folder holds, written beside its tables as {@code manifest.json}.
 *
 * @param format        always {@code doppel-generate-manifest}
 * @param formatVersion 1
 * @param spec          the spec file's name
 * @param specSha256    SHA-256 of the spec's bytes (same spec, seed and version: byte-identical tables)
 * @param seed          the generation seed
 * @param tables        one entry per table, in generation order (parents first)
 * @param doppelVersion the Doppel version that generated
 * @param createdAt     ISO-8601 instant of generation
 */
public record GenerationManifest(String format, int formatVersion, String spec, String specSha256, long seed,
        List<Table> tables, String doppelVersion, String createdAt) implements Versioned {
    public static final String FORMAT = "doppel-generate-manifest";
    public static final int FORMAT_VERSION = 1;

    public GenerationManifest {
        tables = List.copyOf(tables);
    }

    /** Reads the manifest of a generated folder, checking its format and version. */
    public static GenerationManifest read(Path folder) {
        return ManifestFile.read(folder.resolve(DesignGenerator.MANIFEST), GenerationManifest.class, FORMAT,
                FORMAT_VERSION);
    }

    /** One written table. */
    public record Table(String name, String file, long rows, int columns, String sha256) { }
}
