package dev.doppel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.DoppelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void doppelVariablesComeBeforeLibpqOnesAndAPasswordFileBeforeBoth() throws Exception {
        assertThat(DatabaseCredentials.resolve(Map.of("PGUSER", "pg", "PGPASSWORD", "pgpw"), null))
                .isEqualTo(new DatabaseCredentials("pg", "pgpw"));
        assertThat(DatabaseCredentials.resolve(Map.of("PGUSER", "pg", "PGPASSWORD", "pgpw", "DOPPEL_DB_USER", "d",
                "DOPPEL_DB_PASSWORD", "dpw"), null)).isEqualTo(new DatabaseCredentials("d", "dpw"));
        Path file = dir.resolve("pw");
        Files.writeString(file, "s3cret\r\nignored second line\n");
        assertThat(DatabaseCredentials.resolve(Map.of("DOPPEL_DB_PASSWORD", "dpw"), file))
                .isEqualTo(new DatabaseCredentials(null, "s3cret"));
        assertThat(DatabaseCredentials.resolve(Map.of(), null)).isEqualTo(DatabaseCredentials.NONE);
    }

    @Test
    void thePasswordIsNeverShown() throws Exception {
        DatabaseCredentials c = new DatabaseCredentials("u", "s3cret");
        assertThat(c.toString()).doesNotContain("s3cret").contains("u");
        assertThat(c.hide("login s3cret failed")).isEqualTo("login *** failed");
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertThatThrownBy(() -> DatabaseCredentials.resolve(Map.of(), empty)).isInstanceOf(DoppelException.class)
                .hasMessageContaining("first line");
        assertThatThrownBy(() -> DatabaseCredentials.resolve(Map.of(), dir.resolve("absent")))
                .isInstanceOf(DoppelException.class).hasMessageContaining("cannot read the password file");
    }
}
