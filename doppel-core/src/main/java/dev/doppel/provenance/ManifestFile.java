package dev.doppel.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        ObjectMapper mapper = Json.newMapper();
        String name = manifestFile.getFileName().toString();
        Manifest manifest;
        try {
            manifest = mapper.readValue(manifestFile.toFile(), Manifest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var location = e.getLocation();
            throw new InvalidDataException(name, location == null ? 0 : location.getLineNr(), null,
                    "a Doppel manifest", e.getOriginalMessage());
        } catch (IOException e) {
            throw new DoppelException("cannot read " + manifestFile + ": " + e.getMessage(), e);
        }
        if (!Manifest.FORMAT.equals(manifest.format())) {
            throw new InvalidDataException(name, 0, "format", "\"" + Manifest.FORMAT + "\"", manifest.format());
        }
        if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new InvalidDataException(name, 0, "formatVersion", "version " + Manifest.FORMAT_VERSION,
                    "version " + manifest.formatVersion());
        }
        return manifest;
    }
}
