package dev.doppel.jdbc;

import dev.doppel.io.Folders;
import dev.doppel.DoppelException;
import dev.doppel.io.CsvRowWriter;
import dev.doppel.relational.DatabaseSchema;
import dev.doppel.relational.ForeignKey;
import dev.doppel.relational.RelationalModel;
import dev.doppel.relational.SyntheticTable;
import dev.doppel.relational.TableModel;
import dev.doppel.relational.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes sampled tables into a new DuckDB file or a new folder of Parquet files. Tables are created parents first
 * with their primary and foreign keys, so DuckDB itself refuses a row whose key points nowhere. Everything is written
 * under a hidden temporary name beside the target and renamed when complete; the target must not exist (a Parquet
 * folder may exist empty).
 *
 * <p>Column types, NOT NULL and UNIQUE are decided by {@link ColumnDefinition#plan}: the source's where known and
 * kept by the sample, else from the table's model metadata.
 */
public final class DuckDbWriter {
    private DuckDbWriter() {
    }

    /** Fails unless {@code target} can be written: called before sampling, so a bad target fails fast. */
    public static void checkTarget(DatabaseLocation target) {
        Path path = target.path().toAbsolutePath();
        Path parent = path.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new DoppelException("cannot write " + target + ": folder " + parent + " does not exist");
        }
        if (target.kind() == DatabaseLocation.Kind.CSV_FOLDER) {
            throw new IllegalArgumentException("CSV folders are written by DatabaseCsvWriter");
        }
        boolean parquet = target.kind() == DatabaseLocation.Kind.PARQUET;
        if (Files.exists(path) && !(parquet && Folders.isEmpty(path))) {
            throw new DoppelException("cannot write " + target + ": it exists; choose a new "
                    + (parquet ? "folder" : "file"));
        }
    }

    public static List<WrittenTable> write(RelationalModel model, List<SyntheticTable> tables, DatabaseLocation target) {
        checkTarget(target);
        Path path = target.path().toAbsolutePath();
        Path parent = path.getParent();
        boolean parquet = target.kind() == DatabaseLocation.Kind.PARQUET;
        String stamp = Long.toHexString(System.nanoTime());
        Path staging = parent.resolve("." + path.getFileName() + ".csv-" + stamp);
        Path temp = parent.resolve("." + path.getFileName() + ".tmp-" + stamp);
        try {
            Files.createDirectory(staging);
            if (parquet) {
                Files.createDirectory(temp);
            }
            List<WrittenTable> written;
            try (Connection c = DriverManager.getConnection(parquet ? "jdbc:duckdb:" : "jdbc:duckdb:" + temp)) {
                written = load(c, model, tables, staging);
                if (parquet) {
                    try (Statement s = c.createStatement()) {
                        for (TableSchema t : model.schema().tables()) {
                            s.execute("COPY " + Sql.name(t.name()) + " TO "
                                    + Sql.literal(temp.resolve(t.name() + ".parquet")) + " (FORMAT PARQUET)");
                        }
                    }
                }
            }
            if (Files.exists(path)) {
                Files.delete(path);
            }
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } catch (SQLException e) {
            throw new DoppelException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DoppelException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            Folders.deleteQuietly(staging);
            Folders.deleteQuietly(temp);
            Folders.deleteQuietly(parent.resolve(temp.getFileName() + ".wal"));
        }
    }

    private static List<WrittenTable> load(Connection c, RelationalModel model, List<SyntheticTable> tables, Path staging)
            throws SQLException, IOException {
        DatabaseSchema schema = model.schema();
        List<WrittenTable> written = new ArrayList<>();
        for (TableSchema t : schema.parentsFirst()) {
            int i = schema.tables().indexOf(t);
            SyntheticTable data = tables.get(i);
            TableModel tableModel = model.tables().get(i);
            Path csv = staging.resolve(i + ".csv");
            try (CsvRowWriter writer = new CsvRowWriter(csv, ',', data.nullMarker(), data.columns())) {
                for (String[] row : data.rows()) {
                    writer.writeRow(row);
                }
                writer.commit();
            }
            ColumnDefinition.Plan plan = ColumnDefinition.plan(t, tableModel, data);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE stage AS SELECT * FROM read_csv(" + Sql.literal(csv)
                        + ", header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', nullstr = "
                        + Sql.literal(data.nullMarker()) + ")");
                List<String> definitions = new ArrayList<>();
                List<String> casts = new ArrayList<>();
                for (ColumnDefinition column : plan.columns()) {
                    String type = column.type().duckDb();
                    definitions.add(Sql.name(column.name()) + " " + type + (column.notNull() ? " NOT NULL" : "")
                            + (column.unique() ? " UNIQUE" : ""));
                    casts.add("CAST(" + Sql.name(column.name()) + " AS " + type + ")");
                }
                t.key().ifPresent(k -> definitions.add("PRIMARY KEY (" + Sql.name(k) + ")"));
                if (!t.compositeKey().isEmpty()) {
                    definitions.add("PRIMARY KEY (" + String.join(", ", t.compositeKey().stream().map(Sql::name)
                            .toList()) + ")");
                }
                for (ForeignKey fk : t.foreignKeys()) {
                    TableSchema parent = schema.table(fk.parentTable()).orElseThrow();
                    definitions.add("FOREIGN KEY (" + Sql.name(fk.column()) + ") REFERENCES "
                            + Sql.name(parent.name()) + " (" + Sql.name(parent.primaryKey()) + ")");
                }
                s.execute("CREATE TABLE " + Sql.name(t.name()) + " (" + String.join(", ", definitions) + ")");
                String insert = "INSERT INTO " + Sql.name(t.name()) + " SELECT " + String.join(", ", casts)
                        + " FROM stage";
                Optional<ForeignKey> self = t.foreignKeys().stream()
                        .filter(f -> f.parentTable().equals(t.name())).findFirst();
                if (self.isEmpty()) {
                    s.execute(insert);
                } else {
                    insertByGeneration(s, t, self.get(), insert);
                }
                written.add(new WrittenTable(t.name(), count(s, "SELECT count(*) FROM " + Sql.name(t.name())),
                        plan.warnings()));
                s.execute("DROP TABLE stage");
            }
        }
        return written;
    }

    /**
     * DuckDB checks a foreign key against the rows present before the statement, so a row referring to another row of
     * its own table can only go in after it: insert the roots, then the rows whose referent is in, until done.
     */
    private static void insertByGeneration(Statement s, TableSchema t, ForeignKey self, String insert)
            throws SQLException {
        String table = Sql.name(t.name());
        String key = "stage." + Sql.name(t.primaryKey());
        String ref = "stage." + Sql.name(self.column());
        String pending = "CAST(" + key + " AS BIGINT) NOT IN (SELECT " + Sql.name(t.primaryKey()) + " FROM " + table
                + ")";
        long total = count(s, "SELECT count(*) FROM stage");
        long before = -1;
        long now = 0;
        while (now < total && now != before) {
            before = now;
            s.execute(insert + " WHERE " + pending + " AND (" + ref + " IS NULL OR CAST(" + ref
                    + " AS BIGINT) IN (SELECT " + Sql.name(t.primaryKey()) + " FROM " + table + "))");
            now = count(s, "SELECT count(*) FROM " + table);
        }
        if (now < total) {
            throw new DoppelException("table " + t.name() + ": " + (total - now) + " rows refer through "
                    + self.column() + " to no row of the table");
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
