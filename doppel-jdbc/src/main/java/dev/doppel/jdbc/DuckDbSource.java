package dev.doppel.jdbc;

import dev.doppel.DoppelException;
import dev.doppel.relational.ColumnSchema;
import dev.doppel.relational.DatabaseSchema;
import dev.doppel.relational.ForeignKey;
import dev.doppel.relational.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a DuckDB database file (opened read-only; its keys come from {@link DatabaseMetaData}, column types, NOT NULL
 * and UNIQUE from {@code information_schema} and {@code duckdb_constraints()}) or a folder of Parquet files, one
 * {@code <table>.parquet} per table of a schema given separately.
 */
public final class DuckDbSource implements TableSource {
    private final DatabaseLocation location;
    private final Connection connection;

    private DuckDbSource(DatabaseLocation location, Connection connection) {
        this.location = location;
        this.connection = connection;
    }

    /** Opens {@code location}, which must be a DuckDB file or a Parquet folder that exists. */
    public static DuckDbSource open(DatabaseLocation location) {
        try {
            switch (location.kind()) {
                case DUCKDB -> {
                    if (!Files.isRegularFile(location.path())) {
                        throw new DoppelException("database file " + location.path() + " does not exist");
                    }
                    Properties properties = new Properties();
                    properties.setProperty("duckdb.read_only", "true");
                    return new DuckDbSource(location, DriverManager.getConnection(
                            "jdbc:duckdb:" + location.path().toAbsolutePath(), properties));
                }
                case PARQUET -> {
                    if (!Files.isDirectory(location.path())) {
                        throw new DoppelException("Parquet folder " + location.path() + " does not exist");
                    }
                    return new DuckDbSource(location, DriverManager.getConnection("jdbc:duckdb:"));
                }
                default -> throw new DoppelException(location + " is not a DuckDB file or a Parquet folder");
            }
        } catch (SQLException e) {
            throw new DoppelException("cannot open " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<DatabaseSchema> declaredSchema() {
        if (location.kind() != DatabaseLocation.Kind.DUCKDB) {
            return Optional.empty();
        }
        try {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet r = meta.getTables(null, "main", "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (r.next()) {
                    names.add(r.getString("TABLE_NAME"));
                }
            }
            if (names.isEmpty()) {
                throw new DoppelException("database " + location.path() + " has no table");
            }
            Map<String, List<String>> keys = new LinkedHashMap<>();
            for (String name : names) {
                // JDBC lists key columns by name; KEY_SEQ gives their order in the key.
                java.util.TreeMap<Integer, String> key = new java.util.TreeMap<>();
                try (ResultSet r = meta.getPrimaryKeys(null, "main", name)) {
                    while (r.next()) {
                        key.put(r.getInt("KEY_SEQ"), r.getString("COLUMN_NAME"));
                    }
                }
                keys.put(name, new ArrayList<>(key.values()));
            }
            List<TableSchema> tables = new ArrayList<>();
            for (String name : names) {
                List<String> key = keys.get(name);
                tables.add(new TableSchema(name, name + ".csv", key.size() == 1 ? key.get(0) : null,
                        foreignKeys(meta, name, keys), columns(name), key.size() > 1 ? key : List.of()));
            }
            return Optional.of(new DatabaseSchema(tables));
        } catch (SQLException e) {
            throw new DoppelException("cannot read the schema of " + location + ": " + e.getMessage(), e);
        }
    }

    /** The declared type, nullability and single-column UNIQUE constraints of {@code table}'s columns. */
    private List<ColumnSchema> columns(String table) throws SQLException {
        Set<String> unique = new HashSet<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT constraint_column_names FROM "
                + "duckdb_constraints() WHERE schema_name = 'main' AND table_name = ? AND constraint_type = 'UNIQUE' "
                + "AND len(constraint_column_names) = 1")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    unique.add(String.valueOf(((Object[]) r.getArray(1).getArray())[0]));
                }
            }
        }
        List<ColumnSchema> columns = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT column_name, data_type, is_nullable FROM "
                + "information_schema.columns WHERE table_schema = 'main' AND table_name = ? "
                + "ORDER BY ordinal_position")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    columns.add(new ColumnSchema(r.getString(1), r.getString(2), "NO".equals(r.getString(3)),
                            unique.contains(r.getString(1))));
                }
            }
        }
        return columns;
    }

    private List<ForeignKey> foreignKeys(DatabaseMetaData meta, String table, Map<String, List<String>> keys)
            throws SQLException {
        record Part(String name, String column, String parent, String parentColumn, int seq) { }
        List<Part> parts = new ArrayList<>();
        try (ResultSet r = meta.getImportedKeys(null, "main", table)) {
            while (r.next()) {
                parts.add(new Part(r.getString("FK_NAME") + "/" + r.getString("PKTABLE_NAME"),
                        r.getString("FKCOLUMN_NAME"), r.getString("PKTABLE_NAME"), r.getString("PKCOLUMN_NAME"),
                        r.getInt("KEY_SEQ")));
            }
        }
        Set<String> composite = new HashSet<>();
        parts.stream().filter(p -> p.seq() > 1).forEach(p -> composite.add(p.name()));
        // Declared order decides ties when choosing a table's count key: use the table's column order, not the
        // driver's (sorted by parent table).
        List<String> columns = new ArrayList<>();
        try (ResultSet r = meta.getColumns(null, "main", table, "%")) {
            while (r.next()) {
                columns.add(r.getString("COLUMN_NAME"));
            }
        }
        parts.sort(Comparator.comparingInt(p -> columns.indexOf(p.column())));
        List<ForeignKey> result = new ArrayList<>();
        for (Part p : parts) {
            if (composite.contains(p.name())) {
                throw new DoppelException("foreign key of " + table + " to " + p.parent()
                        + " has several columns; composite foreign keys are not supported");
            }
            if (!List.of(p.parentColumn()).equals(keys.get(p.parent()))) {
                throw new DoppelException("foreign key " + table + "." + p.column() + " references "
                        + p.parent() + "." + p.parentColumn() + ", which is not that table's single-column "
                        + "primary key");
            }
            result.add(new ForeignKey(p.column(), p.parent()));
        }
        return result;
    }

    @Override
    public void exportCsv(DatabaseSchema schema, Path folder) {
        for (TableSchema t : schema.tables()) {
            String from;
            if (location.kind() == DatabaseLocation.Kind.PARQUET) {
                Path file = location.path().resolve(t.name() + ".parquet");
                if (!Files.isRegularFile(file)) {
                    throw new DoppelException("table " + t.name() + ": file " + file + " does not exist");
                }
                from = "(SELECT * FROM read_parquet(" + Sql.literal(file) + "))";
            } else {
                from = Sql.name(t.name());
            }
            try (Statement s = connection.createStatement()) {
                s.execute("COPY " + from + " TO " + Sql.literal(folder.resolve(t.file()))
                        + " (FORMAT CSV, HEADER, DELIMITER ',', QUOTE '\"')");
            } catch (SQLException e) {
                throw new DoppelException("cannot read table " + t.name() + " from " + location + ": "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // read-only or in-memory: nothing is lost
        }
    }
}
