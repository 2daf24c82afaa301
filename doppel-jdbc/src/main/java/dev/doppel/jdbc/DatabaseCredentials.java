package dev.doppel.jdbc;

import dev.doppel.DoppelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who connects to a database server. Taken, in this order, from a password file, the environment
 * ({@code DOPPEL_DB_USER}/{@code DOPPEL_DB_PASSWORD}, else {@code PGUSER}/{@code PGPASSWORD}), else left to the URL's
 * own {@code user=}/{@code password=} options (discouraged). The password never appears in {@link #toString()}, in
 * messages ({@link #hide}) or in anything Doppel writes.
 *
 * @param user     the user name, null to use the URL's or the driver's default
 * @param password the password, null to use the URL's or none
 */
public record DatabaseCredentials(String user, String password) {
    /** No user or password beyond what the URL says. */
    public static final DatabaseCredentials NONE = new DatabaseCredentials(null, null);

    /**
     * The credentials from {@code passwordFile} (its first line; may be null) and {@code environment}; a password file
     * that cannot be read or is empty is a {@link DoppelException}.
     */
    public static DatabaseCredentials resolve(Map<String, String> environment, Path passwordFile) {
        String user = first(environment.get("DOPPEL_DB_USER"), environment.get("PGUSER"));
        String password = first(environment.get("DOPPEL_DB_PASSWORD"), environment.get("PGPASSWORD"));
        if (passwordFile != null) {
            String text;
            try {
                text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new DoppelException("cannot read the password file " + passwordFile + ": "
                        + e.getClass().getSimpleName());
            }
            int end = text.indexOf('\n');
            password = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
            if (password.isEmpty()) {
                throw new DoppelException("password file " + passwordFile + ": expected the password on its first "
                        + "line, found an empty line");
            }
        }
        return new DatabaseCredentials(user, password);
    }

    private static String first(String a, String b) {
        return a != null && !a.isEmpty() ? a : b != null && !b.isEmpty() ? b : null;
    }

    /** {@code message} with every occurrence of the password masked. */
    public String hide(String message) {
        if (message == null || password == null || password.isEmpty()) {
            return message;
        }
        return message.replace(password, "***");
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
