package dev.doppel.jdbc;

import dev.doppel.DoppelException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Connections to a PostgreSQL server and the one-line, password-free messages of its errors. */
final class Postgres {
    private Postgres() {
    }

    /** Opens a connection to {@code location}; failing to connect is a {@link DoppelException} naming the URL. */
    static Connection connect(DatabaseLocation location, DatabaseCredentials credentials) {
        Properties properties = new Properties();
        if (credentials.user() != null) {
            properties.setProperty("user", credentials.user());
        }
        if (credentials.password() != null) {
            properties.setProperty("password", credentials.password());
        }
        properties.setProperty("ApplicationName", "doppel");
        // Seconds: an unreachable host fails within a bounded time instead of the OS's TCP timeout.
        properties.setProperty("connectTimeout", "15");
        try {
            Connection c = DriverManager.getConnection(location.url(), properties);
            try (var s = c.createStatement()) {
                // Text as Doppel's readers expect it, whatever the server's defaults.
                s.execute("SET DateStyle = ISO; SET IntervalStyle = postgres; SET client_encoding = 'UTF8'");
            }
            return c;
        } catch (SQLException e) {
            throw new DoppelException("cannot connect to " + location + ": " + message(e, credentials));
        }
    }

    /** The first line of the error, password masked. */
    static String message(SQLException e, DatabaseCredentials credentials) {
        String text = credentials.hide(e.getMessage());
        if (text == null) {
            return e.getClass().getSimpleName();
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }
}
