package dev.doppel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.DoppelException;
import dev.doppel.relational.ColumnSchema;
import dev.doppel.relational.DatabaseSchema;
import dev.doppel.relational.ForeignKey;
import dev.doppel.relational.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbSourceTest {
    @TempDir
    Path dir;

    private Path database(String... statements) throws Exception {
        Path file = dir.resolve("db.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return file;
    }

    @Test
    void readsKeysAndExportsRows() throws Exception {
        Path file = database("CREATE TABLE team (id INTEGER PRIMARY KEY, name VARCHAR)",
                "CREATE TABLE person (pid BIGINT PRIMARY KEY, team INTEGER REFERENCES team (id), "
                        + "boss BIGINT, born DATE NOT NULL, mail VARCHAR UNIQUE, pay DECIMAL(10,2), "
                        + "FOREIGN KEY (boss) REFERENCES person (pid))",
                "CREATE TABLE tag (a INTEGER, b INTEGER, PRIMARY KEY (a, b))",
                "INSERT INTO team VALUES (1, 'x, \"y\"'), (2, NULL)",
                "INSERT INTO person VALUES (10, 1, NULL, DATE '1990-05-01', NULL, 1.5)");
        try (DuckDbSource source = DuckDbSource.open(DatabaseLocation.parse("jdbc:duckdb:" + file))) {
            DatabaseSchema schema = source.declaredSchema().orElseThrow();
            TableSchema person = schema.table("person").orElseThrow();
            assertThat(person.primaryKey()).isEqualTo("pid");
            assertThat(person.foreignKeys()).isEqualTo(List.of(new ForeignKey("team", "team"),
                    new ForeignKey("boss", "person")));
            assertThat(person.columns()).containsExactly(new ColumnSchema("pid", "BIGINT", true, false),
                    new ColumnSchema("team", "INTEGER", false, false), new ColumnSchema("boss", "BIGINT", false, false),
                    new ColumnSchema("born", "DATE", true, false), new ColumnSchema("mail", "VARCHAR", false, true),
                    new ColumnSchema("pay", "DECIMAL(10,2)", false, false));
            assertThat(schema.table("tag").orElseThrow().primaryKey()).isNull();
            assertThat(schema.table("tag").orElseThrow().compositeKey()).containsExactly("a", "b");
            Path folder = Files.createDirectory(dir.resolve("csv"));
            source.exportCsv(schema, folder);
            assertThat(Files.readAllLines(folder.resolve("team.csv")))
                    .containsExactly("id,name", "1,\"x, \"\"y\"\"\"", "2,");
            assertThat(Files.readAllLines(folder.resolve("person.csv")))
                    .containsExactly("pid,team,boss,born,mail,pay", "10,1,,1990-05-01,,1.50");
        }
    }

    @Test
    void refusesCompositeForeignKeysAndMissingFiles() throws Exception {
        Path file = database("CREATE TABLE p (a INTEGER, b INTEGER, PRIMARY KEY (a, b))",
                "CREATE TABLE c (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, FOREIGN KEY (a, b) REFERENCES p (a, b))");
        try (DuckDbSource source = DuckDbSource.open(DatabaseLocation.parse("jdbc:duckdb:" + file))) {
            assertThatThrownBy(source::declaredSchema).isInstanceOf(DoppelException.class)
                    .hasMessageContaining("composite foreign keys are not supported");
        }
        Path missing = dir.resolve("missing.duckdb");
        assertThatThrownBy(() -> DuckDbSource.open(DatabaseLocation.parse("jdbc:duckdb:" + missing)))
                .isInstanceOf(DoppelException.class).hasMessageContaining("does not exist");
        assertThat(missing).doesNotExist();
    }
}
