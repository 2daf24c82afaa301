package dev.doppel.cli;

import dev.doppel.DoppelException;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.Folders;
import dev.doppel.jdbc.DatabaseCredentials;
import dev.doppel.jdbc.DatabaseLocation;
import dev.doppel.jdbc.DuckDbSource;
import dev.doppel.jdbc.DuckDbWriter;
import dev.doppel.jdbc.PostgresSource;
import dev.doppel.jdbc.PostgresWriter;
import dev.doppel.jdbc.TableSource;
import dev.doppel.jdbc.WrittenTable;
import dev.doppel.relational.DatabaseCsvWriter;
import dev.doppel.relational.DatabaseManifest;
import dev.doppel.relational.DatabaseSchema;
import dev.doppel.relational.RelationalModel;
import dev.doppel.relational.RelationalModelFile;
import dev.doppel.relational.RelationalSynthesizer;
import dev.doppel.relational.SchemaJson;
import dev.doppel.relational.TableModel;
import dev.doppel.synth.SynthesizerCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel db fit|sample}: whole databases of related tables, keys kept consistent. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Learns a database of related tables (a folder of CSV files and a schema) and samples "
                + "synthetic copies in which every foreign key points to an existing synthetic row.",
        subcommands = {DbCommand.Fit.class, DbCommand.Sample.class, DbEvaluateCommand.class})
final class DbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: fit, sample or evaluate");
    }

    /** Credentials for a server from the environment or {@code passwordFile}; warns about a password in the URL. */
    static DatabaseCredentials credentials(CommandSpec spec, DatabaseLocation location, Path passwordFile) {
        if (location.kind() != DatabaseLocation.Kind.POSTGRESQL) {
            return DatabaseCredentials.NONE;
        }
        if (location.urlHasPassword()) {
            spec.commandLine().getErr().println("warning: a password in the URL is visible in shell history and "
                    + "process lists; use --password-file or DOPPEL_DB_PASSWORD");
        }
        return DatabaseCredentials.resolve(System.getenv(), passwordFile);
    }

    /** {@code doppel db fit --from DIR --schema metadata.json -o schema.doppel}. */
    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Learns every table of the schema, parents before children, into one model file.")
    static final class Fit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "SOURCE",
                description = "Folder holding the tables' CSV files, jdbc:duckdb:FILE (a DuckDB database, whose "
                        + "keys are the schema), parquet:DIR (one TABLE.parquet per table) or "
                        + "jdbc:postgresql://HOST:PORT/DB[?currentSchema=S] (keys, types, NOT NULL, UNIQUE read "
                        + "from the server).")
        String from;

        @Option(names = "--password-file", paramLabel = "FILE",
                description = "Database password on the file's first line (else DOPPEL_DB_PASSWORD or PGPASSWORD; "
                        + "user from DOPPEL_DB_USER or PGUSER).")
        Path passwordFile;

        @Option(names = "--schema", paramLabel = "SCHEMA.json",
                description = "Tables, primary keys and foreign keys: Doppel's doppel-schema JSON or a "
                        + "{\"tables\": {name: {primary_key, foreign_keys}}} description. Required but for "
                        + "jdbc:duckdb:, where it replaces the database's own keys.")
        Path schema;

        @Option(names = "--synthesizer", paramLabel = "NAME", defaultValue = SynthesizerCatalog.DEFAULT,
                description = "Single-table synthesizer for every table (default: ${DEFAULT-VALUE}).")
        String synthesizer;

        @Option(names = "--seed", defaultValue = "0", description = "Seed for the fit (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL.doppel", description = "Model file.")
        Path output;

        @Option(names = "--save-schema", paramLabel = "SCHEMA.json",
                description = "Also write the schema in Doppel's own format (doppel-schema), e.g. to edit it.")
        Path saveSchema;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            long start = System.nanoTime();
            DatabaseLocation source = DatabaseLocation.parse(from);
            RelationalSynthesizer learner = new RelationalSynthesizer(InstalledSynthesizers.catalog(), synthesizer,
                    CsvFormat.DEFAULT);
            RelationalModel model;
            if (source.kind() == DatabaseLocation.Kind.CSV_FOLDER) {
                DatabaseSchema tables = SchemaJson.read(requireSchema(source));
                saveSchema(tables);
                model = learner.fit(source.path(), tables, seed);
            } else {
                try (TableSource db = open(source, credentials(spec, source, passwordFile))) {
                    DatabaseSchema tables = schema != null ? SchemaJson.read(schema)
                            : db.declaredSchema().orElseGet(() -> SchemaJson.read(requireSchema(source)));
                    saveSchema(tables);
                    Path folder = exportFolder();
                    try {
                        db.exportCsv(tables, folder);
                        model = learner.fit(folder, tables, seed);
                    } finally {
                        Folders.deleteQuietly(folder);
                    }
                }
            }
            RelationalModelFile.save(output, model);
            for (TableModel t : model.tables()) {
                out.printf("  %-20s %,9d rows%s%s%s%n", t.name(), t.rows(),
                        t.countKey() == null ? "" : ", count from " + t.countKey(),
                        t.context().isEmpty() ? "" : ", context " + String.join(", ", t.context()),
                        t.droppedRows() == 0 ? "" : ", " + t.droppedRows() + " rows without parent left out");
            }
            out.printf("fitted %d tables with %s in %.2f s%n", model.tables().size(), synthesizer,
                    (System.nanoTime() - start) / 1e9);
            out.println("model written to " + output);
            return 0;
        }

        private static TableSource open(DatabaseLocation source, DatabaseCredentials credentials) {
            return source.kind() == DatabaseLocation.Kind.POSTGRESQL ? PostgresSource.open(source, credentials)
                    : DuckDbSource.open(source);
        }

        private Path requireSchema(DatabaseLocation source) {
            if (schema == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--schema is required to read "
                        + source + " (only a database declares its keys)");
            }
            return schema;
        }

        private void saveSchema(DatabaseSchema tables) {
            if (saveSchema != null) {
                SchemaJson.write(tables, saveSchema);
            }
        }

        private static Path exportFolder() {
            try {
                return Files.createTempDirectory("doppel-db-");
            } catch (IOException e) {
                throw new DoppelException("cannot create a temporary folder: " + e.getMessage(), e);
            }
        }
    }

    /** {@code doppel db sample schema.doppel --to OUTDIR [--scale 0.5] [--seed 7]}. */
    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Samples every table into a new folder: one CSV per table and manifest.json.")
    static final class Sample implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MODEL.doppel", description = "A model written by 'doppel db fit'.")
        Path model;

        @Option(names = "--to", required = true, paramLabel = "TARGET",
                description = "Output folder of CSV files (must not exist or be empty), jdbc:duckdb:FILE (a new "
                        + "DuckDB database with keys and constraints), parquet:DIR or "
                        + "jdbc:postgresql://HOST:PORT/DB[?currentSchema=S] (tables created with keys and "
                        + "constraints, loaded in one transaction). Appears only when complete.")
        String to;

        @Option(names = "--password-file", paramLabel = "FILE",
                description = "Database password on the file's first line (else DOPPEL_DB_PASSWORD or PGPASSWORD; "
                        + "user from DOPPEL_DB_USER or PGUSER).")
        Path passwordFile;

        @Option(names = "--replace",
                description = "PostgreSQL: drop and recreate tables of the same names (in the same transaction).")
        boolean replace;

        @Option(names = "--scale", defaultValue = "1",
                description = "Factor on the row counts of tables without parents; child tables follow "
                        + "(default: ${DEFAULT-VALUE}).")
        double scale;

        @Option(names = "--seed", defaultValue = "1",
                description = "Seed; the same seed gives byte-identical tables (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be a positive number");
            }
            PrintWriter out = spec.commandLine().getOut();
            long start = System.nanoTime();
            DatabaseLocation target = DatabaseLocation.parse(to);
            boolean server = target.kind() == DatabaseLocation.Kind.POSTGRESQL;
            if (replace && !server) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--replace applies to PostgreSQL "
                        + "targets only; files and folders are never overwritten");
            }
            DatabaseCredentials credentials = server ? credentials(spec, target, passwordFile)
                    : DatabaseCredentials.NONE;
            if (target.kind() != DatabaseLocation.Kind.CSV_FOLDER && !server) {
                DuckDbWriter.checkTarget(target);
            }
            RelationalModel loaded = RelationalModelFile.load(model, InstalledSynthesizers.catalog());
            if (server) {
                PostgresWriter.checkTarget(target, credentials, loaded.schema(), replace);
            }
            if (target.kind() != DatabaseLocation.Kind.CSV_FOLDER) {
                var written = server
                        ? PostgresWriter.write(loaded, loaded.sample(scale, seed), target, credentials, replace)
                        : DuckDbWriter.write(loaded, loaded.sample(scale, seed), target);
                for (WrittenTable t : written) {
                    out.printf("  %-20s %,9d rows%n", t.table(), t.rows());
                    t.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
                }
                out.printf("sampled %d tables in %.2f s%n", written.size(), (System.nanoTime() - start) / 1e9);
                out.println("synthetic database: " + target);
                return 0;
            }
            Path folder = target.path();
            DatabaseManifest manifest = DatabaseCsvWriter.write(loaded.schema(), loaded.sample(scale, seed), folder,
                    model, loaded.synthesizer(), scale, seed);
            for (DatabaseManifest.Table t : manifest.tables()) {
                out.printf("  %-20s %,9d rows%n", t.file(), t.rows());
            }
            out.printf("sampled %d tables in %.2f s%n", manifest.tables().size(), (System.nanoTime() - start) / 1e9);
            out.println("synthetic tables: " + folder);
            out.println("manifest:         " + folder.resolve(DatabaseCsvWriter.MANIFEST));
            return 0;
        }
    }
}
