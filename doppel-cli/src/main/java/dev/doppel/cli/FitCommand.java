package dev.doppel.cli;

import dev.doppel.DoppelException;
import dev.doppel.neural.EpochReporting;
import dev.doppel.synth.CsvFitter;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.Synthesizer;
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

    @Option(names = "--epochs", paramLabel = "N",
            description = "Training epochs of a neural synthesizer (ctgan, tvae, diffusion); short for --param "
                    + "epochs=N.")
    Integer epochs;

    @Option(names = "--device", paramLabel = "cpu|gpu",
            description = "Where a neural synthesizer trains; short for --param device=cpu|gpu. gpu needs a CUDA "
                    + "build of PyTorch's native library on the class path.")
    String device;

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
        String epochTimes;
        int stages = CsvFitter.Stage.values().length;
        SynthesizerCatalog catalog = InstalledSynthesizers.catalog();
        Synthesizer configured = catalog.create(synthesizer);
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>(parameters);
        shortcut(configured, settings, "--epochs", "epochs", epochs == null ? null : epochs.toString());
        shortcut(configured, settings, "--device", "device", device);
        configured = configured.withParameters(settings);
        try (ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(), "fit", "stages", stages);
             EpochProgress epochBar = EpochProgress.forTerminal(spec.commandLine().getErr())) {
            Synthesizer reporting = configured instanceof EpochReporting r ? r.reporting(epochBar) : configured;
            result = new CsvFitter(csv.format(), catalog)
                    .fit(data, Optional.ofNullable(metadata), reporting, seed, stage -> {
                        bar.stage("fit: " + stage.name().toLowerCase(java.util.Locale.ROOT), stage.ordinal());
                        epochBar.restart();
                    });
            epochTimes = epochBar.epochs() == 0 ? "" : String.format(", %d epochs, median %.2f s/epoch",
                    epochBar.epochs(), epochBar.medianSeconds());
        }
        ModelStore.save(output, result.model(), result.provenance());
        out.printf("fitted %s on %s (%,d rows, %d columns) in %.2f s%s%n", result.provenance().synthesizer(),
                data.getFileName(), result.rows(), result.metadata().columns().size(),
                (System.nanoTime() - start) / 1e9, epochTimes);
        out.println("model written to " + output);
        return 0;
    }

    /**
     * Puts a shortcut option's value into the parameter settings: an error when the synthesizer has no such
     * parameter, or when {@code --param} sets it to something else.
     */
    private static void shortcut(Synthesizer synthesizer, java.util.Map<String, String> settings, String option,
                                 String parameter, String value) {
        if (value == null) {
            return;
        }
        if (!synthesizer.parameters().containsKey(parameter)) {
            throw new DoppelException("the " + synthesizer.name() + " synthesizer has no " + parameter + " parameter; "
                    + option + " applies to the neural synthesizers (ctgan, tvae, diffusion)");
        }
        String given = settings.get(parameter);
        if (given != null && !given.strip().equals(value.strip())) {
            throw new DoppelException(option + " " + value + " contradicts --param " + parameter + "=" + given);
        }
        settings.put(parameter, value);
    }

    /** Names for completion and help. */
    static final class SynthesizerNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return InstalledSynthesizers.catalog().names().iterator();
        }
    }
}
