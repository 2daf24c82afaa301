package dev.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.DoppelException;
import dev.doppel.eval.Evaluation;
import dev.doppel.eval.EvaluationReport;
import dev.doppel.eval.Gate;
import dev.doppel.eval.HtmlReport;
import dev.doppel.eval.ReportJson;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.io.InputFile;
import dev.doppel.io.Json;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.MetadataJson;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.provenance.ManifestFile;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code doppel evaluate --real train.csv --synthetic synth.csv ...}: how faithful, useful, private and fair. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Measures a synthetic table against the real one: fidelity, utility, privacy and bias. Writes a "
                + "self-contained HTML report and/or a JSON report; --require turns it into a CI quality gate.")
final class EvaluateCommand implements Callable<Integer> {
    /** Exit code when a gate of --require fails. */
    static final int EXIT_GATE_FAILED = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--real", required = true, paramLabel = "TRAIN.csv", description = "The real data the model learned.")
    Path real;

    @Option(names = "--synthetic", required = true, paramLabel = "SYNTH.csv", description = "The synthetic data.")
    Path synthetic;

    @Option(names = "--holdout", paramLabel = "HOLDOUT.csv",
            description = "Real rows the model never saw (see 'doppel split'); needed for privacy and utility.")
    Path holdout;

    @Option(names = "--metadata", paramLabel = "METADATA.json", description = "Metadata (default: inferred from --real).")
    Path metadata;

    @Option(names = "--target", paramLabel = "COLUMN", description = "Column a model predicts, for utility and bias.")
    String target;

    @Option(names = "--positive-class", paramLabel = "VALUE",
            description = "The positive value of a categorical target (default: the rarer value).")
    String positiveClass;

    @Option(names = "--sensitive", split = ",", paramLabel = "COLUMNS",
            description = "Sensitive attributes for bias and attribute inference, e.g. sex,race.")
    List<String> sensitive = List.of();

    @Option(names = {"-o", "--output"}, paramLabel = "REPORT.html", description = "HTML report.")
    Path html;

    @Option(names = "--json", paramLabel = "REPORT.json", description = "JSON report (schema: docs/EVALUATION.md).")
    Path json;

    @Option(names = "--require", paramLabel = "GATES",
            description = "Gates, e.g. \"quality>=0.85,utility.auc_gap<=0.03,privacy.dcr_share<=0.55\"; "
                    + "exit code 4 when one fails.")
    String require;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Threads (default: the number of cores).")
    Integer threads;

    @Mixin
    CsvOptions csv = new CsvOptions();

    @Override
    public Integer call() throws IOException {
        List<Gate> gates;
        try {
            gates = Gate.parse(require);
        } catch (DoppelException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--require: " + e.getMessage());
        }
        CsvTableReader reader = new CsvTableReader(csv.format());
        CsvTable realRaw = reader.read(real);
        TableMetadata md = metadata != null ? MetadataJson.read(metadata) : MetadataInference.infer(realRaw);
        Table realTable = typed(realRaw, md);
        Table syntheticTable = typed(reader.read(synthetic), md);
        Table holdoutTable = holdout == null ? null : typed(reader.read(holdout), md);

        Path manifestFile = ManifestFile.pathFor(synthetic);
        JsonNode manifest = Files.isRegularFile(manifestFile)
                ? Json.newMapper().readTree(InputFile.readBytes(manifestFile)) : null;

        Evaluation.Builder builder = Evaluation.builder()
                .real(realTable).synthetic(syntheticTable).metadata(md)
                .sensitive(sensitive).seed(seed)
                .threads(threads == null ? Runtime.getRuntime().availableProcessors() : threads)
                .manifest(manifest);
        if (holdoutTable != null) {
            builder.holdout(holdoutTable);
        }
        if (target != null) {
            builder.target(target);
        }
        if (positiveClass != null) {
            builder.positiveClass(positiveClass);
        }
        EvaluationReport report = builder.build().run();
        if (html != null) {
            HtmlReport.write(report, html);
        }
        if (json != null) {
            ReportJson.write(report, json);
        }

        PrintWriter out = spec.commandLine().getOut();
        out.println("metric                                  value");
        for (Map.Entry<String, Double> m : report.metrics().entrySet()) {
            if (!m.getValue().isNaN()) {
                out.printf("  %-36s %8.4f%n", m.getKey(), m.getValue());
            }
        }
        if (html != null) {
            out.println("HTML report: " + html);
        }
        if (json != null) {
            out.println("JSON report: " + json);
        }
        List<Gate.Failure> failures = Gate.evaluate(gates, report);
        if (!failures.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            failures.forEach(f -> err.println("gate failed: " + f.message()));
            return EXIT_GATE_FAILED;
        }
        if (!gates.isEmpty()) {
            out.println("all " + gates.size() + " gates passed");
        }
        return 0;
    }

    private static Table typed(CsvTable raw, TableMetadata md) {
        MetadataJson.checkMatches(md, raw);
        return TableDecoder.decode(raw, md);
    }
}
