package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel db evaluate} on Chinook: the real tables against a synthetic copy from {@code db sample}. */
class DbEvaluateCommandTest {
    static final Path CHINOOK = Path.of(System.getProperty("doppel.datasets", "../../shared/datasets"), "chinook");

    @TempDir
    static Path dir;
    static Path synthetic;
    static Path schema;

    @BeforeAll
    static void fitAndSample() {
        Path model = dir.resolve("chinook.doppel");
        schema = CHINOOK.resolve("metadata.json");
        CliRun fit = CliRun.of("db", "fit", "--from", CHINOOK.toString(), "--schema", schema.toString(),
                "-o", model.toString());
        assertThat(fit.exitCode()).as(fit.err()).isZero();
        synthetic = dir.resolve("synthetic");
        CliRun sample = CliRun.of("db", "sample", model.toString(), "--to", synthetic.toString(), "--seed", "7");
        assertThat(sample.exitCode()).as(sample.err()).isZero();
    }

    private static CliRun evaluate(Path json, String... extra) {
        String[] base = {"db", "evaluate", "--real", CHINOOK.toString(), "--synthetic", synthetic.toString(),
                "--schema", schema.toString(), "-o", json.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void writesJsonAndHtmlWithEveryTableAndForeignKey() throws Exception {
        Path json = dir.resolve("report.json");
        Path html = dir.resolve("report.html");
        CliRun run = evaluate(json, "--html", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        System.out.println(run.out());
        JsonNode report = Json.newMapper().readTree(json.toFile());
        assertThat(report.get("format").asText()).isEqualTo("doppel-database-evaluation");
        assertThat(report.get("tables")).hasSize(11);
        assertThat(report.get("foreignKeys")).hasSize(11);
        JsonNode m = report.get("metrics");
        assertThat(m.get("database.integrity").asDouble()).as("db sample keeps every key").isEqualTo(1.0);
        // The targets for the links the relational tests assert (ChinookRelationalTest): KS < 0.1.
        assertThat(m.get("fk.InvoiceLine.InvoiceId.child_count_ks").asDouble()).isLessThan(0.1);
        assertThat(m.get("fk.Track.AlbumId.child_count_ks").asDouble()).isLessThan(0.1);
        assertThat(m.get("table.InvoiceLine.column_shapes").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(m.get("table.Artist.column_shapes").isNull()).as("names only: nothing learned").isTrue();
        // An invoice's Total is the sum of its lines, and db sample learns it with the line count.
        JsonNode invoiceLines = null;
        for (JsonNode fk : report.get("foreignKeys")) {
            if (fk.get("child").asText().equals("InvoiceLine") && fk.get("column").asText().equals("InvoiceId")) {
                invoiceLines = fk;
            }
        }
        JsonNode totalVsCount = null;
        for (JsonNode t : invoiceLines.get("trends")) {
            if (t.get("parentColumn").asText().equals("Total") && t.get("childAggregate").asText()
                    .equals("count(InvoiceLine)")) {
                totalVsCount = t;
            }
        }
        assertThat(totalVsCount.get("realCorrelation").asDouble()).isGreaterThan(0.8);
        assertThat(totalVsCount.get("score").asDouble()).isGreaterThan(0.9);
        assertThat(report.at("/provenance/manifest/format").asText()).isEqualTo("doppel-db-manifest");
        String page = Files.readString(html);
        assertThat(page).contains("<section id=\"cross-table\">", "<section id=\"table-Invoice\">",
                "InvoiceLine per Invoice (InvoiceId)");
    }

    @Test
    void theRealDatabaseAgainstItselfScoresOne() throws Exception {
        Path json = dir.resolve("self.json");
        CliRun run = CliRun.of("db", "evaluate", "--real", CHINOOK.toString(), "--synthetic", CHINOOK.toString(),
                "--schema", schema.toString(), "-o", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode m = Json.newMapper().readTree(json.toFile()).get("metrics");
        assertThat(m.get("database.quality").asDouble()).isEqualTo(1.0);
        assertThat(m.get("database.child_count_ks_max").asDouble()).isEqualTo(0.0);
        // The shared Chinook has one orphan: customer 510's support rep 67.
        assertThat(m.get("fk.Customer.SupportRepId.integrity").asDouble()).isEqualTo(1.0 - 1.0 / 60);
    }

    @Test
    void gatesDecideTheExitCode() {
        CliRun pass = evaluate(dir.resolve("g1.json"), "--require", "database.integrity>=1,database.quality>=0.7");
        assertThat(pass.exitCode()).as(pass.err()).isZero();
        assertThat(pass.out()).contains("all 2 gates passed");
        CliRun fail = evaluate(dir.resolve("g2.json"), "--require", "database.child_count_ks_max<0.001");
        assertThat(fail.exitCode()).isEqualTo(4);
        assertThat(fail.err()).contains("gate failed: database.child_count_ks_max = ");
        CliRun unknown = evaluate(dir.resolve("g3.json"), "--require", "table.Nope.quality>=0.5");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown metric 'table.Nope.quality'");
        assertThat(dir.resolve("g3.json")).doesNotExist();
    }

    @Test
    void aMissingTableFileIsAClearErrorAndWritesNothing() throws Exception {
        Path partial = dir.resolve("partial");
        Files.createDirectories(partial);
        Files.copy(synthetic.resolve("Album.csv"), partial.resolve("Album.csv"));
        Path json = dir.resolve("missing.json");
        CliRun run = CliRun.of("db", "evaluate", "--real", CHINOOK.toString(), "--synthetic", partial.toString(),
                "--schema", schema.toString(), "-o", json.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("Artist.csv").contains("does not exist").doesNotContain("at dev.doppel");
        assertThat(json).doesNotExist();
    }

    @Test
    void readsADuckDbSyntheticDatabaseAndItsDeclaredKeys() throws Exception {
        Path db = dir.resolve("synthetic.duckdb");
        CliRun sample = CliRun.of("db", "sample", dir.resolve("chinook.doppel").toString(), "--to",
                "jdbc:duckdb:" + db, "--seed", "7");
        assertThat(sample.exitCode()).as(sample.err()).isZero();
        Path json = dir.resolve("duck.json");
        CliRun run = CliRun.of("db", "evaluate", "--real", CHINOOK.toString(), "--synthetic", "jdbc:duckdb:" + db,
                "-o", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = Json.newMapper().readTree(json.toFile());
        assertThat(report.get("foreignKeys")).as("keys as DuckDB declares them").hasSize(11);
        assertThat(report.get("metrics").get("database.integrity").asDouble()).isEqualTo(1.0);
    }
}
