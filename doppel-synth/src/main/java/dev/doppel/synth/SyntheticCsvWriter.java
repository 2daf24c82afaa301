package dev.doppel.synth;

import dev.doppel.DoppelException;
import dev.doppel.io.CsvRowWriter;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.provenance.DoppelVersion;
import dev.doppel.provenance.Fingerprint;
import dev.doppel.provenance.Manifest;
import dev.doppel.provenance.ManifestFile;
import dev.doppel.table.Table;
import dev.doppel.transform.RowFormatter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongConsumer;

/**
 * Samples a stored model straight to a CSV file, formatted like the training file, with a manifest beside it
 * ({@code out.csv.manifest.json}). Streams block by block, so memory does not grow with the row count; the output
 * appears only when complete (temp file, then rename).
 */
public final class SyntheticCsvWriter {
    private SyntheticCsvWriter() {
    }

    /**
     * Writes {@code rows} synthetic rows to {@code output} and its manifest.
     *
     * @param modelFile the model's file name, recorded in the manifest
     * @param progress  called with the number of rows written so far
     */
    public static Manifest write(StoredModel stored, String modelFile, long rows, long seed, int threads, Path output,
            LongConsumer progress) {
        return write(stored, stored.model(), null, modelFile, rows, seed, threads, output, progress);
    }

    /**
     * As {@link #write(StoredModel, String, long, long, int, Path, LongConsumer)}, sampling {@code model} — the
     * stored model conditioned or rebalanced as {@code sampling} says (recorded in the manifest).
     */
    public static Manifest write(StoredModel stored, SyntheticModel model, String sampling, String modelFile, long rows,
            long seed, int threads, Path output, LongConsumer progress) {
        if (rows < 0) {
            throw new DoppelException("the number of rows must be 0 or more, not " + rows);
        }
        TableMetadata metadata = model.metadata();
        RowFormatter formatter = new RowFormatter(metadata);
        try (CsvRowWriter writer = new CsvRowWriter(
                output, metadata.delimiterChar(), metadata.nullMarker(), metadata.columnNames())) {
            String[] row = new String[metadata.columns().size()];
            Sampler.sample(model, rows, seed, threads, (Table block) -> {
                for (int r = 0; r < block.rowCount(); r++) {
                    formatter.format(block, r, row);
                    writer.writeRow(row);
                }
                progress.accept(writer.rowsWritten());
            });
            writer.commit();
        } catch (IOException e) {
            throw new DoppelException("cannot write " + output + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new DoppelException("cannot write " + output + ": " + e.getCause().getMessage(), e);
        }
        Manifest manifest = new Manifest(
                "doppel-manifest",
                1,
                output.getFileName().toString(),
                Fingerprint.sha256(output),
                rows,
                metadata.columns().size(),
                seed,
                modelFile,
                stored.fingerprint(),
                model.synthesizer(),
                DoppelVersion.current(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                sampling);
        ManifestFile.write(output, manifest);
        return manifest;
    }
}
