package dev.doppel.neural;

import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.neural.ctgan.CtganSynthesizer;
import dev.doppel.neural.tvae.TvaeSynthesizer;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the epochs of a ctgan or tvae fit through the library API and prints each epoch's seconds and resident
 * memory, then the median: {@code java -Ddoppel.bench.train=FILE -Ddoppel.bench.synthesizer=ctgan|tvae
 * -Ddoppel.bench.param.NAME=VALUE ... dev.doppel.neural.AdultGanBenchmark} (command line in docs/BENCHMARKS.md).
 * A main rather than a test: timings are measured on purpose, never asserted.
 */
public final class AdultGanBenchmark {
    private AdultGanBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String train = System.getProperty("doppel.bench.train");
        String name = System.getProperty("doppel.bench.synthesizer", CtganSynthesizer.NAME);
        Map<String, String> settings = new HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("doppel.bench.param."))
                .forEach(k -> settings.put(k.substring("doppel.bench.param.".length()), System.getProperty(k)));
        CsvTable raw = new CsvTableReader(CsvFormat.DEFAULT).read(Path.of(train));
        TableMetadata metadata = MetadataInference.infer(raw);
        Table table = TableDecoder.decode(raw, metadata);
        NeuralSynthesizer synthesizer = name.equals(TvaeSynthesizer.NAME)
                ? new TvaeSynthesizer().withParameters(settings) : new CtganSynthesizer().withParameters(settings);
        List<Double> seconds = new ArrayList<>();
        long start = System.nanoTime();
        long[] last = {start};
        long[] lastCpu = {cpuNanos()};
        String profile = System.getProperty("doppel.bench.profile");
        NeuralTableModel model = synthesizer.fit(table, metadata, 0, (epoch, epochs, loss, validation) -> {
            long now = System.nanoTime();
            // PyTorch's profiler over the third epoch (a chrome trace), when asked for.
            if (profile != null && epoch == 2) {
                ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
            } else if (profile != null && epoch == 3) {
                ai.djl.pytorch.jni.JniUtils.stopProfile(profile);
            }
            seconds.add((now - last[0]) / 1e9);
            long cpu = cpuNanos();
            Runtime jvm = Runtime.getRuntime();
            System.out.printf("epoch %d/%d loss %.9f validation %.4f %.3f s (cpu %.3f s) %s, heap %d MB used%n", epoch,
                    epochs, loss, validation, (now - last[0]) / 1e9, (cpu - lastCpu[0]) / 1e9, memory("VmRSS"),
                    (jvm.totalMemory() - jvm.freeMemory()) >> 20);
            last[0] = now;
            lastCpu[0] = cpu;
        });
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        model.binaryParts().values().forEach(sha::update);
        System.out.println("weights sha-256 " + java.util.HexFormat.of().formatHex(sha.digest()));
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        System.out.printf("%s %s: fit %.1f s, median epoch %.3f s, %s%n", name, synthesizer.parameters(),
                (System.nanoTime() - start) / 1e9, sorted.get(sorted.size() / 2), memory("VmHWM"));
    }

    /** CPU time of the whole process (every thread, PyTorch's included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A line of /proc/self/status: resident memory now (VmRSS) or at its peak (VmHWM). */
    private static String memory(String field) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(field))
                    .findFirst().orElse(field + " unknown").replaceAll("\\s+", " ");
        } catch (IOException e) {
            return field + " unknown";
        }
    }
}
