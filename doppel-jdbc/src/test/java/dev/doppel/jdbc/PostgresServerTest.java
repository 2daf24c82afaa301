package dev.doppel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the server binaries: the newest version, and a failure saying what to install when there are none. */
class PostgresServerTest {
    @TempDir
    Path root;

    @Test
    void withoutBinariesTheTestsFailSayingWhatToInstall() {
        assertThatThrownBy(() -> PostgresServer.Cluster.binaries(root)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("install Debian's 'postgresql' package");
        assertThatThrownBy(() -> PostgresServer.Cluster.binaries(root.resolve("absent")))
                .hasMessageContaining("apt-get install postgresql");
    }

    @Test
    void theNewestVersionWithBothProgramsIsUsed() throws Exception {
        for (String version : new String[] {"9.6", "15", "16"}) {
            Path bin = Files.createDirectories(root.resolve(version).resolve("bin"));
            for (String program : version.equals("16") ? new String[] {"initdb"} : new String[] {"initdb", "pg_ctl"}) {
                Files.createFile(bin.resolve(program), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        }
        // 16 lacks pg_ctl; 15 is newer than 9.6 by number, not by text.
        assertThat(PostgresServer.Cluster.binaries(root)).isEqualTo(root.resolve("15").resolve("bin"));
    }
}
