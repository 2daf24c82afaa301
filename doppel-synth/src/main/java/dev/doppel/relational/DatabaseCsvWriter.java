package dev.doppel.relational;

import dev.doppel.DoppelException;
import dev.doppel.io.AtomicFolder;
import dev.doppel.io.CsvRowWriter;
import dev.doppel.provenance.DoppelVersion;
import dev.doppel.provenance.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes sampled tables into a folder, one CSV per table (named as the schema's file) plus {@code manifest.json}.
 * The folder appears whole or not at all: everything is written into a hidden folder beside it, which is then
 * renamed. The target must not exist or be an empty folder.
 */
public final class DatabaseCsvWriter {
    /** The manifest's file name inside the output folder. */
    public static final String MANIFEST = "manifest.json";

    private DatabaseCsvWriter() {
    }

    public static DatabaseManifest write(DatabaseSchema schema, List<SyntheticTable> tables, Path folder,
            Path modelFile, String synthesizer, double scale, long seed) {
        try (AtomicFolder out = AtomicFolder.create(folder)) {
            List<DatabaseManifest.Table> written = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                SyntheticTable t = tables.get(i);
                String name = Path.of(schema.tables().get(i).file()).getFileName().toString();
                Path file = out.resolve(name);
                try (CsvRowWriter writer = new CsvRowWriter(file, t.delimiter().charAt(0), t.nullMarker(),
                        t.columns())) {
                    for (String[] row : t.rows()) {
                        writer.writeRow(row);
                    }
                    writer.commit();
                }
                written.add(new DatabaseManifest.Table(t.name(), name, t.rows().size(), t.columns().size(),
                        Fingerprint.sha256(file), t.conditionedRows()));
            }
            DatabaseManifest manifest = new DatabaseManifest(DatabaseManifest.FORMAT, DatabaseManifest.FORMAT_VERSION,
                    modelFile.getFileName().toString(), Fingerprint.sha256(modelFile), synthesizer, scale, seed,
                    written, DoppelVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            out.writeJson(MANIFEST, manifest);
            out.commit();
            return manifest;
        } catch (IOException e) {
            throw new DoppelException("cannot write " + folder + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new DoppelException("cannot write " + folder + ": " + e.getCause().getMessage(), e);
        }
    }
}
