package dev.doppel.neural.diffusion;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.provenance.Provenance;
import dev.doppel.synth.StoredModel;
import dev.doppel.synth.SyntheticCsvWriter;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The issue-5 protocol through the library API, until the CLI knows the diffusion synthesizer: fit the training file
 * of {@code doppel split} with defaults (seed 0), sample as many rows (seed 1, 2 threads), write them as CSV for
 * {@code doppel evaluate}, print times and the JVM's peak resident memory. Skipped unless {@code doppel.bench.train}
 * names the training CSV; settings as {@code doppel.bench.param.NAME=VALUE}. Command: docs/BENCHMARKS.md.
 */
public class AdultDiffusionBenchmark {
    @Test
    void fitAndSample() throws IOException {
        assumeTrue(System.getProperty("doppel.bench.train") != null, "benchmark: set -Ddoppel.bench.train=FILE");
        main(new String[0]);
    }

    /** The same, from a plain {@code java} command (docs/BENCHMARKS.md). */
    public static void main(String[] args) throws IOException {
        String train = System.getProperty("doppel.bench.train");
        Path out = Path.of(System.getProperty("doppel.bench.out", train.replace(".train.csv", ".diffusion.csv")));
        Map<String, String> settings = new HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("doppel.bench.param."))
                .forEach(k -> settings.put(k.substring("doppel.bench.param.".length()), System.getProperty(k)));

        CsvTable raw = new CsvTableReader(CsvFormat.DEFAULT).read(Path.of(train));
        TableMetadata metadata = MetadataInference.infer(raw);
        Table table = TableDecoder.decode(raw, metadata);
        long start = System.nanoTime();
        long[] lastEpoch = {start};
        DiffusionSynthesizer synthesizer = new DiffusionSynthesizer().withParameters(settings)
                .withProgress((epoch, epochs, loss, validation) -> {
                    long now = System.nanoTime();
                    System.out.printf("epoch %d/%d loss %.4f validation %.4f (%.2f s, %s)%n", epoch, epochs, loss,
                            validation, (now - lastEpoch[0]) / 1e9, memory("VmRSS"));
                    lastEpoch[0] = now;
                });
        DiffusionModel model = synthesizer.fit(table, metadata, 0);
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        long sampleStart = System.nanoTime();
        Provenance provenance = new Provenance(Path.of(train).getFileName().toString(), "00".repeat(32),
                table.rowCount(), table.columnCount(), DiffusionSynthesizer.NAME, synthesizer.parameters(), 0, "bench",
                Instant.now().toString());
        SyntheticCsvWriter.write(new StoredModel(model, provenance, "sha256:" + "00".repeat(32)), "bench",
                table.rowCount(), 1, 2, out, rows -> { });
        double sampleSeconds = (System.nanoTime() - sampleStart) / 1e9;
        String peak = memory("VmHWM");
        System.out.printf("fit %.1f s, sample %d rows %.1f s, %s, parameters %s%n", fitSeconds, table.rowCount(),
                sampleSeconds, peak.replaceAll("\\s+", " "), synthesizer.parameters());
    }

    /** A line of /proc/self/status, such as the resident set size now (VmRSS) or at its peak (VmHWM). */
    private static String memory(String field) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(field))
                    .findFirst().orElse(field + " unknown").replaceAll("\\s+", " ");
        } catch (IOException e) {
            return field + " unknown";
        }
    }
}
