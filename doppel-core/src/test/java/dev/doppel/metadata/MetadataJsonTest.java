package dev.doppel.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataJsonTest {
    @TempDir
    Path dir;

    private static final TableMetadata SAMPLE = new TableMetadata(List.of(
            ColumnMetadata.numerical("age", true, 17.0, 90.0, 0),
            ColumnMetadata.categorical("city"),
            ColumnMetadata.bool("active", "yes", "no"),
            ColumnMetadata.datetime("joined", "yyyy-MM-dd"),
            ColumnMetadata.id("ref", false, "C#####"),
            ColumnMetadata.pii("email", PiiKind.EMAIL),
            ColumnMetadata.text("note")), "?", ";");

    @Test
    void roundTripsEveryColumnType() {
        Path file = dir.resolve("m.json");
        MetadataJson.write(SAMPLE, file);
        assertThat(MetadataJson.read(file)).isEqualTo(SAMPLE);
    }

    @Test
    void writesReadableJsonWithoutDerivedFields() throws IOException {
        Path file = dir.resolve("m.json");
        MetadataJson.write(SAMPLE, file);
        String text = Files.readString(file);
        assertThat(text).contains("\"format\" : \"doppel-metadata\"").contains("\"type\" : \"numerical\"")
                .doesNotContain("learned").doesNotContain("numeric\"");
    }

    private InvalidDataException failure(String json) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json);
        try {
            MetadataJson.read(file);
        } catch (InvalidDataException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void rejectsUnknownTypeNamingLineFieldAndValidTypes() throws IOException {
        InvalidDataException e = failure("""
                {"format": "doppel-metadata", "formatVersion": 1,
                 "columns": [
                   {"name": "a", "type": "numerical"},
                   {"name": "b", "type": "colour"}
                 ]}
                """);
        assertThat(e.file()).isEqualTo("bad.json");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).contains("columns[1].type");
        assertThat(e.expected()).contains("numerical, categorical, boolean, datetime, id, pii, text");
    }

    @Test
    void rejectsUnknownFormatVersion() throws IOException {
        InvalidDataException e = failure("{\"format\": \"doppel-metadata\", \"formatVersion\": 2, \"columns\": []}");
        assertThat(e.getMessage()).contains("formatVersion").contains("this Doppel reads version 1");
    }

    @Test
    void rejectsMalformedJsonWithItsLine() throws IOException {
        InvalidDataException e = failure("{\"format\": \"doppel-metadata\",\n \"formatVersion\": 1,\n \"columns\": [\n");
        assertThat(e.line()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void rejectsInvalidColumnDefinitions() throws IOException {
        InvalidDataException e = failure("""
                {"format": "doppel-metadata", "formatVersion": 1,
                 "columns": [{"name": "d", "type": "datetime"}]}
                """);
        assertThat(e.getMessage()).contains("a datetime column needs a format");
        InvalidDataException unknownField = failure("""
                {"format": "doppel-metadata", "formatVersion": 1,
                 "columns": [{"name": "d", "type": "categorical", "colour": "red"}]}
                """);
        assertThat(unknownField.getMessage()).contains("colour");
    }

    @Test
    void rejectsNonMetadataFiles() throws IOException {
        assertThat(failure("{\"columns\": [{\"name\": \"a\", \"type\": \"text\"}]}").column()).isEqualTo("format");
        InvalidDataException e = failure("{\"format\": \"other\", \"formatVersion\": 1, \"columns\": []}");
        assertThat(e.column()).isEqualTo("format");
    }
}
