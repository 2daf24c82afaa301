package dev.doppel.cli;

import dev.doppel.DoppelException;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.FittedModel;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.StoredModel;
import dev.doppel.synth.SynthesizerCatalog;
import dev.doppel.synth.SyntheticCsvWriter;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doppel bench}: the speed figures of docs/BENCHMARKS.md. Each figure is the median of {@code --repeat} runs
 * after {@code --warmup} runs, in this JVM.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = RebalanceExperimentCommand.class,
        description = "Measures reading, fitting and sampling speed (medians of repeated warm runs) and prints a "
                + "Markdown table for docs/BENCHMARKS.md.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DATA.csv", defaultValue = "../shared/datasets/adult/adult.csv",
            description = "Table to fit (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows to sample per run (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--large-rows", defaultValue = "1000000",
            description = "Rows of the generated example table fitted as the large case (default: ${DEFAULT-VALUE}); 0 skips it.")
    int largeRows;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up runs (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "5", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--threads", description = "Sampling threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--synthesizer", paramLabel = "NAME", defaultValue = SynthesizerCatalog.DEFAULT,
            description = "Synthesizer to fit and sample (default: ${DEFAULT-VALUE}).")
    String synthesizerName;

    @Option(names = "--fit-and-sample-rows", defaultValue = "0",
            description = "Also time one fit followed by sampling this many rows into memory, as a user would run "
                    + "them (0: skip; e.g. the table's own row count).")
    long fitAndSampleRows;

    private final List<String> lines = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(data)) {
            throw new DoppelException("cannot read " + data + ": no such file (pass --data)");
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createTempDirectory("doppel-bench");
        try {
            benchTable(data, threadCount, scratch);
            if (largeRows > 0) {
                Path large = scratch.resolve("example-" + largeRows + ".csv");
                ExampleTable.write(large, largeRows, 11);
                benchTable(large, threadCount, scratch);
            }
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(scratch);
        }
        out.printf("cores: %d, threads: %d, max heap: %d MB, java %s%n%n", Runtime.getRuntime().availableProcessors(),
                threadCount, Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        out.println("| table | step | median | per second |");
        out.println("|---|---|---|---|");
        lines.forEach(out::println);
        return 0;
    }

    private void benchTable(Path file, int threadCount, Path scratch) {
        CsvTableReader reader = new CsvTableReader(CsvFormat.DEFAULT);
        CsvTable raw = reader.read(file);
        String name = file.getFileName() + " (" + String.format("%,d", raw.table().rowCount()) + " rows)";
        double read = median(() -> reader.read(file));
        record("read CSV", name, read, raw.table().rowCount());

        TableMetadata metadata = MetadataInference.infer(raw);
        Table typed = TableDecoder.decode(raw, metadata);
        var synthesizer = InstalledSynthesizers.catalog().create(synthesizerName);
        double fit = median(() -> synthesizer.fit(typed, metadata, 0));
        record("fit " + synthesizerName, name, fit, raw.table().rowCount());
        if (fitAndSampleRows > 0) {
            AtomicLong count = new AtomicLong();
            double both = median(() -> Sampler.sample(synthesizer.fit(typed, metadata, 0), fitAndSampleRows, 1,
                    threadCount, block -> count.addAndGet(block.rowCount())));
            record("fit " + synthesizerName + " + sample " + String.format("%,d", fitAndSampleRows) + " rows", name,
                    both, raw.table().rowCount());
        }

        FittedModel model = synthesizer.fit(typed, metadata, 0);
        AtomicLong sink = new AtomicLong();
        double inMemory = median(() -> Sampler.sample(model, rows, 1, threadCount, block -> sink.addAndGet(block.rowCount())));
        record("sample " + String.format("%,d", rows) + " rows in memory", name, inMemory, rows);

        StoredModel stored = new StoredModel(model, null, "bench");
        Path csv = scratch.resolve("synthetic.csv");
        double toCsv = median(() -> SyntheticCsvWriter.write(stored, "bench", rows, 1, threadCount, csv, done -> { }));
        record("sample " + String.format("%,d", rows) + " rows to CSV", name, toCsv, rows);
    }

    private void record(String step, String table, double seconds, long rowsPerRun) {
        lines.add(String.format("| %s | %s | %.3f s | %,.0f rows/s |", table, step, seconds, rowsPerRun / seconds));
    }

    private double median(Runnable work) {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        double[] seconds = new double[Math.max(1, repeat)];
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        int n = seconds.length;
        return n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
    }
}
