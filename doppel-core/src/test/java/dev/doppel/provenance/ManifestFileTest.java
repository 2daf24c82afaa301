package dev.doppel.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestFileTest {
    @TempDir
    Path dir;

    private static Manifest manifest(String format, int version) {
        return new Manifest(format, version, "s.csv", "ab", 10, 3, 7, "m.doppel", "sha256:cd", "trees", "1.0",
                "2026-11-26T00:00:00Z", null);
    }

    @Test
    void writtenManifestReadsBackEqual() {
        Path output = dir.resolve("s.csv");
        ManifestFile.write(output, manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION));
        assertThat(ManifestFile.read(ManifestFile.pathFor(output)))
                .isEqualTo(manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION));
    }

    @Test
    void otherFormatOrVersionIsRefusedNamingTheField() {
        Path output = dir.resolve("s.csv");
        ManifestFile.write(output, manifest("doppel-generate-manifest", 1));
        assertThatThrownBy(() -> ManifestFile.read(ManifestFile.pathFor(output)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("s.csv.manifest.json").hasMessageContaining("format")
                .hasMessageContaining("\"doppel-manifest\"").hasMessageContaining("doppel-generate-manifest");
        ManifestFile.write(output, manifest(Manifest.FORMAT, 9));
        assertThatThrownBy(() -> ManifestFile.read(ManifestFile.pathFor(output)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("formatVersion").hasMessageContaining("version 1")
                .hasMessageContaining("version 9");
    }

    @Test
    void brokenJsonIsRefusedWithItsLine() throws IOException {
        Path file = dir.resolve("x.manifest.json");
        Files.writeString(file, "{\n  \"format\": \"doppel-manifest\",\n  \"rows\": oops\n}\n");
        InvalidDataException e = (InvalidDataException) org.junit.jupiter.api.Assertions.assertThrows(
                InvalidDataException.class, () -> ManifestFile.read(file, Manifest.class, Manifest.FORMAT, 1));
        assertThat(e.file()).isEqualTo("x.manifest.json");
        assertThat(e.line()).isEqualTo(3);
    }
}
