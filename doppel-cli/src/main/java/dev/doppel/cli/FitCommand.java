package dev.doppel.cli;

import dev.doppel.synth.CsvFitter;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.SynthesizerCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel fit data.csv -o model.doppel}: learn a table. */
@Command(
        name = "fit",
        mixinStandardHelpOptions = true,
        description = "Learns a real table and writes a model file (with the provenance of the fit).")
final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "The real table.")
    Path data;

    @Option(names = "--metadata", paramLabel = "METADATA.json",
            description = "Metadata to use instead of inferring it (see 'doppel inspect').")
    Path metadata;

    @Option(names = "--synthesizer", paramLabel = "NAME", defaultValue = SynthesizerCatalog.DEFAULT,
            description = "Synthesizer: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = SynthesizerNames.class)
    String synthesizer;

    @Option(names = "--param", paramLabel = "NAME=VALUE", mapFallbackValue = "",
            description = "Set a parameter of the synthesizer, e.g. --param maxParents=3 (repeatable; the model "
                    + "file lists every parameter with its value).")
    java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "0", description = "Seed for the fit (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL.doppel", description = "Model file.")
    Path output;

    @Mixin
    CsvOptions csv = new CsvOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        CsvFitter.Result result;
        int stages = CsvFitter.Stage.values().length;
        try (ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(), "fit", "stages", stages)) {
            SynthesizerCatalog catalog = InstalledSynthesizers.catalog();
            result = new CsvFitter(csv.format(), catalog)
                    .fit(data, Optional.ofNullable(metadata), catalog.create(synthesizer).withParameters(parameters), seed,
                            stage -> bar.stage("fit: " + stage.name().toLowerCase(java.util.Locale.ROOT), stage.ordinal()));
        }
        ModelStore.save(output, result.model(), result.provenance());
        out.printf("fitted %s on %s (%,d rows, %d columns) in %.2f s%n", result.provenance().synthesizer(),
                data.getFileName(), result.rows(), result.metadata().columns().size(),
                (System.nanoTime() - start) / 1e9);
        out.println("model written to " + output);
        return 0;
    }

    /** Names for completion and help. */
    static final class SynthesizerNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return InstalledSynthesizers.catalog().names().iterator();
        }
    }
}
