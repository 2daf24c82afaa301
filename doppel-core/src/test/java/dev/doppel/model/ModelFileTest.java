package dev.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.InvalidDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private Path written() {
        Path file = dir.resolve("m.doppel");
        ModelFile.write(file, List.of(
                new ModelFile.Section("model", "application/json", "{\"a\": 1}".getBytes(StandardCharsets.UTF_8)),
                new ModelFile.Section("weights", "application/octet-stream", new byte[] {0, 1, 2, (byte) 255})));
        return file;
    }

    @Test
    void roundTripsSections() {
        List<ModelFile.Section> sections = ModelFile.read(written());
        assertThat(sections).extracting(ModelFile.Section::name).containsExactly("model", "weights");
        assertThat(sections.get(1).content()).containsExactly(0, 1, 2, 255);
    }

    @Test
    void firstLineIsAJsonHeaderAndTheModelSectionIsReadable() throws IOException {
        List<String> lines = Files.readAllLines(written(), StandardCharsets.ISO_8859_1);
        assertThat(lines.get(0)).startsWith("{\"format\":\"doppel-model\",\"formatVersion\":1,");
        assertThat(lines.get(1)).startsWith("{\"a\": 1}");
    }

    @Test
    void rejectsATamperedByte() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("m.doppel").hasMessageContaining("checksum mismatch");
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 2));
        assertThatThrownBy(() -> ModelFile.read(file)).hasMessageContaining("truncated");
    }

    @Test
    void rejectsAnUnknownVersion() throws IOException {
        Path file = written();
        String text = Files.readString(file, StandardCharsets.ISO_8859_1).replace("\"formatVersion\":1", "\"formatVersion\":9");
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ModelFile.read(file)).hasMessageContaining("version 9")
                .hasMessageContaining("this Doppel reads version 1");
    }

    @Test
    void rejectsFilesThatAreNotModels() throws IOException {
        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        assertThatThrownBy(() -> ModelFile.read(csv)).isInstanceOf(InvalidDataException.class)
                .hasMessage("data.csv, line 1: expected a Doppel model file (written by 'doppel fit'), found something else");
    }
}
