package dev.doppel.jdbc;

import dev.doppel.DoppelException;
import dev.doppel.relational.ColumnSchema;
import dev.doppel.relational.DatabaseSchema;
import dev.doppel.relational.ForeignKey;
import dev.doppel.relational.TableSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * Reads the tables of one schema of a PostgreSQL database: their columns (declared type, NOT NULL), primary keys,
 * foreign keys and single-column UNIQUE constraints or indexes, from the server's catalog ({@code pg_catalog}), and
 * their rows through {@code COPY ... TO STDOUT}. Everything is read in one read-only transaction, so the schema and
 * the rows are one consistent snapshot.
 */
public final class PostgresSource implements TableSource {
    private final DatabaseLocation location;
    private final DatabaseCredentials credentials;
    private final Connection connection;

    private PostgresSource(DatabaseLocation location, DatabaseCredentials credentials, Connection connection) {
        this.location = location;
        this.credentials = credentials;
        this.connection = connection;
    }

    /** Connects to {@code location}; a server that cannot be reached or refuses the login is a DoppelException. */
    public static PostgresSource open(DatabaseLocation location, DatabaseCredentials credentials) {
        Connection c = Postgres.connect(location, credentials);
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            return new PostgresSource(location, credentials, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new DoppelException("cannot read " + location + ": " + Postgres.message(e, credentials));
        }
    }

    @Override
    public Optional<DatabaseSchema> declaredSchema() {
        String schema = location.schemaName();
        try {
            Map<String, List<ColumnSchema>> columns = columns(schema);
            if (columns.isEmpty()) {
                throw new DoppelException("schema " + schema + " of " + location + " has no table");
            }
            Map<String, Set<String>> unique = uniqueColumns(schema);
            Map<String, List<String>> primary = new LinkedHashMap<>();
            Map<String, List<ForeignKey>> foreign = new LinkedHashMap<>();
            record Column(String table, String column) { }
            // The parent column each foreign key names: checked once every primary key is known.
            Map<Column, String> referenced = new HashMap<>();
            try (PreparedStatement p = connection.prepareStatement("""
                    SELECT cl.relname, con.conname, con.contype,
                           ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(n, i)
                                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
                           pc.relname, pn.nspname,
                           ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(n, i)
                                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)
                    FROM pg_constraint con
                    JOIN pg_class cl ON cl.oid = con.conrelid
                    JOIN pg_namespace n ON n.oid = cl.relnamespace
                    LEFT JOIN pg_class pc ON pc.oid = con.confrelid
                    LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                    WHERE n.nspname = ? AND con.contype IN ('p', 'f') AND cl.relkind IN ('r', 'p')
                    ORDER BY cl.relname, con.contype DESC, con.conname""")) {
                p.setString(1, schema);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String table = r.getString(1);
                        List<String> keyColumns = strings(r.getArray(4));
                        if (r.getString(3).equals("p")) {
                            primary.put(table, keyColumns);
                            continue;
                        }
                        String parent = r.getString(5);
                        String what = "foreign key " + r.getString(2) + " of " + table;
                        if (!schema.equals(r.getString(6))) {
                            throw new DoppelException(what + " references " + r.getString(6) + "." + parent
                                    + ", outside schema " + schema + "; only one schema is read");
                        }
                        if (keyColumns.size() > 1) {
                            throw new DoppelException(what + " has several columns " + keyColumns
                                    + " (references " + parent + "); composite foreign keys are not supported: "
                                    + "drop the constraint or give a --schema without it");
                        }
                        foreign.computeIfAbsent(table, t -> new ArrayList<>()).add(new ForeignKey(keyColumns.get(0),
                                parent));
                        referenced.put(new Column(table, keyColumns.get(0)), strings(r.getArray(7)).get(0));
                    }
                }
            }
            List<TableSchema> tables = new ArrayList<>();
            for (Map.Entry<String, List<ColumnSchema>> e : columns.entrySet()) {
                String table = e.getKey();
                List<String> key = primary.getOrDefault(table, List.of());
                List<ForeignKey> keys = new ArrayList<>(foreign.getOrDefault(table, List.of()));
                List<String> order = e.getValue().stream().map(ColumnSchema::name).toList();
                // Declared column order decides ties when choosing a table's count key, as for DuckDB.
                keys.sort((a, b) -> Integer.compare(order.indexOf(a.column()), order.indexOf(b.column())));
                for (ForeignKey fk : keys) {
                    String parentColumn = referenced.get(new Column(table, fk.column()));
                    if (!List.of(parentColumn).equals(primary.getOrDefault(fk.parentTable(), List.of()))) {
                        throw new DoppelException("foreign key " + table + "." + fk.column() + " references "
                                + fk.parentTable() + "." + parentColumn + ", which is not that table's single-column "
                                + "primary key");
                    }
                }
                Set<String> uniqueHere = unique.getOrDefault(table, Set.of());
                List<ColumnSchema> described = e.getValue().stream().map(c -> new ColumnSchema(c.name(), c.type(),
                        c.notNull(), uniqueHere.contains(c.name()))).toList();
                // A key of several columns (a link table's pair) is kept as a composite key, as for DuckDB.
                tables.add(new TableSchema(table, table + ".csv", key.size() == 1 ? key.get(0) : null, keys,
                        described, key.size() > 1 ? key : List.of()));
            }
            return Optional.of(new DatabaseSchema(tables));
        } catch (SQLException e) {
            throw new DoppelException("cannot read the schema of " + location + ": "
                    + Postgres.message(e, credentials));
        }
    }

    private Map<String, List<ColumnSchema>> columns(String schema) throws SQLException {
        Map<String, List<ColumnSchema>> columns = new LinkedHashMap<>();
        try (PreparedStatement p = connection.prepareStatement("""
                SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                ORDER BY c.relname, a.attnum""")) {
            p.setString(1, schema);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    columns.computeIfAbsent(r.getString(1), t -> new ArrayList<>())
                            .add(new ColumnSchema(r.getString(2), r.getString(3), r.getBoolean(4), false));
                }
            }
        }
        return columns;
    }

    /** Columns covered on their own by a UNIQUE constraint or a unique index (not partial, not on an expression). */
    private Map<String, Set<String>> uniqueColumns(String schema) throws SQLException {
        Map<String, Set<String>> unique = new LinkedHashMap<>();
        try (PreparedStatement p = connection.prepareStatement("""
                SELECT c.relname, a.attname
                FROM pg_index i
                JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
                WHERE n.nspname = ? AND i.indisunique AND NOT i.indisprimary AND i.indnkeyatts = 1
                  AND i.indpred IS NULL AND i.indexprs IS NULL""")) {
            p.setString(1, schema);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    unique.computeIfAbsent(r.getString(1), t -> new HashSet<>()).add(r.getString(2));
                }
            }
        }
        return unique;
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    @Override
    public void exportCsv(DatabaseSchema schema, Path folder) {
        String namespace = Sql.name(location.schemaName());
        for (TableSchema t : schema.tables()) {
            Path file = folder.resolve(t.file());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM " + namespace + "."
                        + Sql.name(t.name()) + ") TO STDOUT WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')", out);
            } catch (SQLException e) {
                throw new DoppelException("cannot read table " + t.name() + " from " + location + ": "
                        + Postgres.message(e, credentials));
            } catch (IOException e) {
                throw new DoppelException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // read-only: nothing to undo
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is gone either way
        }
    }
}
