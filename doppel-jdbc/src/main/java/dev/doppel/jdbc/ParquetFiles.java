package dev.doppel.jdbc;

import dev.doppel.DoppelException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Parquet files written from CSV files through an in-memory DuckDB. */
public final class ParquetFiles {
    private ParquetFiles() {
    }

    /**
     * Writes {@code csv} (a header, commas, RFC 4180 quotes, an empty field for a missing value and {@code ""} for
     * an empty text) to the Parquet file {@code target}, casting column {@code i} to {@code types.get(i)}.
     *
     * @throws DoppelException when a value does not convert to its column's type, or a file cannot be used
     */
    public static void fromCsv(Path csv, List<String> columns, List<SqlType> types, Path target) {
        if (columns.size() != types.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + types.size() + " types");
        }
        List<String> casts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            casts.add("CAST(" + Sql.name(columns.get(i)) + " AS " + types.get(i).duckDb() + ") AS "
                    + Sql.name(columns.get(i)));
        }
        // Every field is read as text, so nothing is guessed; a quoted empty field stays an empty text.
        String select = "SELECT " + String.join(", ", casts) + " FROM read_csv(" + Sql.literal(csv)
                + ", header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', nullstr = '', "
                + "allow_quoted_nulls = false)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET threads TO 1");
            s.execute("COPY (" + select + ") TO " + Sql.literal(target) + " (FORMAT PARQUET)");
        } catch (SQLException e) {
            throw new DoppelException("cannot write " + target + " from " + csv.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }
}
