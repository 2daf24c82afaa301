package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.io.Json;
import dev.doppel.relational.DatabaseSchema;
import dev.doppel.relational.ForeignKey;
import dev.doppel.relational.SchemaJson;
import dev.doppel.relational.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel db} reading a DuckDB database and writing DuckDB and Parquet, on Chinook loaded into DuckDB. */
class DbDuckDbTest {
    static final Path CHINOOK = DbCommandTest.CHINOOK;

    @TempDir
    static Path dir;
    static Path source;
    static Path model;
    static DatabaseSchema schema;

    @BeforeAll
    static void loadChinookAndFit() throws Exception {
        schema = SchemaJson.read(CHINOOK.resolve("metadata.json"));
        source = dir.resolve("chinook.duckdb");
        loadIntoDuckDb(source);
        model = dir.resolve("chinook.doppel");
        CliRun run = CliRun.of("db", "fit", "--from", "jdbc:duckdb:" + source, "-o", model.toString(),
                "--save-schema", dir.resolve("schema.json").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("fitted 11 tables").contains("count from InvoiceId");
    }

    @Test
    void theSchemaReadFromTheDatabaseIsChinooksDescription() {
        DatabaseSchema read = SchemaJson.read(dir.resolve("schema.json"));
        assertThat(read.tables()).hasSize(schema.tables().size());
        for (TableSchema expected : schema.tables()) {
            TableSchema actual = read.table(expected.name()).orElseThrow();
            assertThat(actual.primaryKey()).as(expected.name()).isEqualTo(expected.primaryKey());
            assertThat(actual.compositeKey()).as(expected.name()).isEqualTo(expected.compositeKey());
            assertThat(new HashSet<>(actual.foreignKeys())).as(expected.name())
                    .isEqualTo(new HashSet<>(expected.foreignKeys()));
        }
    }

    @Test
    void samplesIntoADuckDbFileThatEnforcesEveryKey() throws Exception {
        Path out = dir.resolve("synthetic.duckdb");
        CliRun run = CliRun.of("db", "sample", model.toString(), "--to", "jdbc:duckdb:" + out, "--seed", "7");
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".synthetic"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + out); Statement s = c.createStatement()) {
            // The database declares the keys, so it has checked them on insert; the joins check them again.
            assertThat(count(s, "SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'FOREIGN KEY'"))
                    .isEqualTo(11);
            int foreignKeys = 0;
            for (TableSchema t : schema.tables()) {
                for (ForeignKey fk : t.foreignKeys()) {
                    String key = schema.table(fk.parentTable()).orElseThrow().primaryKey();
                    long orphans = count(s, "SELECT count(*) FROM \"" + t.name() + "\" c LEFT JOIN \""
                            + fk.parentTable() + "\" p ON c.\"" + fk.column() + "\" = p.\"" + key + "\" WHERE c.\""
                            + fk.column() + "\" IS NOT NULL AND p.\"" + key + "\" IS NULL");
                    assertThat(orphans).as(t.name() + "." + fk.column()).isZero();
                    foreignKeys++;
                }
            }
            assertThat(foreignKeys).isEqualTo(11);
            // Employee is a root table: its real count at scale 1. Children follow their parents' sampled counts.
            assertThat(count(s, "SELECT count(*) FROM Employee")).isEqualTo(8);
            assertThat(count(s, "SELECT count(*) FROM Invoice")).isBetween(300L, 530L);
            assertThat(count(s, "SELECT count(*) FROM InvoiceLine")).isBetween(1600L, 2900L);
            assertThat(count(s, "SELECT count(*) FROM Track")).isBetween(2500L, 4500L);
            assertThat(count(s, "SELECT count(DISTINCT InvoiceId) FROM Invoice"))
                    .isEqualTo(count(s, "SELECT count(*) FROM Invoice"));
            assertThat(type(s, "Invoice", "Total")).isEqualTo("DOUBLE");
            assertThat(type(s, "Invoice", "InvoiceDate")).isEqualTo("TIMESTAMP");
            assertThat(type(s, "Invoice", "BillingCountry")).isEqualTo("VARCHAR");
            assertThat(type(s, "InvoiceLine", "Quantity")).isEqualTo("BIGINT");
            // The database holds exactly what the CSV sink writes for the same model and seed.
            Path csv = dir.resolve("synthetic-csv");
            assertThat(CliRun.of("db", "sample", model.toString(), "--to", csv.toString(), "--seed", "7").exitCode())
                    .isZero();
            for (JsonNode t : Json.newMapper().readTree(csv.resolve("manifest.json").toFile()).get("tables")) {
                assertThat(count(s, "SELECT count(*) FROM \"" + t.get("name").asText() + "\""))
                        .as(t.get("name").asText()).isEqualTo(t.get("rows").asLong());
            }
            // Same counts and nothing left over: the same rows, values converted without loss.
            assertThat(count(s, "SELECT count(*) FROM (SELECT InvoiceId, CustomerId, InvoiceDate, BillingCountry, "
                    + "Total FROM Invoice EXCEPT ALL SELECT CAST(InvoiceId AS BIGINT), CAST(CustomerId AS BIGINT), "
                    + "CAST(InvoiceDate AS TIMESTAMP), BillingCountry, CAST(Total AS DOUBLE) FROM read_csv('"
                    + csv.resolve("Invoice.csv") + "', header = true, all_varchar = true))")).isZero();
            // A foreign key violation is refused by the written database itself.
            assertThat(insertFails(s, "INSERT INTO InvoiceLine (InvoiceLineId, InvoiceId, TrackId, UnitPrice, "
                    + "Quantity) VALUES (999999, 999999, 1, 0.99, 1)")).isTrue();
        }
    }

    @Test
    void parquetRoundTrip() throws Exception {
        Path folder = dir.resolve("parquet");
        CliRun run = CliRun.of("db", "sample", model.toString(), "--to", "parquet:" + folder, "--scale", "0.5",
                "--seed", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).hasSize(11).allMatch(
                    n -> n.endsWith(".parquet"));
        }
        long invoices;
        long lines;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            invoices = count(s, "SELECT count(*) FROM read_parquet('" + folder.resolve("Invoice.parquet") + "')");
            lines = count(s, "SELECT count(*) FROM read_parquet('" + folder.resolve("InvoiceLine.parquet") + "')");
            assertThat(count(s, "SELECT count(*) FROM read_parquet('" + folder.resolve("InvoiceLine.parquet")
                    + "') l LEFT JOIN read_parquet('" + folder.resolve("Invoice.parquet")
                    + "') i USING (InvoiceId) WHERE i.CustomerId IS NULL")).isZero();
        }
        assertThat(invoices).isBetween(100L, 330L);
        Path again = dir.resolve("from-parquet.doppel");
        CliRun fit = CliRun.of("db", "fit", "--from", "parquet:" + folder, "--schema",
                dir.resolve("schema.json").toString(), "-o", again.toString());
        assertThat(fit.exitCode()).as(fit.err()).isZero();
        assertThat(fit.out()).containsPattern("Invoice +" + String.format("%,d", invoices) + " rows")
                .containsPattern("InvoiceLine +" + String.format("%,d", lines) + " rows");
    }

    @Test
    void badSourcesAndTargetsAreClearErrors() {
        CliRun missing = CliRun.of("db", "fit", "--from", "jdbc:duckdb:" + dir.resolve("nope.duckdb"), "-o",
                dir.resolve("x.doppel").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("nope.duckdb does not exist").doesNotContain("\tat ");
        assertThat(Files.exists(dir.resolve("nope.duckdb"))).isFalse();

        CliRun unknown = CliRun.of("db", "fit", "--from", "jdbc:mysql://host/db?user=u&password=secret", "-o",
                dir.resolve("x.doppel").toString());
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("unsupported database").contains("jdbc:duckdb:FILE")
                .doesNotContain("secret");

        CliRun noParquet = CliRun.of("db", "fit", "--from", "parquet:" + dir.resolve("none"), "--schema",
                dir.resolve("schema.json").toString(), "-o", dir.resolve("x.doppel").toString());
        assertThat(noParquet.exitCode()).isEqualTo(3);
        assertThat(noParquet.err()).contains("does not exist");

        CliRun exists = CliRun.of("db", "sample", model.toString(), "--to", "jdbc:duckdb:" + source);
        assertThat(exists.exitCode()).isEqualTo(3);
        assertThat(exists.err()).contains("it exists");

        CliRun sink = CliRun.of("db", "sample", model.toString(), "--to", "sqlite:" + dir.resolve("o.db"));
        assertThat(sink.exitCode()).isEqualTo(3);
        assertThat(sink.err()).contains("unsupported database");
    }

    /** Chinook's CSV files into a DuckDB file with the keys of its metadata.json declared as constraints. */
    private static void loadIntoDuckDb(Path file) throws Exception {
        JsonNode tables = Json.newMapper().readTree(CHINOOK.resolve("metadata.json").toFile()).get("tables");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            for (TableSchema t : schema.parentsFirst()) {
                JsonNode meta = tables.get(t.name());
                List<String> columns = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = meta.get("columns").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String sqlType = e.getValue().asText();
                    String type = sqlType.contains("INT") ? "BIGINT" : sqlType.contains("CHAR") ? "VARCHAR"
                            : sqlType.contains("DATE") ? "TIMESTAMP" : "DOUBLE";
                    columns.add("\"" + e.getKey() + "\" " + type);
                    String value = "CAST(\"" + e.getKey() + "\" AS " + type + ")";
                    for (ForeignKey fk : t.foreignKeys()) {
                        if (fk.column().equals(e.getKey())) {
                            // Chinook has an orphan (customer 510's support rep 67): a database holding the key
                            // constraint cannot hold it, so it becomes missing.
                            String key = schema.table(fk.parentTable()).orElseThrow().primaryKey();
                            if (!fk.parentTable().equals(t.name())) {
                                value = "CASE WHEN " + value + " IN (SELECT \"" + key + "\" FROM \""
                                        + fk.parentTable() + "\") THEN " + value + " END";
                            }
                        }
                    }
                    values.add(value);
                }
                List<String> keys = new ArrayList<>();
                meta.get("primary_key").forEach(k -> keys.add("\"" + k.asText() + "\""));
                columns.add("PRIMARY KEY (" + String.join(", ", keys) + ")");
                for (ForeignKey fk : t.foreignKeys()) {
                    columns.add("FOREIGN KEY (\"" + fk.column() + "\") REFERENCES \"" + fk.parentTable() + "\" (\""
                            + schema.table(fk.parentTable()).orElseThrow().primaryKey() + "\")");
                }
                s.execute("CREATE TABLE \"" + t.name() + "\" (" + String.join(", ", columns) + ")");
                s.execute("CREATE TEMP TABLE stage AS SELECT * FROM read_csv('" + CHINOOK.resolve(t.name() + ".csv")
                        + "', header = true, all_varchar = true)");
                String insert = "INSERT INTO \"" + t.name() + "\" SELECT " + String.join(", ", values)
                        + " FROM stage";
                if (t.name().equals("Employee")) {
                    // DuckDB checks a key against rows already stored: a manager goes in before their reports.
                    for (int round = 0; round < 8; round++) {
                        s.execute(insert + " WHERE CAST(EmployeeId AS BIGINT) NOT IN (SELECT EmployeeId FROM "
                                + "Employee) AND (ReportsTo IS NULL OR CAST(ReportsTo AS BIGINT) IN (SELECT "
                                + "EmployeeId FROM Employee))");
                    }
                } else {
                    s.execute(insert);
                }
                s.execute("DROP TABLE stage");
                assertThat(count(s, "SELECT count(*) FROM \"" + t.name() + "\"")).as(t.name())
                        .isEqualTo(meta.get("rows").asLong());
            }
        }
    }

    private static boolean insertFails(Statement s, String sql) {
        try {
            s.execute(sql);
            return false;
        } catch (SQLException e) {
            return e.getMessage().contains("foreign key");
        }
    }

    private static String type(Statement s, String table, String column) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT data_type FROM information_schema.columns WHERE table_name = '"
                + table + "' AND column_name = '" + column + "'")) {
            r.next();
            return r.getString(1);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
