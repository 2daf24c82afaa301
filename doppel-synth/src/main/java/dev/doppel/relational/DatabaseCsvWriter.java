package dev.doppel.relational;

import dev.doppel.io.Folders;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.doppel.DoppelException;
import dev.doppel.io.CsvRowWriter;
import dev.doppel.io.Json;
import dev.doppel.provenance.DoppelVersion;
import dev.doppel.provenance.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        Path target = folder.toAbsolutePath();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new DoppelException("cannot write " + folder + ": folder " + parent + " does not exist");
        }
        if (Files.exists(target) && !Folders.isEmpty(target)) {
            throw new DoppelException("cannot write " + folder + ": it exists and is not an empty folder; "
                    + "choose a new folder");
        }
        Path temp = parent.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime()));
        try {
            Files.createDirectory(temp);
            List<DatabaseManifest.Table> written = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                SyntheticTable t = tables.get(i);
                String name = Path.of(schema.tables().get(i).file()).getFileName().toString();
                Path file = temp.resolve(name);
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
            Files.writeString(temp.resolve(MANIFEST), Json.newMapper().writeValueAsString(manifest) + "\n",
                    StandardCharsets.UTF_8);
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return manifest;
        } catch (JsonProcessingException e) {
            throw new DoppelException("cannot encode the manifest: " + e.getMessage(), e);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new DoppelException("cannot write " + folder + ": it appeared while sampling");
        } catch (IOException e) {
            throw new DoppelException("cannot write " + folder + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new DoppelException("cannot write " + folder + ": " + e.getCause().getMessage(), e);
        } finally {
            Folders.deleteQuietly(temp);
        }
    }
}
