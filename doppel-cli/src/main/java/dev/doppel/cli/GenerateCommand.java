package dev.doppel.cli;

import dev.doppel.DoppelException;
import dev.doppel.design.generate.DesignGenerator;
import dev.doppel.design.generate.GenerationManifest;
import dev.doppel.design.generate.OutputFormat;
import dev.doppel.design.spec.ColumnSpec;
import dev.doppel.design.spec.TableSpec;
import dev.doppel.jdbc.ParquetFiles;
import dev.doppel.jdbc.SqlType;
import java.util.ArrayList;
import java.util.List;
import dev.doppel.design.generate.SpecExpressions;
import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.SpecReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel generate spec.yaml -o out/}: tables designed by a spec rather than learned. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generates every table of a doppel-spec (YAML or JSON; see docs/DESIGN-BY-SPEC.md) into a "
                + "folder: one file per table (CSV, JSON Lines or Parquet) and manifest.json. The spec is checked "
                + "completely before any row is written.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC.yaml", description = "The spec file.")
    Path specFile;

    @Option(names = "--example", paramLabel = "NAME",
            description = "Use a bundled example spec instead of a file: bank or hospital.")
    String example;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FOLDER",
            description = "Output folder; must not exist or be empty.")
    Path output;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed; the same spec and seed give byte-identical tables for any thread count "
                    + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "csv",
            description = "Table files: csv, jsonl (one JSON object per row) or parquet (typed columns; converted "
                    + "from CSV by DuckDB before the folder appears) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--scale", defaultValue = "1",
            description = "Factor on the spec's fixed row counts; tables with children per parent follow "
                    + "(default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--threads", description = "Generating threads (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() {
        OutputFormat outputFormat = outputFormat(format);
        if (outputFormat == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be csv, jsonl or parquet, not "
                    + format);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be a positive number");
        }
        if ((specFile == null) == (example == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give a spec file or --example, one of them");
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be 1 or more");
        }
        DesignSpec design = specFile != null
                ? SpecReader.read(specFile, SpecExpressions.INSTANCE, file -> InstalledSynthesizers.load(file).model())
                : bundled(example);
        GenerationManifest manifest = new DesignGenerator(design, SpecExpressions.INSTANCE, scale)
                .write(output, seed, threadCount, outputFormat, done -> { });
        PrintWriter out = spec.commandLine().getOut();
        for (GenerationManifest.Table t : manifest.tables()) {
            out.printf("%s: %,d rows -> %s%n", t.name(), t.rows(), output.resolve(t.file()));
        }
        out.println("manifest: " + output.resolve(DesignGenerator.MANIFEST));
        return 0;
    }

    /** The format named {@code name}, or null. */
    static OutputFormat outputFormat(String name) {
        return switch (name) {
            case "csv" -> OutputFormat.CSV;
            case "jsonl" -> OutputFormat.JSONL;
            case "parquet" -> OutputFormat.convertedFromCsv("parquet", "parquet", GenerateCommand::toParquet);
            default -> null;
        };
    }

    /** Each column typed as the spec declares it: whole numbers as BIGINT, other numbers as DOUBLE. */
    private static void toParquet(TableSpec table, Path csv, Path target) {
        List<String> names = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (ColumnSpec c : table.columns()) {
            names.add(c.name());
            types.add(switch (c.kind()) {
                case NUMBER -> c.decimals() == 0 ? SqlType.BIGINT : SqlType.DOUBLE;
                case BOOLEAN -> SqlType.BOOLEAN;
                case DATE -> SqlType.DATE;
                case DATETIME -> SqlType.TIMESTAMP;
                case STRING -> SqlType.TEXT;
            });
        }
        if (table.label() != null) {
            names.add(table.label());
            types.add(SqlType.TEXT);
        }
        ParquetFiles.fromCsv(csv, names, types, target);
    }

    /** The bundled example spec {@code name} (bank or hospital), read and validated. */
    static DesignSpec bundled(String name) {
        return SpecReader.read(name + ".yaml", bundledBytes(name), null, SpecExpressions.INSTANCE);
    }

    /** The bytes of the bundled example spec {@code name}. */
    static byte[] bundledBytes(String name) {
        if (!name.matches("bank|hospital")) {
            throw new DoppelException("no bundled example spec named " + name + "; choose bank or hospital");
        }
        try (InputStream in = DesignSpec.class.getResourceAsStream("/dev/doppel/design/examples/" + name + ".yaml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DoppelException("cannot read the bundled example " + name + ": " + e.getMessage(), e);
        }
    }
}
