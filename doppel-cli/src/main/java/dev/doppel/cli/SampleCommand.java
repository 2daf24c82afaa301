package dev.doppel.cli;

import dev.doppel.provenance.Manifest;
import dev.doppel.synth.StoredModel;
import dev.doppel.synth.SyntheticCsvWriter;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.synth.condition.ConditionMixture;
import dev.doppel.synth.condition.ConditionParser;
import dev.doppel.synth.condition.Rebalancing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

    @Option(names = "--where", paramLabel = "CONDITION",
            description = "Sample only rows that satisfy a condition, exactly from the model's conditional "
                    + "distribution: column=value, column=a|b, column=low..high (numbers or dates), comma separated, "
                    + "e.g. \"income=>50K,sex=Female,age=30..40\". bayes-net models condition on any learned "
                    + "column; trees models on categorical columns drawn first (see fit --param order); copula models "
                    + "cannot.")
    String where;

    @Option(names = "--balance", paramLabel = "COLUMN",
            description = "Equal numbers of rows for every value of a categorical column, e.g. --balance income.")
    String balance;

    @Option(names = "--boost", paramLabel = "COLUMN=VALUE:FACTORx",
            description = "Make values of one column more frequent by a factor, the other values sharing the rest, "
                    + "e.g. --boost \"Class=1:20x\".")
    String boost;

    @Override
    public Integer call() {
        if (rows < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rows must be 0 or more");
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be 1 or more");
        }
        if (balance != null && boost != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--balance and --boost cannot be combined; use one");
        }
        PrintWriter out = spec.commandLine().getOut();
        StoredModel stored = InstalledSynthesizers.load(model);
        SyntheticModel toSample = stored.model();
        List<String> sampling = new ArrayList<>();
        if (where != null) {
            Condition condition = ConditionParser.parse(where, toSample.metadata());
            String column = balance != null ? balance : boost != null ? boost.split("=", 2)[0].strip() : null;
            if (column != null && condition.parts().stream().anyMatch(p -> p.column().equals(column))) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "column " + column + " is both conditioned by --where and rebalanced; use one");
            }
            double p = toSample.probability(condition);
            toSample = toSample.given(condition);
            out.printf(Locale.ROOT, "condition %s: %.4g of the model's rows satisfy it%n", where, p);
            sampling.add("where " + where);
        }
        if (balance != null || boost != null) {
            Rebalancing plan = balance != null ? Rebalancing.balance(toSample, balance)
                    : Rebalancing.boost(toSample, boost);
            ConditionMixture mixture = plan.mixture(toSample, rows);
            for (int k = 0; k < plan.parts().size(); k++) {
                out.printf(Locale.ROOT, "%-40s %6.2f%% of rows (model: %6.2f%%)%n", describe(plan.parts().get(k)),
                        100 * plan.shares().get(k) / plan.shares().stream().mapToDouble(Double::doubleValue).sum(),
                        100 * plan.modelShares().get(k));
            }
            toSample = mixture;
            sampling.add(balance != null ? "balance " + balance : "boost " + boost);
        }
        long start = System.nanoTime();
        Manifest manifest;
        try (ProgressBar progress = ProgressBar.forTerminal(spec.commandLine().getErr(), "sampling", "rows", rows)) {
            manifest = SyntheticCsvWriter.write(stored, toSample, sampling.isEmpty() ? null : String.join("; ", sampling),
                    model.getFileName().toString(), rows, seed, threadCount, output, progress::update);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("sampled %,d rows in %.2f s (%,.0f rows/s)%n", manifest.rows(), seconds,
                manifest.rows() / Math.max(seconds, 1e-9));
        out.println("synthetic data: " + output);
        out.println("manifest:       " + output + ".manifest.json");
        return 0;
    }

    private static String describe(Condition condition) {
        ColumnCondition part = condition.parts().get(0);
        return part.column() + "=" + String.join("|", ((ColumnCondition.OneOf) part).values());
    }
}
