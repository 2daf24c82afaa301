package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.io.Json;
import dev.doppel.jdbc.PostgresServer;
import dev.doppel.relational.ColumnSchema;
import dev.doppel.relational.DatabaseSchema;
import dev.doppel.relational.ForeignKey;
import dev.doppel.relational.SchemaJson;
import dev.doppel.relational.TableSchema;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * {@code doppel db} from and to a real PostgreSQL server (a private throwaway cluster, {@link PostgresServer}): real
 * Chinook loaded with its keys, types, NOT NULL and UNIQUE constraints, fitted from the server, sampled into another
 * database of the same server, which must enforce every key.
 */
class DbPostgresTest {
    @RegisterExtension
    static final PostgresServer SERVER = new PostgresServer();
    static final Path CHINOOK = DbCommandTest.CHINOOK;
    // Chinook's own DDL declares these NOT NULL (beside the keys); e-mails are declared UNIQUE here to test UNIQUE.
    static final Set<String> NOT_NULL = Set.of("Album.Title", "Album.ArtistId", "Invoice.CustomerId",
            "InvoiceLine.InvoiceId", "InvoiceLine.TrackId", "Artist.Name", "Customer.FirstName",
            "Customer.LastName", "Customer.Email", "Employee.LastName", "Employee.FirstName", "Invoice.InvoiceDate",
            "Invoice.Total", "InvoiceLine.UnitPrice", "InvoiceLine.Quantity", "Track.Name", "Track.MediaTypeId",
            "Track.Milliseconds", "Track.UnitPrice");
    static final Set<String> UNIQUE = Set.of("Customer.Email", "Employee.Email");

    @TempDir
    static Path dir;
    static DatabaseSchema chinook;
    static Path model;
    static Path passwordFile;
    static CliRun fit;

    @BeforeAll
    static void loadChinookAndFitFromTheServer() throws Exception {
        chinook = SchemaJson.read(CHINOOK.resolve("metadata.json"));
        SERVER.createDatabase("chinook");
        SERVER.createDatabase("synthetic");
        load();
        passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, SERVER.password() + "\n");
        model = dir.resolve("chinook.doppel");
        fit = CliRun.of("db", "fit", "--from", SERVER.url("chinook") + "?user=" + PostgresServer.USER,
                "--password-file", passwordFile.toString(), "-o", model.toString(), "--save-schema",
                dir.resolve("schema.json").toString());
        assertThat(fit.exitCode()).as(fit.err()).isZero();
    }

    @Test
    void fitReadsKeysTypesAndConstraintsFromTheCatalog() {
        assertThat(fit.out()).contains("fitted 11 tables").contains("count from InvoiceId")
                // The source's foreign key is NOT VALID, so it holds the orphan: dropped, counted, reported.
                .containsPattern("Customer .*1 rows without parent left out");
        DatabaseSchema read = SchemaJson.read(dir.resolve("schema.json"));
        for (TableSchema expected : chinook.tables()) {
            TableSchema actual = read.table(expected.name()).orElseThrow();
            assertThat(actual.primaryKey()).as(expected.name()).isEqualTo(expected.primaryKey());
            assertThat(actual.compositeKey()).as(expected.name()).isEqualTo(expected.compositeKey());
            assertThat(new HashSet<>(actual.foreignKeys())).as(expected.name())
                    .isEqualTo(new HashSet<>(expected.foreignKeys()));
            assertThat(actual.columns().stream().map(ColumnSchema::name).toList()).as(expected.name())
                    .isEqualTo(expected.columns().stream().map(ColumnSchema::name).toList());
            for (ColumnSchema c : actual.columns()) {
                String name = expected.name() + "." + c.name();
                boolean key = c.name().equals(expected.primaryKey())
                        || expected.name().equals("PlaylistTrack");
                assertThat(c.notNull()).as(name).isEqualTo(key || NOT_NULL.contains(name));
                assertThat(c.unique()).as(name).isEqualTo(UNIQUE.contains(name));
                assertThat(c.type()).as(name).isEqualTo(postgresType(expected.column(c.name()).orElseThrow()
                        .type()));
            }
        }
    }

    @Test
    void samplesIntoPostgresWhichEnforcesEveryKeyAndConstraint() throws Exception {
        CliRun run = sampleTo("synthetic", "--seed", "7");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // Generated text is cut to the declared lengths when sampled, so every declared type is kept (before, fake
        // names longer than varchar(120) made Artist.Name, Track.Name and Customer.PostalCode fall back to text).
        assertThat(run.err()).doesNotContain("do not fit");
        try (Connection c = SERVER.connect("synthetic"); Statement s = c.createStatement()) {
            // The server has checked every key on load; the joins check again.
            assertThat(count(s, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = "
                    + "'public'::regnamespace")).isEqualTo(11);
            for (TableSchema t : chinook.tables()) {
                for (ForeignKey fk : t.foreignKeys()) {
                    String key = chinook.table(fk.parentTable()).orElseThrow().primaryKey();
                    assertThat(count(s, "SELECT count(*) FROM \"" + t.name() + "\" c LEFT JOIN \""
                            + fk.parentTable() + "\" p ON c.\"" + fk.column() + "\" = p.\"" + key + "\" WHERE c.\""
                            + fk.column() + "\" IS NOT NULL AND p.\"" + key + "\" IS NULL"))
                            .as(t.name() + "." + fk.column()).isZero();
                }
            }
            // Same rows as the CSV sink for the same model and seed.
            Path csv = dir.resolve("synthetic-csv");
            assertThat(CliRun.of("db", "sample", model.toString(), "--to", csv.toString(), "--seed", "7").exitCode())
                    .isZero();
            for (JsonNode t : Json.newMapper().readTree(csv.resolve("manifest.json").toFile()).get("tables")) {
                assertThat(count(s, "SELECT count(*) FROM \"" + t.get("name").asText() + "\""))
                        .as(t.get("name").asText()).isEqualTo(t.get("rows").asLong());
            }
            assertThat(count(s, "SELECT count(*) FROM \"Employee\"")).isEqualTo(8);
            // The source's types, NOT NULL and UNIQUE are in the catalog.
            assertThat(column(s, "Invoice", "Total")).isEqualTo("numeric(10,2) NO");
            assertThat(column(s, "Customer", "FirstName")).isEqualTo("character varying(40) NO");
            assertThat(column(s, "Customer", "Company")).isEqualTo("character varying(80) YES");
            assertThat(column(s, "Artist", "Name")).isEqualTo("character varying(120) NO");
            assertThat(column(s, "Customer", "PostalCode")).isEqualTo("character varying(10) YES");
            assertThat(count(s, "SELECT max(length(\"PostalCode\")) FROM \"Customer\"")).isBetween(1L, 10L);
            // Billing addresses are the customer's own, as in the source (found at fit time, copied when sampled).
            assertThat(count(s, "SELECT count(*) FROM \"Invoice\" i JOIN \"Customer\" c USING (\"CustomerId\") "
                    + "WHERE i.\"BillingCity\" IS DISTINCT FROM c.\"City\" OR i.\"BillingAddress\" IS DISTINCT FROM "
                    + "c.\"Address\"")).isZero();
            assertThat(column(s, "Invoice", "InvoiceDate")).isEqualTo("timestamp without time zone NO");
            assertThat(column(s, "Track", "Milliseconds")).isEqualTo("integer NO");
            assertThat(column(s, "InvoiceLine", "InvoiceId")).isEqualTo("integer NO");
            assertThat(count(s, "SELECT count(*) FROM pg_constraint WHERE contype = 'u' AND conrelid = "
                    + "'\"Customer\"'::regclass")).isEqualTo(1);
            // Every table has its primary key, PlaylistTrack's the composite (PlaylistId, TrackId) it was read with.
            assertThat(count(s, "SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND connamespace = "
                    + "'public'::regnamespace")).isEqualTo(11);
            try (ResultSet r = s.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = "
                    + "'p' AND conrelid = '\"PlaylistTrack\"'::regclass")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("PRIMARY KEY (\"PlaylistId\", \"TrackId\")");
            }
            assertThat(count(s, "SELECT count(*) FROM (SELECT DISTINCT \"PlaylistId\", \"TrackId\" FROM "
                    + "\"PlaylistTrack\") d")).isEqualTo(count(s, "SELECT count(*) FROM \"PlaylistTrack\""));
            assertThat(refused(s, "INSERT INTO \"PlaylistTrack\" SELECT * FROM \"PlaylistTrack\" LIMIT 1"))
                    .isEqualTo("23505");
            assertThat(refused(s, "INSERT INTO \"InvoiceLine\" VALUES (999999, 999999, 1, 0.99, 1)"))
                    .isEqualTo("23503");
            assertThat(refused(s, "INSERT INTO \"Invoice\" (\"InvoiceId\", \"CustomerId\", \"InvoiceDate\") "
                    + "VALUES (999999, 1, '2020-01-01')")).isEqualTo("23502");
        }
        // Tables are never overwritten unless asked.
        CliRun again = sampleTo("synthetic", "--seed", "8");
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("already has tables").contains("--replace");
        CliRun replaced = sampleTo("synthetic", "--seed", "8", "--scale", "0.5", "--replace");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        try (Connection c = SERVER.connect("synthetic"); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM \"Employee\"")).isEqualTo(4);
            assertThat(count(s, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).isEqualTo(11);
        }
    }

    @Test
    void aFailureHalfWayLeavesTheDatabaseAsItWas() throws Exception {
        SERVER.createDatabase("blocked");
        try (Connection c = SERVER.connect("blocked"); Statement s = c.createStatement()) {
            // Not a table, so not refused up front: creating table Track fails after Artist, Album, Genre and
            // MediaType are created and loaded.
            s.execute("CREATE TYPE \"Track\" AS ENUM ('x')");
        }
        CliRun run = sampleTo("blocked", "--seed", "7");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("nothing was written").contains("Track").doesNotContain("\tat ");
        try (Connection c = SERVER.connect("blocked"); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = 'public'")).isZero();
        }
    }

    @Test
    void badUrlsAndCredentialsAreOneLineErrorsWithoutThePassword() throws Exception {
        Path wrong = dir.resolve("wrong-password");
        Files.writeString(wrong, "not-the-Password-42\n");
        CliRun badPassword = CliRun.of("db", "fit", "--from", SERVER.url("chinook") + "?user=doppel",
                "--password-file", wrong.toString(), "-o", dir.resolve("x.doppel").toString());
        assertOneLineError(badPassword, "password authentication failed");
        assertThat(badPassword.err()).doesNotContain("not-the-Password-42");

        CliRun missing = sampleTo("nosuchdb", "--seed", "1");
        assertOneLineError(missing, "database \"nosuchdb\" does not exist");

        CliRun inUrl = CliRun.of("db", "fit", "--from", SERVER.url("nosuchdb") + "?user=doppel&password="
                + SERVER.password(), "-o", dir.resolve("x.doppel").toString());
        assertThat(inUrl.exitCode()).isEqualTo(3);
        assertThat(inUrl.err()).contains("warning: a password in the URL").contains("does not exist")
                .doesNotContain(SERVER.password());

        CliRun noDatabase = CliRun.of("db", "fit", "--from", "jdbc:postgresql://127.0.0.1:" + SERVER.port(), "-o",
                dir.resolve("x.doppel").toString());
        assertOneLineError(noDatabase, "expected jdbc:postgresql://HOST:PORT/DATABASE");

        CliRun noFile = CliRun.of("db", "fit", "--from", SERVER.url("chinook"), "--password-file",
                dir.resolve("absent").toString(), "-o", dir.resolve("x.doppel").toString());
        assertOneLineError(noFile, "cannot read the password file");
        assertThat(Files.exists(dir.resolve("x.doppel"))).isFalse();
    }

    @Test
    void thePasswordIsStoredNowhere() throws Exception {
        byte[] secret = SERVER.password().getBytes(StandardCharsets.UTF_8);
        assertThat(contains(Files.readAllBytes(model), secret)).isFalse();
        assertThat(contains(Files.readAllBytes(dir.resolve("schema.json")), secret)).isFalse();
        Path csv = dir.resolve("manifest-check");
        assertThat(CliRun.of("db", "sample", model.toString(), "--to", csv.toString()).exitCode()).isZero();
        assertThat(contains(Files.readAllBytes(csv.resolve("manifest.json")), secret)).isFalse();
        assertThat(fit.out() + fit.err()).doesNotContain(SERVER.password());
    }

    private static CliRun sampleTo(String database, String... options) {
        List<String> args = new ArrayList<>(List.of("db", "sample", model.toString(), "--to",
                SERVER.url(database) + "?user=" + PostgresServer.USER, "--password-file", passwordFile.toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void assertOneLineError(CliRun run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        List<String> errors = run.err().lines().filter(l -> !l.startsWith("warning:")).toList();
        assertThat(errors).as(run.err()).hasSize(1);
        assertThat(errors.get(0)).contains(expected);
    }

    /** Chinook's CSV files into database "chinook" with its keys, PostgreSQL types and constraints. */
    private static void load() throws Exception {
        JsonNode tables = Json.newMapper().readTree(CHINOOK.resolve("metadata.json").toFile()).get("tables");
        try (Connection c = SERVER.connect("chinook"); Statement s = c.createStatement()) {
            for (TableSchema t : chinook.tables()) {
                JsonNode meta = tables.get(t.name());
                List<String> columns = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = meta.get("columns").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String name = t.name() + "." + e.getKey();
                    columns.add("\"" + e.getKey() + "\" " + postgresType(e.getValue().asText())
                            + (NOT_NULL.contains(name) ? " NOT NULL" : "") + (UNIQUE.contains(name) ? " UNIQUE" : ""));
                }
                List<String> keys = new ArrayList<>();
                meta.get("primary_key").forEach(k -> keys.add("\"" + k.asText() + "\""));
                columns.add("PRIMARY KEY (" + String.join(", ", keys) + ")");
                s.execute("CREATE TABLE \"" + t.name() + "\" (" + String.join(", ", columns) + ")");
                try (Reader in = Files.newBufferedReader(CHINOOK.resolve(t.name() + ".csv"))) {
                    long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY \"" + t.name()
                            + "\" FROM STDIN WITH (FORMAT csv, HEADER true)", in);
                    assertThat(rows).as(t.name()).isEqualTo(meta.get("rows").asLong());
                }
            }
            for (TableSchema t : chinook.tables()) {
                for (ForeignKey fk : t.foreignKeys()) {
                    // NOT VALID: existing rows are not checked, so the real orphan (a customer's support rep 67)
                    // stays, as in a database whose constraint was added late.
                    s.execute("ALTER TABLE \"" + t.name() + "\" ADD FOREIGN KEY (\"" + fk.column() + "\") REFERENCES \""
                            + fk.parentTable() + "\" NOT VALID");
                }
            }
        }
    }

    private static String postgresType(String chinookType) {
        return chinookType.replace("NVARCHAR", "character varying").replace("INTEGER", "integer")
                .replace("NUMERIC", "numeric").replace("DATETIME", "timestamp without time zone");
    }

    private static String column(Statement s, String table, String column) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT format_type(a.atttypid, a.atttypmod), a.attnotnull FROM "
                + "pg_attribute a WHERE a.attrelid = '\"" + table + "\"'::regclass AND a.attname = '" + column + "'")) {
            r.next();
            return r.getString(1) + (r.getBoolean(2) ? " NO" : " YES");
        }
    }

    private static String refused(Statement s, String sql) {
        try {
            s.execute(sql);
            return "accepted";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
