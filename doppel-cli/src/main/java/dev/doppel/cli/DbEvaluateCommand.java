package dev.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.DoppelException;
import dev.doppel.eval.DatabaseEvaluation;
import dev.doppel.eval.DatabaseEvaluationReport;
import dev.doppel.eval.DatabaseHtmlReport;
import dev.doppel.eval.DatabaseReportJson;
import dev.doppel.eval.Gate;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.io.Folders;
import dev.doppel.io.InputFile;
import dev.doppel.io.Json;
import dev.doppel.jdbc.DatabaseLocation;
import dev.doppel.jdbc.DuckDbSource;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.MetadataJson;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.relational.DatabaseCsvWriter;
import dev.doppel.relational.DatabaseSchema;
import dev.doppel.relational.ForeignKey;
import dev.doppel.relational.SchemaJson;
import dev.doppel.relational.TableSchema;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code doppel db evaluate --real LOCATION --synthetic LOCATION [--schema S.json] -o report.json --html report.html
 * [--require GATES]}: a synthetic database against the real one, per table and across tables.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measures a synthetic database against the real one: per table the column shapes, pair "
                + "trends and exact copies; per foreign key the integrity, the children per parent row and the "
                + "trends between parent columns and child aggregates. --require turns it into a CI gate.")
final class DbEvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--real", required = true, paramLabel = "LOCATION",
            description = "The real database: a folder of CSV files, jdbc:duckdb:FILE or parquet:DIR.")
    String real;

    @Option(names = "--synthetic", required = true, paramLabel = "LOCATION",
            description = "The synthetic database, e.g. the output of 'doppel db sample'; same kinds as --real.")
    String synthetic;

    @Option(names = "--schema", paramLabel = "SCHEMA.json",
            description = "Tables and keys (as for 'db fit'). Default: the keys a DuckDB --real or --synthetic "
                    + "declares.")
    Path schema;

    @Option(names = {"-o", "--output"}, paramLabel = "REPORT.json",
            description = "JSON report (doppel-database-evaluation, docs/EVALUATION.md).")
    Path json;

    @Option(names = "--html", paramLabel = "REPORT.html", description = "Self-contained HTML report.")
    Path html;

    @Option(names = "--require", paramLabel = "GATES",
            description = "Gates on the report's metrics, e.g. \"database.integrity>=1,"
                    + "database.child_count_ks_max<0.1,table.Track.column_shapes>=0.95\"; exit code 4 when one "
                    + "fails.")
    String require;

    /** One side's tables as CSV text and its location, for the messages. */
    private record Loaded(Map<String, CsvTable> tables, Path folder) { }

    @Override
    public Integer call() throws IOException {
        DatabaseLocation realLocation = DatabaseLocation.parse(real);
        DatabaseLocation syntheticLocation = DatabaseLocation.parse(synthetic);
        DatabaseSchema tables = resolveSchema(realLocation, syntheticLocation);
        List<Path> temporary = new ArrayList<>();
        DatabaseEvaluationReport report;
        try {
            Loaded realTables = load(realLocation, tables, temporary);
            Loaded syntheticTables = load(syntheticLocation, tables, temporary);
            report = evaluation(tables, realTables, syntheticTables, manifest(syntheticLocation)).run();
        } finally {
            temporary.forEach(Folders::deleteQuietly);
        }
        List<Gate> gates;
        try {
            gates = Gate.parse(require, report.metricNames());
        } catch (DoppelException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--require: " + e.getMessage());
        }
        if (json != null) {
            DatabaseReportJson.write(report, json);
        }
        if (html != null) {
            DatabaseHtmlReport.write(report, html);
        }
        print(report);
        List<Gate.Failure> failures = Gate.evaluate(gates, report.metrics());
        if (!failures.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            failures.forEach(f -> err.println("gate failed: " + f.message()));
            return EvaluateCommand.EXIT_GATE_FAILED;
        }
        if (!gates.isEmpty()) {
            spec.commandLine().getOut().println("all " + gates.size() + " gates passed");
        }
        return 0;
    }

    /** The evaluation of two folders of CSV tables, as {@code db evaluate} makes it (the demo's). */
    static DatabaseEvaluationReport evaluateFolders(DatabaseSchema tables, Path real, Path synthetic)
            throws IOException {
        DatabaseLocation syntheticLocation = new DatabaseLocation(DatabaseLocation.Kind.CSV_FOLDER, synthetic, null);
        List<Path> none = new ArrayList<>();
        DatabaseLocation realLocation = new DatabaseLocation(DatabaseLocation.Kind.CSV_FOLDER, real, null);
        return evaluation(tables, load(realLocation, tables, none), load(syntheticLocation, tables, none),
                manifest(syntheticLocation)).run();
    }

    private DatabaseSchema resolveSchema(DatabaseLocation realLocation, DatabaseLocation syntheticLocation) {
        if (schema != null) {
            return SchemaJson.read(schema);
        }
        for (DatabaseLocation l : List.of(realLocation, syntheticLocation)) {
            if (l.kind() == DatabaseLocation.Kind.DUCKDB) {
                try (DuckDbSource db = DuckDbSource.open(l)) {
                    Optional<DatabaseSchema> declared = db.declaredSchema();
                    if (declared.isPresent()) {
                        return declared.get();
                    }
                }
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--schema is required (only a DuckDB database declares its keys)");
    }

    private static Loaded load(DatabaseLocation location, DatabaseSchema tables, List<Path> temporary)
            throws IOException {
        Path folder = location.path();
        if (location.kind() != DatabaseLocation.Kind.CSV_FOLDER) {
            folder = Files.createTempDirectory("doppel-db-evaluate-");
            temporary.add(folder);
            try (DuckDbSource db = DuckDbSource.open(location)) {
                db.exportCsv(tables, folder);
            }
        } else if (!Files.isDirectory(folder)) {
            throw new DoppelException("folder " + folder + " does not exist");
        }
        CsvTableReader reader = new CsvTableReader(CsvFormat.DEFAULT);
        Map<String, CsvTable> read = new LinkedHashMap<>();
        for (TableSchema t : tables.tables()) {
            Path file = folder.resolve(t.file());
            if (!Files.isRegularFile(file)) {
                throw new DoppelException("table " + t.name() + ": file " + file + " does not exist");
            }
            read.put(t.name(), reader.read(file));
        }
        return new Loaded(read, folder);
    }

    private static JsonNode manifest(DatabaseLocation location) throws IOException {
        Path file = location.path().resolve(DatabaseCsvWriter.MANIFEST);
        if (location.kind() != DatabaseLocation.Kind.CSV_FOLDER || !Files.isRegularFile(file)) {
            return null;
        }
        return Json.newMapper().readTree(InputFile.readBytes(file));
    }

    /**
     * Types every table as its real file is inferred (as {@code db fit} does) and splits off the key columns: keys
     * are renumbered in a synthetic database, so they are compared through the links they make, not as values.
     */
    private static DatabaseEvaluation evaluation(DatabaseSchema schema, Loaded real, Loaded synthetic,
            JsonNode manifest) {
        List<DatabaseEvaluation.TableData> tables = new ArrayList<>();
        List<DatabaseEvaluation.ForeignKeyLink> links = new ArrayList<>();
        for (TableSchema t : schema.tables()) {
            CsvTable realRaw = real.tables().get(t.name());
            CsvTable syntheticRaw = synthetic.tables().get(t.name());
            TableMetadata inferred = MetadataInference.infer(realRaw);
            MetadataJson.checkMatches(inferred, syntheticRaw);
            TableMetadata learned = new TableMetadata(
                    inferred.columns().stream().filter(c -> !t.isKeyColumn(c.name())).toList(),
                    inferred.nullMarker(), inferred.delimiter());
            tables.add(new DatabaseEvaluation.TableData(t.name(), learned, t.primaryKey(),
                    side(t, realRaw, learned), side(t, syntheticRaw, learned)));
            for (ForeignKey fk : t.foreignKeys()) {
                links.add(new DatabaseEvaluation.ForeignKeyLink(t.name(), fk.column(), fk.parentTable()));
            }
        }
        return new DatabaseEvaluation(tables, links, manifest);
    }

    private static DatabaseEvaluation.Side side(TableSchema t, CsvTable raw, TableMetadata learned) {
        Table typed = TableDecoder.decode(raw, learned);
        Map<String, List<String>> keys = new LinkedHashMap<>();
        List<String> keyColumns = new ArrayList<>();
        t.key().ifPresent(keyColumns::add);
        t.foreignKeys().forEach(f -> keyColumns.add(f.column()));
        for (String k : keyColumns) {
            CategoricalColumn c = (CategoricalColumn) raw.table().column(k);
            List<String> values = new ArrayList<>(c.size());
            for (int r = 0; r < c.size(); r++) {
                values.add(c.get(r));
            }
            keys.put(k, values);
        }
        return new DatabaseEvaluation.Side(typed, raw.table().rowCount(), keys);
    }

    private static String value(double v) {
        return Double.isNaN(v) ? "-" : String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    private void print(DatabaseEvaluationReport report) {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Double> m = report.metrics();
        out.println("database                                value");
        m.forEach((name, value) -> {
            if (name.startsWith("database.") && !value.isNaN()) {
                out.printf("  %-36s %8.4f%n", name, value);
            }
        });
        out.println("table                   real rows  synthetic rows  column shapes  pair trends");
        for (DatabaseEvaluationReport.TableResult t : report.tables()) {
            out.printf("  %-20s %10d %15d %14s %12s%n", t.name(), t.realRows(), t.syntheticRows(),
                    t.fidelity() == null ? "-" : value(t.fidelity().quality().columnShapes()),
                    t.fidelity() == null ? "-" : value(t.fidelity().quality().columnPairTrends()));
        }
        out.println("foreign key                             integrity  child-count KS (5 % critical)  count shape"
                + "  trends");
        for (DatabaseEvaluationReport.ForeignKeyResult f : report.foreignKeys()) {
            out.printf("  %-37s %9s %15s (%6s) %12s %7s%n", f.name() + " -> " + f.parent(), value(f.integrity()),
                    value(f.childCounts().ks()), value(f.childCounts().ksCritical()), value(f.childCounts().shape()),
                    value(f.trendScore()));
        }
        if (json != null) {
            out.println("JSON report: " + json);
        }
        if (html != null) {
            out.println("HTML report: " + html);
        }
    }
}
