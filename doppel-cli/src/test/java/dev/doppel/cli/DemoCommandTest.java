package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTableReader;
import dev.doppel.io.Json;
import dev.doppel.table.CategoricalColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel demo} on the bank spec at a fifth of its rows (about 14,000 transactions). */
class DemoCommandTest {
    static final List<String> TABLES = List.of("customers", "accounts", "transactions");
    static final List<String> DATA_FILES = List.of("real/customers.csv", "real/accounts.csv",
            "real/transactions.csv", "synthetic/customers.csv", "synthetic/accounts.csv",
            "synthetic/transactions.csv");

    @TempDir
    static Path dir;
    static Path demo;
    static CliRun run;
    static Map<String, byte[]> firstRun = new LinkedHashMap<>();

    @BeforeAll
    static void runDemo() throws IOException {
        demo = dir.resolve("demo");
        run = CliRun.of("demo", "-o", demo.toString(), "--scale", "0.2", "--seed", "3", "--threads", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String f : DATA_FILES) {
            firstRun.put(f, Files.readAllBytes(demo.resolve(f)));
        }
    }

    @Test
    void writesEveryStepsOutputAndASummary() throws IOException {
        for (String f : List.of("bank.yaml", "schema.json", "model.doppel", "report.html", "report.json",
                "ceiling.json", "summary.txt", "real/manifest.json", "synthetic/manifest.json")) {
            assertThat(demo.resolve(f)).isRegularFile();
        }
        // The printed summary is kept in the folder (timings aside, a rerun prints the same).
        assertThat(Files.readString(demo.resolve("summary.txt"))).contains("database quality", "any scenario",
                "transactions.account_id -> accounts");
        assertThat(run.out()).contains("customers", "accounts", "transactions", "integrity 1.0000",
                "card_testing", "amount_at_limit", "night_atm_burst", "report.html", "ceiling");
        // Nothing but the folder itself is left beside it.
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("demo");
        }
    }

    @Test
    void everyForeignKeyOfTheSyntheticDatabasePointsToAnExistingRow() {
        Set<String> customers = keys(demo.resolve("synthetic/customers.csv"), "customer_id");
        Set<String> accounts = keys(demo.resolve("synthetic/accounts.csv"), "account_id");
        assertThat(customers).isNotEmpty();
        assertThat(accounts).isNotEmpty();
        assertThat(customers).containsAll(values(demo.resolve("synthetic/accounts.csv"), "customer_id"));
        assertThat(accounts).containsAll(values(demo.resolve("synthetic/transactions.csv"), "account_id"));
    }

    @Test
    void realFraudLabelsFollowTheSpecAndTheSyntheticCopyKeepsTheirShare() {
        CsvTableReader reader = new CsvTableReader(CsvFormat.DEFAULT);
        DemoCommand.LabelCounts real = DemoCommand.labels(reader, demo.resolve("real/transactions.csv"), "scenario");
        DemoCommand.LabelCounts synthetic = DemoCommand.labels(reader, demo.resolve("synthetic/transactions.csv"),
                "scenario");
        int n = real.rows();
        assertThat(n).isBetween(12_000, 16_000);
        // A counted scenario takes exactly its count of rows.
        assertThat(real.count("night_atm_burst")).isEqualTo(25);
        // Rate scenarios: binomial counts, within 4 standard deviations of n × rate; a card-testing burst starts
        // at rate 0.0005 and takes 5 rows, so its row count has 5 times the burst count's deviation.
        double limit = n * 0.001;
        assertThat((double) real.count("amount_at_limit")).isCloseTo(limit, org.assertj.core.data.Offset.offset(
                4 * Math.sqrt(limit)));
        double bursts = n * 0.0005;
        assertThat((double) real.count("card_testing")).isCloseTo(5 * bursts, org.assertj.core.data.Offset.offset(
                5 * 4 * Math.sqrt(bursts)));
        // The synthetic rows are drawn independently from a model of the real ones: each label's count is
        // binomial around the real count (4 deviations, plus 2 rows of slack for the model's own smoothing).
        assertThat(synthetic.rows()).isEqualTo(n);
        for (String label : List.of("night_atm_burst", "amount_at_limit", "card_testing")) {
            int r = real.count(label);
            assertThat(synthetic.count(label)).as(label)
                    .isBetween((int) Math.floor(r - 4 * Math.sqrt(r) - 2), (int) Math.ceil(r + 4 * Math.sqrt(r) + 2));
        }
    }

    @Test
    void scoresAreInRangeAndNearTheCeiling() throws IOException {
        JsonNode report = Json.newMapper().readTree(demo.resolve("report.json").toFile()).get("metrics");
        JsonNode ceiling = Json.newMapper().readTree(demo.resolve("ceiling.json").toFile()).get("metrics");
        assertThat(report.get("database.integrity").asDouble()).isEqualTo(1.0);
        assertThat(ceiling.get("database.integrity").asDouble()).isEqualTo(1.0);
        for (String t : TABLES) {
            for (String m : List.of("column_shapes", "column_pair_trends")) {
                double synthetic = report.get("table." + t + "." + m).asDouble();
                double best = ceiling.get("table." + t + "." + m).asDouble();
                assertThat(synthetic).as(t + " " + m).isBetween(0.0, 1.0);
                assertThat(best).as(t + " " + m + " ceiling").isBetween(0.9, 1.0);
                // Trees on a designed database should lose little against a second real sample.
                assertThat(synthetic).as(t + " " + m).isGreaterThan(best - 0.05);
            }
            assertThat(report.get("table." + t + ".row_ratio").asDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void rerunReplacesTheFolderWithByteIdenticalTablesWhateverTheThreadCount() throws IOException {
        CliRun again = CliRun.of("demo", "-o", demo.toString(), "--scale", "0.2", "--seed", "3", "--threads", "1");
        assertThat(again.exitCode()).as(again.err()).isZero();
        for (String f : DATA_FILES) {
            assertThat(Files.readAllBytes(demo.resolve(f))).as(f).isEqualTo(firstRun.get(f));
        }
    }

    @Test
    void refusesAFolderThatIsNotAnEarlierDemo() throws IOException {
        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        CliRun refused = CliRun.of("demo", "-o", mine.toString(), "--scale", "0.01");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("mine").contains("not an earlier demo");
        assertThat(Files.readString(mine.resolve("notes.txt"))).isEqualTo("keep me");
        Files.delete(mine.resolve("notes.txt"));
        Files.delete(mine);
    }

    private static CategoricalColumn column(Path file, String name) {
        return (CategoricalColumn) new CsvTableReader(CsvFormat.DEFAULT).read(file).table().column(name);
    }

    private static List<String> values(Path file, String name) {
        CategoricalColumn c = column(file, name);
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            out.add(c.isNull(i) ? null : c.get(i));
        }
        return out;
    }

    private static Set<String> keys(Path file, String name) {
        List<String> v = values(file, name);
        Set<String> unique = new HashSet<>(v);
        assertThat(unique).as("unique " + name).hasSize(v.size()).doesNotContainNull();
        return unique;
    }
}
