package dev.doppel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.DoppelException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {
    @Test
    void readsTheThreeKinds() {
        assertThat(DatabaseLocation.parse("out/synthetic"))
                .isEqualTo(new DatabaseLocation(DatabaseLocation.Kind.CSV_FOLDER, Path.of("out/synthetic")));
        assertThat(DatabaseLocation.parse("jdbc:duckdb:/tmp/a.duckdb"))
                .isEqualTo(new DatabaseLocation(DatabaseLocation.Kind.DUCKDB, Path.of("/tmp/a.duckdb")));
        assertThat(DatabaseLocation.parse("parquet:tables"))
                .isEqualTo(new DatabaseLocation(DatabaseLocation.Kind.PARQUET, Path.of("tables")));
        DatabaseLocation pg = DatabaseLocation.parse("jdbc:postgresql://127.0.0.1:5433/prod?currentSchema=sales");
        assertThat(pg.kind()).isEqualTo(DatabaseLocation.Kind.POSTGRESQL);
        assertThat(pg.schemaName()).isEqualTo("sales");
        assertThat(DatabaseLocation.parse("jdbc:postgresql://db.example/prod").schemaName()).isEqualTo("public");
        // A drive letter is a path, not a scheme.
        assertThat(DatabaseLocation.parse("C:data").kind()).isEqualTo(DatabaseLocation.Kind.CSV_FOLDER);
    }

    @Test
    void refusesOtherKindsWithoutShowingPasswords() {
        assertThatThrownBy(() -> DatabaseLocation.parse("jdbc:mysql://u:pw1@host/db?password=pw2&x=1"))
                .isInstanceOf(DoppelException.class).hasMessageContaining("unsupported database")
                .hasMessageContaining("jdbc:duckdb:FILE").hasMessageNotContaining("pw1")
                .hasMessageNotContaining("pw2");
        assertThatThrownBy(() -> DatabaseLocation.parse("jdbc:duckdb:")).isInstanceOf(DoppelException.class)
                .hasMessageContaining("names no database file");
        assertThatThrownBy(() -> DatabaseLocation.parse("jdbc:duckdb::memory:"))
                .isInstanceOf(DoppelException.class);
        assertThatThrownBy(() -> DatabaseLocation.parse("parquet:")).isInstanceOf(DoppelException.class);
    }

    @Test
    void aPostgresUrlMustNameADatabaseAndItsPasswordIsMasked() {
        DatabaseLocation withPassword = DatabaseLocation.parse("jdbc:postgresql://h/db?user=u&password=pw9&ssl=true");
        assertThat(withPassword.urlHasPassword()).isTrue();
        assertThat(withPassword.toString()).doesNotContain("pw9").contains("password=***").contains("ssl=true");
        assertThat(DatabaseLocation.parse("jdbc:postgresql://h/db?user=u").urlHasPassword()).isFalse();
        assertThatThrownBy(() -> DatabaseLocation.parse("jdbc:postgresql://h:5432?password=pw9"))
                .isInstanceOf(DoppelException.class).hasMessageContaining("expected jdbc:postgresql://HOST:PORT/DATABASE")
                .hasMessageNotContaining("pw9");
        assertThatThrownBy(() -> DatabaseLocation.parse("jdbc:postgresql://h/db?currentSchema=a,b"))
                .isInstanceOf(DoppelException.class).hasMessageContaining("one schema");
    }
}
