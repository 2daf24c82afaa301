package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private Path smallTable() throws IOException {
        StringBuilder csv = new StringBuilder("id,age,city,score,joined\n");
        String[] cities = {"Lyon", "Oslo", "Porto"};
        for (int i = 0; i < 300; i++) {
            csv.append(i + 1).append(',').append(20 + i % 40).append(',').append(cities[i % 3]).append(',')
                    .append(i % 17 == 0 ? "" : String.format(java.util.Locale.ROOT, "%.2f", 50 + (i % 40) * 1.5))
                    .append(',').append(String.format("2024-%02d-%02d", 1 + i % 12, 1 + i % 28)).append('\n');
        }
        return write("small.csv", csv.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "fit", "sample", "split", "demo", "bench"})
    void everyCommandHasHelp(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: doppel " + command);
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("fit", "data.csv", "-o", "m.doppel", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--no-such-option");
    }

    @Test
    void splitWritesDisjointTrainAndHoldoutFilesWithTheOriginalText() throws IOException {
        Path data = smallTable();
        CliRun run = CliRun.of("split", data.toString(), "--holdout", "0.25", "--seed", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> all = Files.readAllLines(data);
        List<String> train = Files.readAllLines(dir.resolve("small.train.csv"));
        List<String> holdout = Files.readAllLines(dir.resolve("small.holdout.csv"));
        assertThat(train.get(0)).isEqualTo(all.get(0));
        assertThat(holdout).hasSize(75 + 1);
        assertThat(train.subList(1, train.size())).doesNotContainAnyElementsOf(holdout.subList(1, holdout.size()));
        List<String> rejoined = new java.util.ArrayList<>(train.subList(1, train.size()));
        rejoined.addAll(holdout.subList(1, holdout.size()));
        assertThat(rejoined).containsExactlyInAnyOrderElementsOf(all.subList(1, all.size()));
    }

    @Test
    void badDelimiterIsAUsageError() throws IOException {
        CliRun run = CliRun.of("inspect", smallTable().toString(), "--delimiter", "ab");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--delimiter must be one character");
    }

    @Test
    void fitsAndSamplesWithAManifestBesideTheOutput() throws IOException {
        Path data = smallTable();
        Path model = dir.resolve("m.doppel");
        Path out = dir.resolve("synth.csv");
        assertThat(CliRun.of("fit", data.toString(), "-o", model.toString()).exitCode()).isZero();
        CliRun sample = CliRun.of("sample", model.toString(), "-n", "1000", "--seed", "9", "-o", out.toString());
        assertThat(sample.exitCode()).as(sample.err()).isZero();

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1001);
        assertThat(lines.get(0)).isEqualTo("id,age,city,score,joined");
        assertThat(lines.get(1)).matches("\\d+,\\d+,(Lyon|Oslo|Porto),(\\d+\\.\\d{1,2})?,2024-\\d\\d-\\d\\d");

        JsonNode manifest = Json.newMapper().readTree(dir.resolve("synth.csv.manifest.json").toFile());
        assertThat(manifest.get("rows").asLong()).isEqualTo(1000);
        assertThat(manifest.get("seed").asLong()).isEqualTo(9);
        assertThat(manifest.get("modelFingerprint").asText()).startsWith("sha256:");
        assertThat(manifest.get("outputSha256").asText()).hasSize(64);
    }

    @Test
    void userEditsToMetadataWinOverInference() throws IOException {
        Path data = smallTable();
        Path metadata = dir.resolve("metadata.json");
        assertThat(CliRun.of("inspect", data.toString(), "-o", metadata.toString()).exitCode()).isZero();
        ObjectNode json = (ObjectNode) Json.newMapper().readTree(metadata.toFile());
        for (JsonNode column : json.get("columns")) {
            if (column.get("name").asText().equals("age")) {
                ObjectNode edited = (ObjectNode) column;
                edited.removeAll();
                edited.put("name", "age");
                edited.put("type", "categorical");
            }
        }
        Json.newMapper().writeValue(metadata.toFile(), json);
        Path model = dir.resolve("m.doppel");
        assertThat(CliRun.of("fit", data.toString(), "--metadata", metadata.toString(), "-o", model.toString())
                .exitCode()).isZero();
        Path out = dir.resolve("s.csv");
        assertThat(CliRun.of("sample", model.toString(), "-n", "2000", "-o", out.toString()).exitCode()).isZero();
        // As a categorical, age can only take values seen in training (20..59), each as written.
        try (Stream<String> lines = Files.lines(out)) {
            assertThat(lines.skip(1).map(l -> l.split(",", -1)[1]).distinct())
                    .allMatch(v -> v.matches("\\d+") && Integer.parseInt(v) >= 20 && Integer.parseInt(v) < 60);
        }
    }

    @Test
    void badInputIsOneClearLineWithExitCodeThreeAndNoOutput() throws IOException {
        Path data = write("ragged.csv", "a,b\n1,2\n3\n");
        Path model = dir.resolve("m.doppel");
        CliRun run = CliRun.of("fit", data.toString(), "-o", model.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("error: ragged.csv, line 3").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(model).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ragged.csv");
        }
    }

    @Test
    void missingFileIsBadInput() {
        CliRun run = CliRun.of("inspect", dir.resolve("nope.csv").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("nope.csv").doesNotContain("\tat ");
    }

    @Test
    void tamperedModelIsRejected() throws IOException {
        Path data = smallTable();
        Path model = dir.resolve("m.doppel");
        assertThat(CliRun.of("fit", data.toString(), "-o", model.toString()).exitCode()).isZero();
        byte[] bytes = Files.readAllBytes(model);
        int last = bytes.length - 10;
        bytes[last] = (byte) (bytes[last] == '1' ? '2' : '1');
        Files.write(model, bytes);
        Path out = dir.resolve("s.csv");
        CliRun run = CliRun.of("sample", model.toString(), "-n", "10", "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("m.doppel").contains("checksum");
        assertThat(out).doesNotExist();
    }
}
