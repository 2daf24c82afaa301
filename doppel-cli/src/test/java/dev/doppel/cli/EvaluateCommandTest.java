package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    @TempDir
    static Path dir;
    static Path train;
    static Path holdout;
    static Path synthetic;

    @BeforeAll
    static void makeData() throws IOException {
        Path data = dir.resolve("loans.csv");
        ExampleTable.write(data, 2000, 3);
        assertThat(CliRun.of("split", data.toString(), "--holdout", "0.3", "--seed", "4").exitCode()).isZero();
        train = dir.resolve("loans.train.csv");
        holdout = dir.resolve("loans.holdout.csv");
        Path model = dir.resolve("m.doppel");
        synthetic = dir.resolve("synth.csv");
        assertThat(CliRun.of("fit", train.toString(), "-o", model.toString()).exitCode()).isZero();
        assertThat(CliRun.of("sample", model.toString(), "-n", "1400", "-o", synthetic.toString()).exitCode()).isZero();
    }

    private static CliRun evaluate(String... extra) {
        String[] base = {"evaluate", "--real", train.toString(), "--synthetic", synthetic.toString(), "--holdout",
            holdout.toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CliRun.of(all);
    }

    @Test
    void passingGatesExitZeroAndTheJsonReportCarriesTheManifest() throws IOException {
        Path json = dir.resolve("r.json");
        CliRun run = evaluate("--json", json.toString(), "--require", "quality>=0.5,privacy.exact_copy_rate<=0.01");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("all 2 gates passed");
        JsonNode report = Json.newMapper().readTree(json.toFile());
        assertThat(report.get("format").asText()).isEqualTo("doppel-evaluation");
        assertThat(report.toString()).contains("\"modelFingerprint\"").contains("sha256:");
    }

    @Test
    void failingGateExitsFourNamingTheGateAndItsValue() {
        CliRun run = evaluate("--require", "quality>=0.999,privacy.dcr_share<=0.9");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("gate failed").contains("quality").contains("0.999")
                .doesNotContain("dcr_share");
    }

    @Test
    void malformedGateIsAUsageError() {
        CliRun run = evaluate("--require", "quality=>0.8");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("quality=>0.8");
    }

    @Test
    void unknownGateMetricIsNamed() {
        CliRun run = evaluate("--require", "qualty>=0.8");
        assertThat(run.exitCode()).isIn(2, 3);
        assertThat(run.err()).contains("qualty");
    }

    @Test
    void syntheticWithOtherColumnsIsBadInput() throws IOException {
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "a,b\n1,2\n3,4\n");
        CliRun run = CliRun.of("evaluate", "--real", train.toString(), "--synthetic", other.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("other.csv").contains("no column").doesNotContain("\tat ");
    }

    @Test
    void unknownTargetIsBadInput() {
        CliRun run = evaluate("--target", "income");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("income");
    }
}
