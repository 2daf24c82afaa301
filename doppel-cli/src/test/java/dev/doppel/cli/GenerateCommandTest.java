package dev.doppel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void generatesEveryTableAndManifest() throws IOException {
        Path spec = dir.resolve("shop.yaml");
        Files.writeString(spec, """
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: customers
                    rows: 50
                    columns:
                      - {name: id, sequence: {}}
                      - {name: tier, distribution: {type: categorical, values: {gold: 1, basic: 4}}}
                  - name: orders
                    rows: {perParent: customer, distribution: {type: poisson, mean: 2}}
                    columns:
                      - {name: customer, references: customers.id}
                      - {name: total, distribution: {type: exponential, mean: 40}}
                """);
        CliRun run = CliRun.of("generate", spec.toString(), "-o", dir.resolve("out").toString(), "--seed", "7");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(51, Files.readAllLines(dir.resolve("out/customers.csv")).size());
        assertTrue(Files.readString(dir.resolve("out/manifest.json")).contains("\"seed\" : 7"));
        assertTrue(run.out().contains("orders:"), run.out());
    }

    @Test
    void badSpecExitsThreeWithOneLineAndWritesNothing() throws IOException {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, """
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: t
                    rows: 10
                    columns:
                      - {name: a, distribution: {type: uniform, min: 0, max: 1}}
                      - {name: b, expression: "a + c"}
                """);
        CliRun run = CliRun.of("generate", spec.toString(), "-o", dir.resolve("out").toString());
        assertEquals(3, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: bad.yaml, line 8, field tables[0].columns[1].expression"), run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void bundledExampleRuns() {
        CliRun run = CliRun.of("generate", "--example", "hospital", "-o", dir.resolve("h").toString(),
                "--threads", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(dir.resolve("h/visits.csv")));
    }
}
