package dev.doppel.cli;

import dev.doppel.provenance.Manifest;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.StoredModel;
import dev.doppel.synth.SyntheticCsvWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code doppel sample model.doppel -n 1000 -o synth.csv}: make synthetic rows. */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = "Samples synthetic rows from a model into a CSV file, with a manifest beside it.")
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.doppel", description = "A model written by 'doppel fit'.")
    Path model;

    @Option(names = {"-n", "--rows"}, required = true, description = "Number of rows to sample.")
    long rows;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed; the same seed gives byte-identical output for any thread count (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Sampling threads (default: the number of cores).")
    Integer threads;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "SYNTH.csv", description = "Output CSV file.")
    Path output;

    @Override
    public Integer call() {
        if (rows < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rows must be 0 or more");
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be 1 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        StoredModel stored = ModelStore.load(model);
        long start = System.nanoTime();
        Manifest manifest;
        try (ProgressBar progress = ProgressBar.forTerminal(spec.commandLine().getErr(), "sampling", "rows", rows)) {
            manifest = SyntheticCsvWriter.write(stored, model.getFileName().toString(), rows, seed, threadCount,
                    output, progress::update);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("sampled %,d rows in %.2f s (%,.0f rows/s)%n", manifest.rows(), seconds,
                manifest.rows() / Math.max(seconds, 1e-9));
        out.println("synthetic data: " + output);
        out.println("manifest:       " + output + ".manifest.json");
        return 0;
    }
}
