package dev.doppel.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private, throwaway PostgreSQL server for tests: {@code initdb} and {@code pg_ctl} from Debian's {@code postgresql}
 * package ({@code /usr/lib/postgresql/VERSION/bin}, the newest), a cluster in a temporary folder, listening on a free
 * port of 127.0.0.1 with its unix socket in that folder, password authentication (SCRAM) for user {@code doppel}.
 * Started once per test run (shared by the test classes that register it), stopped and deleted when the run ends.
 * PostgreSQL refuses to run as root, so as root (as in CI) the cluster is owned by and run as user {@code postgres}
 * through {@code runuser}. Missing binaries are a test failure saying what to install, never a silent skip.
 *
 * <p>Register with {@code @RegisterExtension static final PostgresServer SERVER = new PostgresServer();}.
 */
public final class PostgresServer implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresServer.class);
    /** The superuser the tests connect as. */
    public static final String USER = "doppel";

    private Cluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Cluster.class, k -> Cluster.start(),
                Cluster.class);
    }

    /** The JDBC URL of {@code database}, without credentials. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + cluster.port + "/" + database;
    }

    public int port() {
        return cluster.port;
    }

    /** The password of {@link #USER}: random per run. */
    public String password() {
        return cluster.password;
    }

    /** Creates an empty database. */
    public void createDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        }
    }

    /** A connection to {@code database} as {@link #USER}. */
    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", cluster.password);
        return DriverManager.getConnection(url(database), p);
    }

    /** One running cluster; closed (stopped and deleted) by JUnit when the test run ends. */
    static final class Cluster implements ExtensionContext.Store.CloseableResource {
        private final Path folder;
        private final Path bin;
        private final boolean asPostgres;
        private final int port;
        private final String password;

        private Cluster(Path folder, Path bin, boolean asPostgres, int port, String password) {
            this.folder = folder;
            this.bin = bin;
            this.asPostgres = asPostgres;
            this.port = port;
            this.password = password;
        }

        static Cluster start() {
            Path bin = binaries(Path.of("/usr/lib/postgresql"));
            boolean root = "root".equals(System.getProperty("user.name"));
            Path folder = null;
            try {
                folder = Files.createTempDirectory("doppel-pg-");
                byte[] secret = new byte[16];
                new SecureRandom().nextBytes(secret);
                String password = HexFormat.of().formatHex(secret);
                Path passwordFile = folder.resolve("pw");
                Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
                if (root) {
                    UserPrincipal postgres;
                    try {
                        postgres = folder.getFileSystem().getUserPrincipalLookupService()
                                .lookupPrincipalByName("postgres");
                    } catch (IOException e) {
                        throw new IllegalStateException("running as root, PostgreSQL needs a non-root user: user "
                                + "'postgres' (created by Debian's postgresql package) does not exist", e);
                    }
                    Files.setOwner(folder, postgres);
                    Files.setOwner(passwordFile, postgres);
                }
                int port;
                try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    port = socket.getLocalPort();
                }
                Cluster cluster = new Cluster(folder, bin, root, port, password);
                cluster.run(60, "initdb", "-D", folder.resolve("data").toString(), "-U", USER, "--auth=scram-sha-256",
                        "--pwfile=" + passwordFile, "-E", "UTF8", "--no-locale", "--no-sync");
                // Durability is pointless for a throwaway cluster: fsync off keeps the tests fast on a busy disk.
                cluster.run(60, "pg_ctl", "-D", folder.resolve("data").toString(), "-l",
                        folder.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                        "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off "
                                + "-c full_page_writes=off -c synchronous_commit=off -c max_connections=20", "start");
                return cluster;
            } catch (IOException e) {
                deleteQuietly(folder);
                throw new IllegalStateException("cannot start a PostgreSQL cluster: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                deleteQuietly(folder);
                throw e;
            }
        }

        /** The newest {@code VERSION/bin} under {@code root} holding initdb and pg_ctl. */
        static Path binaries(Path root) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> versions = Files.list(root)) {
                    // Newest version first: "15" before "9.6" by numeric major version.
                    List<Path> found = versions.map(v -> v.resolve("bin"))
                            .filter(b -> Files.isExecutable(b.resolve("initdb"))
                                    && Files.isExecutable(b.resolve("pg_ctl")))
                            .sorted(Comparator.comparingDouble(Cluster::major).reversed()).toList();
                    if (!found.isEmpty()) {
                        return found.get(0);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("cannot list " + root + ": " + e.getMessage(), e);
                }
            }
            throw new IllegalStateException("the PostgreSQL tests need initdb and pg_ctl in "
                    + root + "/VERSION/bin: install Debian's 'postgresql' package "
                    + "(apt-get install postgresql; .ci/run does)");
        }

        private static double major(Path bin) {
            try {
                return Double.parseDouble(bin.getParent().getFileName().toString());
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private void run(int seconds, String program, String... arguments) {
            List<String> command = new ArrayList<>();
            if (asPostgres) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.add(bin.resolve(program).toString());
            command.addAll(List.of(arguments));
            Path log = folder.resolve(program + ".out");
            try {
                Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(program + " did not finish in " + seconds + " s: " + tail(log));
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(program + " failed (exit " + p.exitValue() + "): " + tail(log)
                            + tail(folder.resolve("server.log")));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + program, e);
            }
        }

        private static String tail(Path log) {
            try {
                String text = Files.readString(log);
                return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void close() {
            try {
                run(60, "pg_ctl", "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            } finally {
                deleteQuietly(folder);
            }
        }

        private static void deleteQuietly(Path folder) {
            if (folder == null) {
                return;
            }
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary folder is harmless
            }
        }
    }
}
