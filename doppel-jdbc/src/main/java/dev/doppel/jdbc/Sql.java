package dev.doppel.jdbc;

import java.nio.file.Path;

/** Quoting of names and literals in the SQL sent to DuckDB. */
final class Sql {
    private Sql() {
    }

    static String name(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    static String literal(Path path) {
        return literal(path.toAbsolutePath().toString());
    }
}
