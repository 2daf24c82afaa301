package dev.doppel.cli;

import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.MetadataJson;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.provenance.Manifest;
import dev.doppel.synth.CsvFitter;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.StoredModel;
import dev.doppel.synth.SynthesizerCatalog;
import dev.doppel.synth.SyntheticCsvWriter;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doppel demo}: the whole path on the bundled example, no data or server needed. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Makes the bundled example table (loan applications), learns it, samples a synthetic copy and "
                + "compares the two.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, defaultValue = "demo-output", paramLabel = "DIR",
            description = "Folder for the outputs (default: ${DEFAULT-VALUE}).")
    Path folder;

    @Option(names = {"-n", "--rows"}, defaultValue = "10000", description = "Rows of the example and of the sample.")
    int rows;

    @Option(names = "--seed", defaultValue = "7", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (rows < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rows must be 1 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(folder);
        Path real = folder.resolve("example.csv");
        Path metadataFile = folder.resolve("metadata.json");
        Path modelFile = folder.resolve("model.doppel");
        Path synthetic = folder.resolve("synthetic.csv");

        ExampleTable.write(real, rows, seed);
        out.printf("1. example table      %s (%,d loan applications, made by Doppel's own example process)%n",
                real, rows);

        CsvTable raw = new CsvTableReader(CsvFormat.DEFAULT).read(real);
        TableMetadata metadata = MetadataInference.infer(raw);
        MetadataJson.write(metadata, metadataFile);
        out.printf("2. inferred metadata  %s%n", metadataFile);
        for (ColumnMetadata c : metadata.columns()) {
            out.printf("     %-18s %s%n", c.name(), c.type().jsonName() + (c.pii() != null ? " " + c.pii().jsonName() : ""));
        }

        long fitStart = System.nanoTime();
        CsvFitter.Result fitted = new CsvFitter(CsvFormat.DEFAULT, InstalledSynthesizers.catalog())
                .fit(real, Optional.of(metadataFile), SynthesizerCatalog.DEFAULT, seed);
        ModelStore.save(modelFile, fitted.model(), fitted.provenance());
        out.printf("3. fitted model       %s (%s, %.2f s)%n", modelFile, SynthesizerCatalog.DEFAULT, (System.nanoTime() - fitStart) / 1e9);

        StoredModel stored = InstalledSynthesizers.load(modelFile);
        Manifest manifest = SyntheticCsvWriter.write(stored, modelFile.getFileName().toString(), rows, seed,
                Runtime.getRuntime().availableProcessors(), synthetic, done -> { });
        out.printf("4. synthetic table    %s (%,d rows)%n", synthetic, manifest.rows());
        out.printf("   manifest           %s.manifest.json (model %s)%n", synthetic, manifest.modelFingerprint());

        compare(out, metadata, TableDecoder.decode(raw, metadata),
                TableDecoder.decode(new CsvTableReader(CsvFormat.DEFAULT).read(synthetic), metadata));
        return 0;
    }

    /** A first look; `doppel evaluate` gives the full report. */
    private static void compare(PrintWriter out, TableMetadata metadata, Table real, Table synthetic) {
        out.println("5. real vs synthetic");
        out.printf("     %-18s %14s %14s%n", "column", "real", "synthetic");
        for (ColumnMetadata c : metadata.columns()) {
            if (c.type() == ColumnType.NUMERICAL) {
                out.printf("     %-18s %14.1f %14.1f   (mean)%n", c.name(),
                        mean((NumericColumn) real.column(c.name())), mean((NumericColumn) synthetic.column(c.name())));
            } else if (c.type() == ColumnType.CATEGORICAL || c.type() == ColumnType.BOOLEAN) {
                CategoricalColumn r = (CategoricalColumn) real.column(c.name());
                String top = r.dictionary().get(argMax(r.counts()));
                out.printf("     %-18s %13.1f%% %13.1f%%   (share of '%s')%n", c.name(),
                        100 * share(r, top), 100 * share((CategoricalColumn) synthetic.column(c.name()), top), top);
            }
        }
    }

    private static double mean(NumericColumn column) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < column.size(); i++) {
            if (!column.isNull(i)) {
                sum += column.get(i);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static int argMax(int[] counts) {
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double share(CategoricalColumn column, String value) {
        int hits = 0;
        for (int i = 0; i < column.size(); i++) {
            if (value.equals(column.get(i))) {
                hits++;
            }
        }
        return (double) hits / column.size();
    }
}
