package dev.doppel.design.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PublishedSchemaTest {
    @Test
    void docsCopyIsTheSchemaTheReaderUses() throws IOException {
        // Maven runs tests in the module folder; the published copy lives in the project's docs.
        assertEquals(SpecSchema.text(), Files.readString(Path.of("..", "docs", "doppel-spec.schema.json")));
    }
}
