package dev.doppel.jdbc;

import dev.doppel.DoppelException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * Where a database is read from or written to, as given on the command line: a folder of CSV files (a plain path),
 * an embedded DuckDB file ({@code jdbc:duckdb:FILE}), a folder of Parquet files ({@code parquet:DIR}) or a
 * PostgreSQL database ({@code jdbc:postgresql://HOST:PORT/DATABASE}, schema from the driver's {@code currentSchema}
 * option, else {@code public}).
 *
 * @param kind the kind of store
 * @param path the folder or database file; null for a server
 * @param url  the JDBC URL of a server, as given (it may hold a password: show it through {@link #toString()} only);
 *             null for a file or folder
 */
public record DatabaseLocation(Kind kind, Path path, String url) {
    /** The stores Doppel reads and writes. */
    public enum Kind { CSV_FOLDER, DUCKDB, PARQUET, POSTGRESQL }

    private static final String DUCKDB = "jdbc:duckdb:";
    private static final String PARQUET = "parquet:";
    private static final String POSTGRESQL = "jdbc:postgresql:";
    // jdbc:postgresql://HOST[:PORT][,HOST2...]/DATABASE[?OPTIONS] or the short jdbc:postgresql:DATABASE (localhost).
    private static final Pattern POSTGRESQL_URL = Pattern.compile("^jdbc:postgresql:(//[^/?]*/)?[^/?]+(\\?.*)?$");

    public DatabaseLocation {
        if ((kind == Kind.POSTGRESQL) != (url != null) || (kind == Kind.POSTGRESQL) == (path != null)) {
            throw new IllegalArgumentException(kind + " needs " + (kind == Kind.POSTGRESQL ? "a URL" : "a path"));
        }
    }

    /** A file or folder location. */
    public DatabaseLocation(Kind kind, Path path) {
        this(kind, path, null);
    }
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
        if (text.startsWith(POSTGRESQL)) {
            // Checked before the driver parses it: the driver logs a warning of its own for a malformed URL.
            Properties parsed = POSTGRESQL_URL.matcher(text).matches() ? Driver.parseURL(text, new Properties())
                    : null;
            if (parsed == null || parsed.getProperty("PGDBNAME", "").isEmpty()) {
                throw new DoppelException("'" + describe(text) + "' is not a PostgreSQL URL naming a database; "
                        + "expected jdbc:postgresql://HOST:PORT/DATABASE");
            }
            String schema = parsed.getProperty("currentSchema");
            if (schema != null && (schema.isBlank() || schema.contains(","))) {
                throw new DoppelException("'" + describe(text) + "': currentSchema must name one schema");
            }
            return new DatabaseLocation(Kind.POSTGRESQL, null, text);
        }
        if (SCHEME.matcher(text).matches()) {
            throw new DoppelException("unsupported database '" + describe(text) + "'; expected a folder of CSV "
                    + "files, jdbc:duckdb:FILE, parquet:DIR or jdbc:postgresql://HOST:PORT/DATABASE");
        }
        return new DatabaseLocation(Kind.CSV_FOLDER, Path.of(text));
    }

    /** The PostgreSQL schema read or written: the URL's {@code currentSchema}, else {@code public}. */
    public String schemaName() {
        if (kind != Kind.POSTGRESQL) {
            throw new IllegalStateException(this + " has no schema");
        }
        return Driver.parseURL(url, new Properties()).getProperty("currentSchema", "public");
    }

    /** True when the URL itself carries a password (discouraged: it shows in shell history and process lists). */
    public boolean urlHasPassword() {
        return kind == Kind.POSTGRESQL && Driver.parseURL(url, new Properties()).getProperty("password") != null;
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
            case POSTGRESQL -> describe(url);
        };
    }
}
