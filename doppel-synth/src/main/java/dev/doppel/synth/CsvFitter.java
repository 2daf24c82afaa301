package dev.doppel.synth;

import dev.doppel.InvalidDataException;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.MetadataJson;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.provenance.DoppelVersion;
import dev.doppel.provenance.Fingerprint;
import dev.doppel.provenance.Provenance;
import dev.doppel.synth.constraint.ConstrainedSynthesizer;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Learns a CSV file: read → metadata (the user's file when given, else inferred) → typed table → fit, with the
 * provenance of the result. Metadata with constraints fits through a {@link ConstrainedSynthesizer}, after checking
 * that every training row satisfies them. The path a CLI or a server takes; a library user may call the steps
 * directly.
 */
public final class CsvFitter {
    private final CsvFormat format;
    private final SynthesizerCatalog catalog;

    public CsvFitter(CsvFormat format, SynthesizerCatalog catalog) {
        this.format = format;
        this.catalog = catalog;
    }

    /** A fitted model, its provenance and the metadata it was fitted with. */
    public record Result(FittedModel model, Provenance provenance, TableMetadata metadata, int rows) { }

    /** The steps of a fit, in order, as reported to a progress listener. */
    public enum Stage { READING, DESCRIBING, TYPING, FITTING }

    /**
     * Fits {@code synthesizerName} on {@code data}.
     *
     * @param metadataFile the user's metadata; its edits win over inference. Empty: inferred.
     */
    public Result fit(Path data, Optional<Path> metadataFile, String synthesizerName, long seed) {
        return fit(data, metadataFile, synthesizerName, seed, stage -> { });
    }

    /** As {@link #fit(Path, Optional, String, long)}, telling {@code progress} as each stage starts. */
    public Result fit(Path data, Optional<Path> metadataFile, String synthesizerName, long seed,
            java.util.function.Consumer<Stage> progress) {
        return fit(data, metadataFile, catalog.create(synthesizerName), seed, progress);
    }

    /** As {@link #fit(Path, Optional, String, long)} with a configured synthesizer. */
    public Result fit(Path data, Optional<Path> metadataFile, Synthesizer synthesizer, long seed,
            java.util.function.Consumer<Stage> progress) {
        progress.accept(Stage.READING);
        CsvTable raw = new CsvTableReader(format).read(data);
        progress.accept(Stage.DESCRIBING);
        TableMetadata metadata;
        if (metadataFile.isPresent()) {
            metadata = MetadataJson.read(metadataFile.get());
            MetadataJson.checkMatches(metadata, raw);
        } else {
            metadata = MetadataInference.infer(raw);
        }
        progress.accept(Stage.TYPING);
        Table typed = TableDecoder.decode(raw, metadata);
        if (!metadata.constraints().isEmpty()) {
            // Checked here, where the row's line in the file is known; the synthesizer would only know the row.
            ConstrainedSynthesizer.firstViolation(typed, metadata).ifPresent(v -> {
                throw new InvalidDataException(raw.sourceName(), raw.lineOf(v.row()), null,
                        "a row satisfying constraints[" + v.constraint() + "] ("
                                + metadata.constraints().get(v.constraint()).describe() + ")", v.detail());
            });
            synthesizer = new ConstrainedSynthesizer(synthesizer);
        }
        progress.accept(Stage.FITTING);
        FittedModel model = synthesizer.fit(typed, metadata, seed);
        Provenance provenance = new Provenance(
                data.getFileName().toString(),
                Fingerprint.sha256(data),
                typed.rowCount(),
                typed.columnCount(),
                synthesizer.name(),
                synthesizer.parameters(),
                seed,
                DoppelVersion.current(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return new Result(model, provenance, metadata, typed.rowCount());
    }
}
