package dev.doppel.cli;

import dev.doppel.DoppelException;
import dev.doppel.design.generate.DesignGenerator;
import dev.doppel.design.generate.GenerationManifest;
import dev.doppel.design.generate.SpecExpressions;
import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.SpecRelations;
import dev.doppel.design.spec.TableSpec;
import dev.doppel.eval.DatabaseEvaluationReport;
import dev.doppel.eval.DatabaseHtmlReport;
import dev.doppel.eval.DatabaseReportJson;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTableReader;
import dev.doppel.io.Folders;
import dev.doppel.relational.DatabaseCsvWriter;
import dev.doppel.relational.DatabaseManifest;
import dev.doppel.relational.DatabaseSchema;
import dev.doppel.relational.RelationalModel;
import dev.doppel.relational.RelationalModelFile;
import dev.doppel.relational.RelationalSynthesizer;
import dev.doppel.relational.SchemaJson;
import dev.doppel.synth.SynthesizerCatalog;
import dev.doppel.table.CategoricalColumn;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doppel demo}: the whole path on the bundled bank spec, no data or server needed. The spec designs a "real"
 * database (customers, accounts, card transactions with labelled fraud scenarios); Doppel learns it as a whole
 * database, samples a synthetic copy and evaluates it, beside the ceiling of a second real database designed by the
 * same spec with another seed.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Designs the bundled bank database (customers -> accounts -> transactions with fraud "
                + "scenarios) from its spec, learns it, samples a synthetic copy and evaluates it (HTML and JSON "
                + "report). The folder appears complete or not at all; rerunning replaces an earlier demo's folder.")
final class DemoCommand implements Callable<Integer> {
    /** Written last, so its presence marks a folder as a complete demo output that a rerun may replace. */
    static final String SUMMARY = "summary.txt";
    static final String SPEC = "bank";

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, defaultValue = "demo-output", paramLabel = "DIR",
            description = "Folder for the outputs (default: ${DEFAULT-VALUE}); must not exist, be empty or hold an "
                    + "earlier demo's outputs.")
    Path folder;

    @Option(names = "--scale", defaultValue = "0.5",
            description = "Factor on the spec's 2,000 customers; accounts and transactions follow "
                    + "(default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--seed", defaultValue = "7",
            description = "Seed of the design, the fit and the sample; the same seed gives the same tables "
                    + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Generating threads (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        if (!(scale > 0) || scale > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be above 0 and at most 100");
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be 1 or more");
        }
        Path target = folder.toAbsolutePath();
        checkReplaceable(target);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        String stamp = Long.toHexString(System.nanoTime());
        Path temp = parent.resolve("." + target.getFileName() + ".tmp-" + stamp);
        Path secondReal = parent.resolve("." + target.getFileName() + ".ceiling-" + stamp);
        try {
            Files.createDirectory(temp);
            String summary = run(temp, secondReal, threadCount);
            Files.writeString(temp.resolve(SUMMARY), summary, StandardCharsets.UTF_8);
            if (Files.exists(target)) {
                Folders.deleteQuietly(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            spec.commandLine().getOut().print(summary);
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            Folders.deleteQuietly(temp);
            Folders.deleteQuietly(secondReal);
        }
    }

    /** The target must be new, empty or an earlier demo's complete output: never someone else's folder. */
    private static void checkReplaceable(Path target) {
        if (Files.exists(target) && !(Files.isDirectory(target) && (Folders.isEmpty(target)
                || Files.isRegularFile(target.resolve(SUMMARY)) && Files.isDirectory(target.resolve("real"))))) {
            throw new DoppelException("cannot write the demo into " + target + ": it exists and is not an earlier "
                    + "demo's output; choose another folder with -o");
        }
    }

    /** Every step into {@code out}; returns the summary (paths as the final folder will have them). */
    private String run(Path out, Path secondReal, int threadCount) throws IOException {
        StringWriter text = new StringWriter();
        PrintWriter p = new PrintWriter(text);
        long start = System.nanoTime();
        Path shown = folder;
        Files.write(out.resolve(SPEC + ".yaml"), GenerateCommand.bundledBytes(SPEC));
        DesignSpec design = GenerateCommand.bundled(SPEC);
        p.printf(Locale.ROOT, "Doppel demo: the bundled bank spec (%s), scale %s, seed %d%n",
                shown.resolve(SPEC + ".yaml"), format(scale), seed);

        GenerationManifest real = new DesignGenerator(design, SpecExpressions.INSTANCE, scale)
                .write(out.resolve("real"), seed, threadCount, done -> { });
        DatabaseSchema schema = SpecRelations.schema(design, "csv");
        SchemaJson.write(schema, out.resolve("schema.json"));
        p.printf(Locale.ROOT, "1. designed  %-26s the \"real\" database, made by rules, no real person in it "
                + "(%.1f s)%n", shown.resolve("real") + "/", seconds(start));

        long fitStart = System.nanoTime();
        RelationalModel model = new RelationalSynthesizer(InstalledSynthesizers.catalog(), SynthesizerCatalog.DEFAULT,
                CsvFormat.DEFAULT).fit(out.resolve("real"), schema, seed);
        Path modelFile = out.resolve("model.doppel");
        RelationalModelFile.save(modelFile, model);
        p.printf(Locale.ROOT, "2. fitted    %-26s %s, every table and the links between them (%.1f s)%n",
                shown.resolve("model.doppel"), SynthesizerCatalog.DEFAULT, seconds(fitStart));

        long sampleStart = System.nanoTime();
        RelationalModel loaded = RelationalModelFile.load(modelFile, InstalledSynthesizers.catalog());
        DatabaseManifest synthetic = DatabaseCsvWriter.write(schema, loaded.sample(1, seed), out.resolve("synthetic"),
                modelFile, loaded.synthesizer(), 1, seed);
        p.printf(Locale.ROOT, "3. sampled   %-26s keys renumbered, every foreign key points to a synthetic row "
                + "(%.1f s)%n", shown.resolve("synthetic") + "/", seconds(sampleStart));

        long evaluateStart = System.nanoTime();
        // The ceiling: a second real database from the same spec and another seed is what a perfect synthesizer
        // would give, so its scores against the first are the best a synthetic copy can expect.
        new DesignGenerator(design, SpecExpressions.INSTANCE, scale).write(secondReal, seed + 1, threadCount,
                done -> { });
        DatabaseEvaluationReport report = DbEvaluateCommand.evaluateFolders(schema, out.resolve("real"),
                out.resolve("synthetic"));
        DatabaseEvaluationReport ceiling = DbEvaluateCommand.evaluateFolders(schema, out.resolve("real"), secondReal);
        DatabaseReportJson.write(report, out.resolve("report.json"));
        DatabaseHtmlReport.write(report, out.resolve("report.html"));
        DatabaseReportJson.write(ceiling, out.resolve("ceiling.json"));
        p.printf(Locale.ROOT, "4. evaluated %-26s and report.json; ceiling.json: a second real database (seed %d) "
                + "(%.1f s)%n", shown.resolve("report.html"), seed + 1, seconds(evaluateStart));

        p.println();
        printScores(p, real, synthetic, report, ceiling);
        printLabels(p, design, out.resolve("real"), out.resolve("synthetic"));
        p.printf(Locale.ROOT, "%ndone in %.1f s; open %s%n", seconds(start), shown.resolve("report.html"));
        p.flush();
        return text.toString();
    }

    private static void printScores(PrintWriter p, GenerationManifest real, DatabaseManifest synthetic,
            DatabaseEvaluationReport report, DatabaseEvaluationReport ceiling) {
        Map<String, Double> m = report.metrics();
        Map<String, Double> c = ceiling.metrics();
        p.println("table            real rows  synthetic rows   column shapes (ceiling)   pair trends (ceiling)");
        for (int i = 0; i < real.tables().size(); i++) {
            String t = real.tables().get(i).name();
            String key = "table." + t + ".";
            p.printf(Locale.ROOT, "  %-14s %9d %15d %15s (%s) %15s (%s)%n", t, real.tables().get(i).rows(),
                    synthetic.tables().get(i).rows(), score(m.get(key + "column_shapes")),
                    score(c.get(key + "column_shapes")), score(m.get(key + "column_pair_trends")),
                    score(c.get(key + "column_pair_trends")));
        }
        p.println("foreign key                          integrity   child counts (ceiling)   parent-child trends "
                + "(ceiling)");
        for (DatabaseEvaluationReport.ForeignKeyResult f : report.foreignKeys()) {
            String key = "fk." + f.name() + ".";
            p.printf(Locale.ROOT, "  %-34s %9s %14s (%s) %19s (%s)%n", f.name() + " -> " + f.parent(),
                    score(f.integrity()), score(m.get(key + "child_count_shape")),
                    score(c.get(key + "child_count_shape")), score(m.get(key + "parent_child_trends")),
                    score(c.get(key + "parent_child_trends")));
        }
        p.printf(Locale.ROOT, "database quality %s (ceiling %s), integrity %s%n", score(m.get("database.quality")),
                score(c.get("database.quality")), score(m.get("database.integrity")));
    }

    /** The share of rows per scenario label, real and synthetic, for every labelled table. */
    private static void printLabels(PrintWriter p, DesignSpec design, Path real, Path synthetic) {
        CsvTableReader reader = new CsvTableReader(CsvFormat.DEFAULT);
        for (TableSpec t : design.tables()) {
            if (t.label() == null) {
                continue;
            }
            LabelCounts realCounts = labels(reader, real.resolve(t.name() + ".csv"), t.label());
            LabelCounts synthCounts = labels(reader, synthetic.resolve(t.name() + ".csv"), t.label());
            p.printf(Locale.ROOT, "%-34s %9s %12s%n", "scenario labels (" + t.name() + "." + t.label() + ")", "real",
                    "synthetic");
            TreeMap<String, Integer> names = new TreeMap<>(realCounts.perLabel());
            synthCounts.perLabel().forEach(names::putIfAbsent);
            for (String name : names.keySet()) {
                p.printf(Locale.ROOT, "  %-32s %7.3f %% %10.3f %%%n", name, realCounts.percent(name),
                        synthCounts.percent(name));
            }
            p.printf(Locale.ROOT, "  %-32s %7.3f %% %10.3f %%   (%d and %d rows)%n", "any scenario",
                    100.0 * realCounts.labelled() / realCounts.rows(),
                    100.0 * synthCounts.labelled() / synthCounts.rows(), realCounts.labelled(),
                    synthCounts.labelled());
        }
    }

    /** A table's rows and how many of them carry each scenario label. */
    record LabelCounts(int rows, Map<String, Integer> perLabel) {
        LabelCounts {
            perLabel = Map.copyOf(perLabel);
        }

        int count(String label) {
            return perLabel.getOrDefault(label, 0);
        }

        int labelled() {
            return perLabel.values().stream().mapToInt(Integer::intValue).sum();
        }

        double percent(String label) {
            return rows == 0 ? 0 : 100.0 * count(label) / rows;
        }
    }

    /** The label counts of {@code column} (a missing value: no scenario) in the CSV {@code file}. */
    static LabelCounts labels(CsvTableReader reader, Path file, String column) {
        CategoricalColumn values = (CategoricalColumn) reader.read(file).table().column(column);
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < values.size(); i++) {
            if (!values.isNull(i)) {
                counts.merge(values.get(i), 1, Integer::sum);
            }
        }
        return new LabelCounts(values.size(), counts);
    }

    private static String score(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
