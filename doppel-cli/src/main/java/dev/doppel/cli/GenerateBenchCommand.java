package dev.doppel.cli;

import dev.doppel.DoppelException;
import dev.doppel.design.generate.DesignGenerator;
import dev.doppel.design.generate.GenerationManifest;
import dev.doppel.design.generate.OutputFormat;
import dev.doppel.design.generate.SpecExpressions;
import dev.doppel.design.generate.TableGenerator;
import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.SpecReader;
import dev.doppel.io.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doppel bench generate}: rows per second of spec generation, in memory (blocks made, no text written) and to
 * files (CSV, JSON Lines or Parquet); medians of {@code --repeat} warm runs in this JVM.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Measures spec generation speed (default: the bundled 10-column, 1M-row table) and prints a "
                + "Markdown table for docs/BENCHMARKS.md.")
final class GenerateBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "SPEC.yaml",
            description = "Spec to generate (default: the bundled 10-column table).")
    Path specFile;

    @Option(names = "--threads", defaultValue = "2", description = "Threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "2", description = "Warm-up runs (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "5", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--format", defaultValue = "csv",
            description = "Format of the files written: csv, jsonl or parquet (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--work", paramLabel = "FOLDER", defaultValue = "bench-output",
            description = "Folder for the runs' output, deleted after each run (default: ${DEFAULT-VALUE}).")
    Path work;

    @Override
    public Integer call() throws IOException {
        OutputFormat outputFormat = GenerateCommand.outputFormat(format);
        if (outputFormat == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format must be csv, jsonl or parquet, not " + format);
        }
        DesignSpec design = specFile != null ? SpecReader.read(specFile, SpecExpressions.INSTANCE) : bundled();
        DesignGenerator generator = new DesignGenerator(design, SpecExpressions.INSTANCE);
        long rows = generator.tables(1).stream().mapToLong(TableGenerator::rows).sum();
        Files.createDirectories(work);
        double[] memory = new double[repeat];
        double[] files = new double[repeat];
        double[] cpu = new double[repeat];
        var threadsBean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int run = -warmup; run < repeat; run++) {
            long start = System.nanoTime();
            long cpuStart = threadsBean.getCurrentThreadCpuTime();
            long made = 0;
            for (TableGenerator t : generator.tables(run + 100)) {
                for (long b = 0; b < t.blocks(); b++) {
                    made += t.encodedBlock(b).rows();
                }
            }
            double inMemory = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (threadsBean.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            if (made != rows) {
                throw new IllegalStateException("made " + made + " rows, expected " + rows);
            }
            Path out = work.resolve("generate-" + (run + warmup));
            start = System.nanoTime();
            GenerationManifest m = generator.write(out, run + 100, threads, outputFormat, done -> { });
            double toFiles = (System.nanoTime() - start) / 1e9;
            Folders.deleteQuietly(out);
            if (run >= 0) {
                memory[run] = inMemory;
                cpu[run] = cpuSeconds;
                files[run] = toFiles;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        String name = specFile == null ? "ten-columns.yaml (bundled)" : specFile.getFileName().toString();
        // CPU time of the one-thread run says what a core does regardless of other load on the machine.
        out.printf("| spec | rows | CSV text in memory, 1 thread | same, CPU time of that thread | to %s files, %d "
                + "threads |%n|---|---|---|---|---|%n", outputFormat.name(), threads);
        out.printf("| %s | %,d | %s | %s | %s |%n", name, rows, figure(memory, rows), figure(cpu, rows),
                figure(files, rows));
        return 0;
    }

    private static String figure(double[] seconds, long rows) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        return String.format("%.3f s, %,.0f rows/s", median, rows / median);
    }

    private static DesignSpec bundled() {
        try (InputStream in = DesignSpec.class.getResourceAsStream("/dev/doppel/design/bench/ten-columns.yaml")) {
            return SpecReader.read("ten-columns.yaml", in.readAllBytes(), null, SpecExpressions.INSTANCE);
        } catch (IOException e) {
            throw new DoppelException("cannot read the bundled benchmark spec: " + e.getMessage(), e);
        }
    }
}
