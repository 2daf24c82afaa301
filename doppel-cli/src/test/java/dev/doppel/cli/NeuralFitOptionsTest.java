package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel fit --epochs/--device} and the per-epoch progress of neural fits. */
class NeuralFitOptionsTest {
    @TempDir
    Path dir;

    /** 200 rows, a category and a number: a ctgan epoch on it takes a fraction of a second. */
    private Path table() throws IOException {
        StringBuilder csv = new StringBuilder("group,value\n");
        String[] groups = {"a", "b", "c"};
        for (int i = 0; i < 200; i++) {
            csv.append(groups[i % 3]).append(',').append(10 * (i % 3) + i % 7).append('\n');
        }
        Path p = dir.resolve("t.csv");
        Files.writeString(p, csv.toString(), StandardCharsets.UTF_8);
        return p;
    }

    private static String[] small(String... more) {
        String[] base = {"--synthesizer", "ctgan", "--param", "batchSize=50", "--param", "embedding=8",
                "--param", "generatorWidth=16", "--param", "discriminatorWidth=16", "--param", "threads=1"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static String[] fit(Path data, Path model, String... options) {
        String[] head = {"fit", data.toString(), "-o", model.toString()};
        String[] all = new String[head.length + options.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(options, 0, all, head.length, options.length);
        return all;
    }

    @Test
    void epochsAndDeviceOptionsSetTheParametersAndEveryEpochIsReported() throws IOException {
        Path model = dir.resolve("m.doppel");
        CliRun run = CliRun.of(fit(table(), model, small("--epochs", "2", "--device", "cpu")));
        assertThat(run.exitCode()).as(run.err()).isZero();
        // Not a terminal: one line per epoch, with its loss, its validation distance (ctgan holds out a tenth of the
        // rows by default) and seconds.
        Matcher epochs = Pattern.compile("(?m)^epoch (\\d)/2 loss -?\\d+\\.\\d{4} validation \\d\\.\\d{4} \\d+\\.\\d\\d s$")
                .matcher(run.err());
        int seen = 0;
        while (epochs.find()) {
            seen++;
            assertThat(epochs.group(1)).isEqualTo(Integer.toString(seen));
        }
        assertThat(seen).as(run.err()).isEqualTo(2);
        assertThat(run.out()).containsPattern("2 epochs, median \\d+\\.\\d\\d s/epoch");

        java.util.Map<String, Object> parameters = InstalledSynthesizers.load(model).provenance().parameters();
        assertThat(parameters).containsEntry("epochs", 2).containsEntry("device", "cpu");
    }

    @Test
    void anEpochsOptionContradictingParamIsAnError() throws IOException {
        Path model = dir.resolve("m.doppel");
        CliRun run = CliRun.of(fit(table(), model, small("--epochs", "2", "--param", "epochs=3")));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--epochs 2 contradicts --param epochs=3").doesNotContain("Exception");
        assertThat(model).doesNotExist();
    }

    @Test
    void epochsOnASynthesizerWithoutEpochsNamesIt() throws IOException {
        Path model = dir.resolve("m.doppel");
        CliRun run = CliRun.of(fit(table(), model, "--synthesizer", "gaussian-copula", "--epochs", "5"));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("gaussian-copula synthesizer has no epochs parameter")
                .doesNotContain("Exception");
        assertThat(model).doesNotExist();
    }

    @Test
    void anUnknownDeviceIsAnError() throws IOException {
        CliRun run = CliRun.of(fit(table(), dir.resolve("m.doppel"), small("--epochs", "1", "--device", "tpu")));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("device must be cpu or gpu, not 'tpu'");
    }
}
