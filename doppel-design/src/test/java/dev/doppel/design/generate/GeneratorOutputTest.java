package dev.doppel.design.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.design.spec.DesignSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder: byte-identical for a seed at any thread count, a manifest, nothing written on failure. */
class GeneratorOutputTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedGivesByteIdenticalFilesAtOneAndTwoThreads() throws IOException {
        DesignSpec spec = Specs.example("bank");
        new DesignGenerator(spec, SpecExpressions.INSTANCE).write(dir.resolve("one"), 7, 1, done -> { });
        new DesignGenerator(spec, SpecExpressions.INSTANCE).write(dir.resolve("two"), 7, 2, done -> { });
        new DesignGenerator(spec, SpecExpressions.INSTANCE).write(dir.resolve("other"), 8, 2, done -> { });
        for (String table : List.of("customers", "accounts", "transactions")) {
            byte[] one = Files.readAllBytes(dir.resolve("one").resolve(table + ".csv"));
            assertArrayEquals(one, Files.readAllBytes(dir.resolve("two").resolve(table + ".csv")), table);
            assertFalse(java.util.Arrays.equals(one,
                    Files.readAllBytes(dir.resolve("other").resolve(table + ".csv"))), table);
        }
        // Transactions span several blocks, so the two-thread run really interleaved blocks.
        assertTrue(Files.readAllLines(dir.resolve("one").resolve("transactions.csv")).size() > 3 * 8192);
    }

    @Test
    void encodedBlocksAreTheCsvWriterTextOfTheRows() {
        for (String example : List.of("bank", "hospital")) {
            for (TableGenerator t : new DesignGenerator(Specs.example(example), SpecExpressions.INSTANCE).tables(4)) {
                for (long b = 0; b < Math.min(2, t.blocks()); b++) {
                    StringBuilder expected = new StringBuilder();
                    for (String[] row : t.block(b)) {
                        dev.doppel.io.CsvRowWriter.appendRow(expected, row, ',', "");
                    }
                    assertEquals(expected.toString(), new String(t.encodedBlock(b).utf8(),
                            java.nio.charset.StandardCharsets.UTF_8), t.spec().name() + " block " + b);
                }
            }
        }
    }

    @Test
    void writesManifestWithSpecHashSeedAndRowCounts() throws IOException {
        DesignSpec spec = Specs.example("hospital");
        GenerationManifest m = new DesignGenerator(spec, SpecExpressions.INSTANCE)
                .write(dir.resolve("out"), 3, 2, done -> { });
        GenerationManifest read = GenerationManifest.read(dir.resolve("out"));
        assertEquals(m, read);
        assertEquals(spec.sha256(), read.specSha256());
        assertEquals(3, read.seed());
        for (GenerationManifest.Table t : read.tables()) {
            List<String> lines = Files.readAllLines(dir.resolve("out").resolve(t.file()));
            assertEquals(t.rows() + 1, lines.size());
            assertEquals(t.columns(), lines.get(0).split(",").length);
        }
        assertNotEquals(read.tables().get(0).sha256(), read.tables().get(1).sha256());
    }

    @Test
    void manifestOfAnotherVersionIsRefusedOnRead() throws IOException {
        DesignSpec spec = Specs.parse(Specs.oneColumn(10, "{type: uniform, min: 0, max: 1}", ""));
        new DesignGenerator(spec, SpecExpressions.INSTANCE).write(dir.resolve("v"), 3, 1, d -> { });
        Path manifest = dir.resolve("v").resolve(DesignGenerator.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replaceFirst(
                "\"formatVersion\"\\s*:\\s*" + GenerationManifest.FORMAT_VERSION,
                "\"formatVersion\": 7"));
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> GenerationManifest.read(dir.resolve("v")));
        assertEquals("formatVersion", e.column());
        assertEquals("version 7", e.actual());
    }

    @Test
    void impossibleCountFailsBeforeAnyFileIsWritten() throws IOException {
        DesignSpec spec = Specs.parse("""
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: big
                    rows: 100000
                    columns:
                      - {name: x, distribution: {type: uniform, min: 0, max: 1}}
                  - name: small
                    rows: 5
                    columns:
                      - {name: x, distribution: {type: uniform, min: 0, max: 1}}
                    scenarios:
                      - {name: too_many, count: 6, set: {x: 2}}
                """);
        Path out = dir.resolve("out");
        DoppelException e = assertThrows(DoppelException.class,
                () -> new DesignGenerator(spec, SpecExpressions.INSTANCE).write(out, 1, 1, done -> { }));
        assertTrue(e.getMessage().contains("count 6 is more than the table's 5 rows"), e.getMessage());
        assertFalse(Files.exists(out));
        try (var entries = Files.list(dir)) {
            assertEquals(0, entries.count(), "no temporary folder is left");
        }
    }

    @Test
    void refusesNonEmptyTarget() throws IOException {
        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full").resolve("keep.txt"), "x");
        assertThrows(DoppelException.class, () -> new DesignGenerator(Specs.example("hospital"),
                SpecExpressions.INSTANCE).write(dir.resolve("full"), 1, 1, done -> { }));
        assertEquals("x", Files.readString(dir.resolve("full").resolve("keep.txt")));
    }
}
