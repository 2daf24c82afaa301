package dev.doppel.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.io.AtomicOutput;
import dev.doppel.io.Json;
import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes manifests ({@code <output>.manifest.json}). */
public final class ManifestFile {
    private ManifestFile() {
    }

    /** The manifest path for {@code output}. */
    public static Path pathFor(Path output) {
        return output.resolveSibling(output.getFileName() + ".manifest.json");
    }

    /** Writes {@code manifest} beside {@code output}, atomically. */
    public static void write(Path output, Manifest manifest) {
        try {
            AtomicOutput.writeString(pathFor(output), Json.newMapper().writeValueAsString(manifest) + "\n");
        } catch (JsonProcessingException e) {
            throw new DoppelException("cannot encode manifest: " + e.getMessage(), e);
        }
    }

    /** Reads a manifest, checking its format and version. */
    public static Manifest read(Path manifestFile) {
        return read(manifestFile, Manifest.class, Manifest.FORMAT, Manifest.FORMAT_VERSION);
    }

    /**
     * Reads a JSON manifest of any kind, checking that it is {@code format} at {@code version}; every problem is an
     * {@link InvalidDataException} naming the file and the line or field.
     */
    public static <T extends Versioned> T read(Path file, Class<T> type, String format, int version) {
        String name = file.getFileName().toString();
        T manifest;
        try {
            manifest = Json.newMapper().readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new InvalidDataException(name, location == null ? 0 : location.getLineNr(), null,
                    "a Doppel " + format + " file", e.getOriginalMessage());
        } catch (IOException e) {
            throw new DoppelException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!format.equals(manifest.format())) {
            throw new InvalidDataException(name, 0, "format", "\"" + format + "\"", manifest.format());
        }
        if (manifest.formatVersion() != version) {
            throw new InvalidDataException(name, 0, "formatVersion", "version " + version,
                    "version " + manifest.formatVersion());
        }
        return manifest;
    }
}
