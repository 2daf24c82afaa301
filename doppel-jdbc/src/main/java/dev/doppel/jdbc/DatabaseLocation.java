package dev.doppel.jdbc;

import dev.doppel.DoppelException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a database is read from or written to, as given on the command line: a folder of CSV files (a plain path),
 * an embedded DuckDB file ({@code jdbc:duckdb:FILE}) or a folder of Parquet files ({@code parquet:DIR}).
 *
 * @param kind the kind of store
 * @param path the folder or database file
 */
public record DatabaseLocation(Kind kind, Path path) {
    /** The stores Doppel reads and writes. */
    public enum Kind { CSV_FOLDER, DUCKDB, PARQUET }

    private static final String DUCKDB = "jdbc:duckdb:";
    private static final String PARQUET = "parquet:";
    // A scheme of two letters or more: a single letter followed by ':' would be a Windows drive.
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    /** Reads {@code text}; an unknown scheme or a DuckDB URL without a file is a {@link DoppelException}. */
    public static DatabaseLocation parse(String text) {
        if (text.startsWith(DUCKDB)) {
            String file = text.substring(DUCKDB.length());
            int options = file.indexOf('?');
            if (options >= 0) {
                file = file.substring(0, options);
            }
            if (file.isEmpty() || file.startsWith(":memory:")) {
                throw new DoppelException("'" + describe(text) + "' names no database file; expected "
                        + "jdbc:duckdb:PATH/TO/FILE.duckdb");
            }
            return new DatabaseLocation(Kind.DUCKDB, Path.of(file));
        }
        if (text.startsWith(PARQUET)) {
            String folder = text.substring(PARQUET.length());
            if (folder.isEmpty()) {
                throw new DoppelException("'parquet:' names no folder; expected parquet:DIR");
            }
            return new DatabaseLocation(Kind.PARQUET, Path.of(folder));
        }
        if (SCHEME.matcher(text).matches()) {
            throw new DoppelException("unsupported database '" + describe(text) + "'; expected a folder of CSV "
                    + "files, jdbc:duckdb:FILE or parquet:DIR");
        }
        return new DatabaseLocation(Kind.CSV_FOLDER, Path.of(text));
    }

    /** {@code text} for messages, without whatever follows a password parameter or user info. */
    static String describe(String text) {
        String shown = text.replaceAll("(?i)(password=)[^&;]*", "$1***");
        return shown.replaceAll("//[^/@]*@", "//***@");
    }

    /** How the location is shown to a user. */
    @Override
    public String toString() {
        return switch (kind) {
            case CSV_FOLDER -> path.toString();
            case DUCKDB -> DUCKDB + path;
            case PARQUET -> PARQUET + path;
        };
    }
}
