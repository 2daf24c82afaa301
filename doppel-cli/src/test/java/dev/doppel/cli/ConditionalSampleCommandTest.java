package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel fit --synthesizer bayes-net --param}, then {@code doppel sample --where / --balance / --boost}. */
class ConditionalSampleCommandTest {
    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void fitLoans() throws IOException {
        StringBuilder csv = new StringBuilder("grade,income,defaulted\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 3000; i++) {
            String grade = random.nextDouble() < 0.7 ? "A" : random.nextDouble() < 0.7 ? "B" : "C";
            int income = 20_000 + random.nextInt(60_000);
            boolean defaulted = random.nextDouble() < (grade.equals("C") ? 0.3 : 0.03);
            csv.append(grade).append(',').append(income).append(',').append(defaulted ? "yes" : "no").append('\n');
        }
        Path data = dir.resolve("loans.csv");
        Files.writeString(data, csv, StandardCharsets.UTF_8);
        model = dir.resolve("loans.doppel");
        CliRun fit = CliRun.of("fit", data.toString(), "--synthesizer", "bayes-net", "--param", "maxBins=16",
                "-o", model.toString());
        assertThat(fit.exitCode()).as(fit.err()).isZero();
    }

    private List<String[]> rows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void whereSamplesOnlyMatchingRowsAndRecordsTheCondition() throws IOException {
        Path out = dir.resolve("c.csv");
        CliRun run = CliRun.of("sample", model.toString(), "-n", "2000", "--where", "grade=C|B,income=30000..40000",
                "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("of the model's rows satisfy it");
        List<String[]> rows = rows(out);
        assertThat(rows).hasSize(2000).allSatisfy(r -> {
            assertThat(r[0]).isIn("B", "C");
            assertThat(Integer.parseInt(r[1])).isBetween(30_000, 40_000);
        });
        JsonNode manifest = Json.newMapper().readTree(dir.resolve("c.csv.manifest.json").toFile());
        assertThat(manifest.get("sampling").asText()).isEqualTo("where grade=C|B,income=30000..40000");
    }

    @Test
    void balanceAndBoostGiveExactCounts() throws IOException {
        Path balanced = dir.resolve("b.csv");
        assertThat(CliRun.of("sample", model.toString(), "-n", "3000", "--balance", "grade", "-o", balanced.toString())
                .exitCode()).isZero();
        Map<String, Long> grades = rows(balanced).stream().collect(Collectors.groupingBy(r -> r[0], Collectors.counting()));
        assertThat(grades).containsOnly(Map.entry("A", 1000L), Map.entry("B", 1000L), Map.entry("C", 1000L));

        Path boosted = dir.resolve("d.csv");
        CliRun run = CliRun.of("sample", model.toString(), "-n", "4000", "--boost", "defaulted=yes:5x", "--where",
                "grade=A", "-o", boosted.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Long> outcome = rows(boosted).stream().collect(Collectors.groupingBy(r -> r[2], Collectors.counting()));
        assertThat(rows(boosted)).allSatisfy(r -> assertThat(r[0]).isEqualTo("A"));
        // About 3 % default among grade A in the data; boosted five times: about 15 %, exactly as the plan printed.
        assertThat(outcome.get("yes")).isBetween(400L, 800L);
        assertThat(run.out()).containsPattern("defaulted=yes +\\d+\\.\\d\\d% of rows");
    }

    @Test
    void impossibleOrMalformedRequestsFailWithoutOutput() {
        Path out = dir.resolve("x.csv");
        Map<List<String>, String> cases = Map.of(
                List.of("--where", "grade=Z"), "never has the value 'Z'",
                List.of("--where", "income=1..2"), "no values in",
                List.of("--where", "grde=A"), "no column 'grde'",
                List.of("--boost", "defaulted=yes:90x"), "of the rows",
                List.of("--balance", "income"), "not a learned categorical");
        cases.forEach((args, message) -> {
            List<String> all = new java.util.ArrayList<>(List.of("sample", model.toString(), "-n", "10", "-o", out.toString()));
            all.addAll(args);
            CliRun run = CliRun.of(all.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(3);
            assertThat(run.err()).contains(message).doesNotContain("Exception");
            assertThat(out).doesNotExist();
        });
        CliRun both = CliRun.of("sample", model.toString(), "-n", "10", "--balance", "grade", "--boost", "grade=A:2x",
                "-o", out.toString());
        assertThat(both.exitCode()).isEqualTo(2);
    }

    @Test
    void copulaModelsSayConditionalSamplingNeedsBayesNet() throws IOException {
        Path data = dir.resolve("loans2.csv");
        Files.writeString(data, "grade,income\nA,1\nB,2\nA,3\nB,4\n", StandardCharsets.UTF_8);
        Path copula = dir.resolve("copula.doppel");
        assertThat(CliRun.of("fit", data.toString(), "--synthesizer", "gaussian-copula", "-o", copula.toString())
                .exitCode()).isZero();
        CliRun run = CliRun.of("sample", copula.toString(), "-n", "10", "--where", "grade=A", "-o",
                dir.resolve("y.csv").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("cannot sample conditionally").contains("bayes-net");
    }

    @Test
    void rebalanceExperimentComparesThreeTrainingSets() {
        CliRun run = CliRun.of("bench", "rebalance", "--data", dir.resolve("loans.csv").toString(), "--target",
                "defaulted", "--positive", "yes", "--splits", "2", "--factor", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = run.out().lines().filter(l -> l.startsWith("| real")).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).contains("trees");
        assertThat(rows.get(2)).contains("SMOTE");
        for (String row : rows) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[+-]?(\\d\\.\\d{4}) ± (\\d\\.\\d{4})").matcher(row);
            int found = 0;
            while (m.find()) {
                assertThat(Double.parseDouble(m.group(1))).isBetween(0.0, 1.0);
                found++;
            }
            assertThat(found).as(row).isEqualTo(row.startsWith("| real only") ? 2 : 3);
        }
        CliRun missing = CliRun.of("bench", "rebalance", "--data", dir.resolve("loans.csv").toString(), "--target", "nope");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("no column 'nope'");
    }

    @Test
    void unknownSynthesizerParameterIsAClearError() {
        CliRun run = CliRun.of("fit", dir.resolve("loans.csv").toString(), "--synthesizer", "bayes-net", "--param",
                "depth=3", "-o", dir.resolve("z.doppel").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("has no parameter 'depth'").contains("maxParents");
    }
}
