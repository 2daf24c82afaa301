package dev.doppel.design.generate;

import dev.doppel.provenance.ManifestFile;
import dev.doppel.provenance.Versioned;
import java.nio.file.Path;
import java.util.List;

/**
 * What a generated folder holds, written beside its tables as {@code manifest.json}.
 *
 * @param format        always {@code doppel-generate-manifest}
 * @param formatVersion 2 (version 1 had no scale and no output format: always CSV)
 * @param spec          the spec file's name
 * @param specSha256    SHA-256 of the spec's bytes (same spec, scale, seed, format and version: byte-identical
 *                      tables)
 * @param scale         factor applied to the spec's fixed row counts (1: as written)
 * @param seed          the generation seed
 * @param outputFormat  how the tables are stored: csv, jsonl or parquet
 * @param tables        one entry per table, in generation order (parents first); its hash is of the file written
 * @param doppelVersion the Doppel version that generated
 * @param createdAt     ISO-8601 instant of generation
 */
public record GenerationManifest(String format, int formatVersion, String spec, String specSha256, double scale,
        long seed, String outputFormat, List<Table> tables, String doppelVersion, String createdAt)
        implements Versioned {
    public static final String FORMAT = "doppel-generate-manifest";
    public static final int FORMAT_VERSION = 2;

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
