package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.fidelity.ColumnShapeScore;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.io.Json;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.relational.SchemaJson;
import dev.doppel.transform.TableDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {
    static final Path CHINOOK = Path.of(System.getProperty("doppel.datasets", "../../shared/datasets"), "chinook");

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void fit() {
        model = dir.resolve("chinook.doppel");
        CliRun run = CliRun.of("db", "fit", "--from", CHINOOK.toString(), "--schema",
                CHINOOK.resolve("metadata.json").toString(), "-o", model.toString(), "--save-schema",
                dir.resolve("schema.json").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("InvoiceLine").contains("count from InvoiceId").contains("fitted 11 tables");
        // The schema as read from Chinook's description, written back in Doppel's own format.
        assertThat(SchemaJson.read(dir.resolve("schema.json"))).isEqualTo(SchemaJson.read(CHINOOK.resolve("metadata.json")));
    }

    @Test
    void samplesEveryTableWithAManifestAndTheSeedDecidesTheBytes() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(CliRun.of("db", "sample", model.toString(), "--to", a.toString(), "--scale", "0.5", "--seed", "7")
                .exitCode()).isZero();
        assertThat(CliRun.of("db", "sample", model.toString(), "--to", b.toString(), "--scale", "0.5", "--seed", "7")
                .exitCode()).isZero();
        JsonNode manifest = Json.newMapper().readTree(a.resolve("manifest.json").toFile());
        assertThat(manifest.get("format").asText()).isEqualTo("doppel-db-manifest");
        assertThat(manifest.get("tables")).hasSize(11);
        for (JsonNode t : manifest.get("tables")) {
            Path file = a.resolve(t.get("file").asText());
            assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(b.resolve(t.get("file").asText())));
            assertThat(Files.readAllLines(file)).hasSize(t.get("rows").asInt() + 1);
        }
        // Employee is a root table of 8 rows: half is 4.
        assertThat(Files.readAllLines(a.resolve("Employee.csv"))).hasSize(5);
    }

    @Test
    void columnShapesOfTheLargeTablesMeetTheIssueTarget() {
        Path out = dir.resolve("shapes");
        assertThat(CliRun.of("db", "sample", model.toString(), "--to", out.toString(), "--seed", "3").exitCode())
                .isZero();
        // The evaluation module's column shapes (SDMetrics' KSComplement / TVComplement). Tables under 2,000 rows
        // are printed, not asserted here: resamples of their real rows score 0.63-0.91 themselves
        // (ChinookRelationalTest compares every table with that noise floor).
        for (String table : List.of("Track", "InvoiceLine", "Invoice", "Customer", "Employee")) {
            CsvTable realRaw = new CsvTableReader(CsvFormat.DEFAULT).read(CHINOOK.resolve(table + ".csv"));
            CsvTable synthRaw = new CsvTableReader(CsvFormat.DEFAULT).read(out.resolve(table + ".csv"));
            Set<String> keys = Set.of("TrackId", "AlbumId", "MediaTypeId", "GenreId", "InvoiceLineId", "InvoiceId",
                    "CustomerId", "SupportRepId", "ArtistId", "EmployeeId", "ReportsTo");
            TableMetadata inferred = MetadataInference.infer(realRaw);
            List<ColumnMetadata> learned = inferred.columns().stream()
                    .filter(c -> c.isLearned() && !keys.contains(c.name())).toList();
            TableMetadata metadata = new TableMetadata(learned, inferred.nullMarker(), inferred.delimiter());
            AlignedTables aligned = AlignedTables.of(metadata, TableDecoder.decode(realRaw, metadata),
                    TableDecoder.decode(synthRaw, metadata), null);
            double score = ColumnShapeScore.of(aligned, AlignedTables.Role.REAL, AlignedTables.Role.SYNTHETIC)
                    .stream().mapToDouble(ColumnShapeScore.ColumnShape::score).average().orElse(Double.NaN);
            System.out.printf("ColumnShapeScore %-12s %.3f over %d columns%n", table, score, learned.size());
            if (table.equals("InvoiceLine")) {
                assertThat(score).as(table).isGreaterThanOrEqualTo(0.95);
            } else if (table.equals("Track")) {
                // Track's Composer has hundreds of values: resamples of the real rows themselves average 0.952, so
                // 0.95 is a coin flip; allow 2/sqrt(3,000) below that floor.
                assertThat(score).as(table).isGreaterThan(0.952 - 2 / Math.sqrt(3000));
            }
        }
    }

    @Test
    void badInputExitsThreeWithoutAStackTrace() throws Exception {
        Path data = dir.resolve("bad");
        Files.createDirectories(data);
        Files.writeString(data.resolve("a.csv"), "id,b_id,x\n1,1,u\n2,1,v\n");
        Files.writeString(data.resolve("b.csv"), "id,a_id,y\n1,1,3\n");
        String cycle = """
                {"format": "doppel-schema", "formatVersion": 1, "tables": [
                  {"name": "a", "file": "a.csv", "primaryKey": "id", "foreignKeys": [{"column": "b_id", "references": "b"}]},
                  {"name": "b", "file": "b.csv", "primaryKey": "id", "foreignKeys": [{"column": "a_id", "references": "a"}]}]}
                """;
        String missingTable = cycle.replace("\"references\": \"a\"", "\"references\": \"c\"");
        String missingFile = cycle.replace("{\"column\": \"a_id\", \"references\": \"a\"}", "")
                .replace("b.csv", "nothing.csv");
        for (String[] c : List.of(new String[] {cycle, "cycle"}, new String[] {missingTable, "not in the schema"},
                new String[] {missingFile, "does not exist"})) {
            Path schema = data.resolve("schema.json");
            Files.writeString(schema, c[0]);
            CliRun run = CliRun.of("db", "fit", "--from", data.toString(), "--schema", schema.toString(), "-o",
                    dir.resolve("bad.doppel").toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
            assertThat(run.err()).contains(c[1]).doesNotContain("Exception").doesNotContain("\tat ");
        }
        CliRun notADatabase = CliRun.of("db", "sample", data.resolve("a.csv").toString(), "--to",
                dir.resolve("x").toString());
        assertThat(notADatabase.exitCode()).isEqualTo(3);
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }
}
