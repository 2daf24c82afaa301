package dev.doppel.jdbc;

import dev.doppel.DoppelException;
import dev.doppel.relational.DatabaseSchema;
import dev.doppel.relational.ForeignKey;
import dev.doppel.relational.RelationalModel;
import dev.doppel.relational.SyntheticTable;
import dev.doppel.relational.TableSchema;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes sampled tables into a PostgreSQL database, in one transaction: tables are created parents first with their
 * columns' types, NOT NULL, UNIQUE and primary keys ({@link ColumnDefinition#plan}), loaded with {@code COPY ... FROM
 * STDIN}, then their foreign keys are added, which makes the server check every row against its parent. PostgreSQL's
 * DDL is transactional, so any failure (a refused row, a lost connection) leaves the database as it was.
 *
 * <p>Tables of the target schema with the same names are an error unless {@code replace} is given; then they are
 * dropped in the same transaction (without CASCADE: a table of the database that refers to one of them makes the
 * write fail rather than lose its foreign key).
 */
public final class PostgresWriter {
    // Rows are sent to COPY in chunks of about this many bytes: large enough for throughput, small in memory.
    private static final int CHUNK = 1 << 16;

    private PostgresWriter() {
    }

    /** Fails unless {@code target} can be connected to and, without {@code replace}, holds none of the tables. */
    public static void checkTarget(DatabaseLocation target, DatabaseCredentials credentials, DatabaseSchema schema,
            boolean replace) {
        try (Connection c = Postgres.connect(target, credentials)) {
            if (!replace) {
                refuseExisting(c, target, schema);
            }
        } catch (SQLException e) {
            throw new DoppelException("cannot write " + target + ": " + Postgres.message(e, credentials));
        }
    }

    /** Writes {@code tables} (sampled from {@code model}) into {@code target}; see the class comment. */
    public static List<WrittenTable> write(RelationalModel model, List<SyntheticTable> tables,
            DatabaseLocation target, DatabaseCredentials credentials, boolean replace) {
        DatabaseSchema schema = model.schema();
        String namespace = Sql.name(target.schemaName());
        try (Connection c = Postgres.connect(target, credentials)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + namespace);
                if (replace) {
                    s.execute("DROP TABLE IF EXISTS " + String.join(", ", schema.tables().stream()
                            .map(t -> namespace + "." + Sql.name(t.name())).toList()));
                } else {
                    refuseExisting(c, target, schema);
                }
                List<WrittenTable> written = new ArrayList<>();
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (TableSchema t : schema.parentsFirst()) {
                    int i = schema.tables().indexOf(t);
                    SyntheticTable data = tables.get(i);
                    ColumnDefinition.Plan plan = ColumnDefinition.plan(t, model.tables().get(i), data);
                    String table = namespace + "." + Sql.name(t.name());
                    List<String> definitions = new ArrayList<>();
                    for (ColumnDefinition column : plan.columns()) {
                        definitions.add(Sql.name(column.name()) + " " + column.type().postgres()
                                + (column.notNull() ? " NOT NULL" : "") + (column.unique() ? " UNIQUE" : ""));
                    }
                    t.key().ifPresent(k -> definitions.add("PRIMARY KEY (" + Sql.name(k) + ")"));
                    if (!t.compositeKey().isEmpty()) {
                        definitions.add("PRIMARY KEY (" + String.join(", ", t.compositeKey().stream()
                                .map(Sql::name).toList()) + ")");
                    }
                    s.execute("CREATE TABLE " + table + " (" + String.join(", ", definitions) + ")");
                    long rows = load(copy, table, data);
                    written.add(new WrittenTable(t.name(), rows, plan.warnings()));
                }
                for (TableSchema t : schema.tables()) {
                    for (ForeignKey fk : t.foreignKeys()) {
                        TableSchema parent = schema.table(fk.parentTable()).orElseThrow();
                        // Added after the load: the server checks every row at once, in any table order.
                        s.execute("ALTER TABLE " + namespace + "." + Sql.name(t.name()) + " ADD FOREIGN KEY ("
                                + Sql.name(fk.column()) + ") REFERENCES " + namespace + "." + Sql.name(parent.name())
                                + " (" + Sql.name(parent.primaryKey()) + ")");
                    }
                }
                c.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new DoppelException("cannot write " + target + " (nothing was written): "
                    + Postgres.message(e, credentials));
        }
    }

    /** Streams {@code data} into {@code table} with COPY in CSV form and returns the rows the server took. */
    private static long load(CopyManager copy, String table, SyntheticTable data) throws SQLException {
        String columns = String.join(", ", data.columns().stream().map(Sql::name).toList());
        // In COPY's CSV form an unquoted empty field is NULL and a quoted one the empty string: every value is quoted.
        CopyIn in = copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv, ENCODING 'UTF8')");
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 1024);
            StringBuilder line = new StringBuilder();
            for (String[] row : data.rows()) {
                line.setLength(0);
                for (int c = 0; c < row.length; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    if (row[c] != null) {
                        line.append('"').append(row[c].replace("\"", "\"\"")).append('"');
                    }
                }
                line.append('\n');
                buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
                if (buffer.size() >= CHUNK) {
                    in.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
            }
            if (buffer.size() > 0) {
                in.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            }
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void refuseExisting(Connection c, DatabaseLocation target, DatabaseSchema schema)
            throws SQLException {
        List<String> existing = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT c.relname FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ANY (?) ORDER BY c.relname")) {
            p.setString(1, target.schemaName());
            p.setArray(2, c.createArrayOf("text", schema.tables().stream().map(TableSchema::name).toArray()));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    existing.add(r.getString(1));
                }
            }
        }
        if (!existing.isEmpty()) {
            throw new DoppelException("cannot write " + target + ": schema " + target.schemaName() + " already has "
                    + (existing.size() == 1 ? "table " : "tables ") + String.join(", ", existing)
                    + "; use --replace to drop and recreate them");
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken: the server rolls the transaction back itself
        }
    }
}
