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
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link PostgresSource} against a private server: what the catalog declares, and the rows as CSV. */
class PostgresSourceTest {
    @RegisterExtension
    static final PostgresServer SERVER = new PostgresServer();

    @TempDir
    static Path dir;

    @BeforeAll
    static void createSchemas() throws Exception {
        SERVER.createDatabase("shop");
        try (Connection c = SERVER.connect("shop"); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE SCHEMA sales;
                    CREATE TABLE sales.customer (id integer PRIMARY KEY, email varchar(60) NOT NULL,
                        code char(3), active boolean, token uuid, nick text);
                    CREATE UNIQUE INDEX customer_email ON sales.customer (email);
                    CREATE UNIQUE INDEX customer_nick_partial ON sales.customer (nick) WHERE active;
                    ALTER TABLE sales.customer ADD UNIQUE (code);
                    CREATE TABLE sales.orders (amount numeric(10,2) NOT NULL, placed timestamp,
                        customer integer REFERENCES sales.customer, id bigint PRIMARY KEY);
                    CREATE TABLE sales.tags (order_id bigint REFERENCES sales.orders, tag text,
                        PRIMARY KEY (order_id, tag));
                    CREATE TABLE sales.log (line text);
                    INSERT INTO sales.customer VALUES (1, 'a@x.org', 'abc', true, NULL, 'a,"b"'),
                        (2, 'b@x.org', NULL, false, NULL, '');
                    INSERT INTO sales.orders VALUES (9.5, '2024-02-29 13:45:00', 1, 10), (1, NULL, NULL, 11);
                    CREATE TABLE public.parent (a integer, b integer, PRIMARY KEY (a, b), UNIQUE (b));
                    CREATE TABLE public.child (id integer PRIMARY KEY, a integer, b integer,
                        FOREIGN KEY (a, b) REFERENCES public.parent);
                    CREATE SCHEMA other;
                    CREATE TABLE other.item (id integer PRIMARY KEY, parent_b integer REFERENCES public.parent (b));
                    CREATE SCHEMA empty;
                    """);
        }
    }

    @Test
    void readsColumnsKeysAndConstraintsOfTheUrlsSchema() {
        DatabaseSchema schema;
        try (PostgresSource source = open("?currentSchema=sales")) {
            schema = source.declaredSchema().orElseThrow();
        }
        assertThat(schema.tables().stream().map(TableSchema::name)).containsExactly("customer", "log", "orders",
                "tags");
        TableSchema customer = schema.table("customer").orElseThrow();
        assertThat(customer.columns()).containsExactly(
                new ColumnSchema("id", "integer", true, false),
                new ColumnSchema("email", "character varying(60)", true, true),
                new ColumnSchema("code", "character(3)", false, true),
                new ColumnSchema("active", "boolean", false, false),
                new ColumnSchema("token", "uuid", false, false),
                // A partial unique index does not make the column unique.
                new ColumnSchema("nick", "text", false, false));
        TableSchema orders = schema.table("orders").orElseThrow();
        assertThat(orders.primaryKey()).isEqualTo("id");
        assertThat(orders.foreignKeys()).containsExactly(new ForeignKey("customer", "customer"));
        assertThat(orders.column("amount").orElseThrow().type()).isEqualTo("numeric(10,2)");
        assertThat(orders.column("placed").orElseThrow().type()).isEqualTo("timestamp without time zone");
        // A composite primary key is read as a composite key, in key order; no key at all as a plain table.
        assertThat(schema.table("tags").orElseThrow().primaryKey()).isNull();
        assertThat(schema.table("tags").orElseThrow().compositeKey()).containsExactly("order_id", "tag");
        assertThat(schema.table("log").orElseThrow().compositeKey()).isEmpty();
        assertThat(schema.table("tags").orElseThrow().foreignKeys()).containsExactly(new ForeignKey("order_id",
                "orders"));
        assertThat(schema.table("log").orElseThrow().primaryKey()).isNull();
    }

    @Test
    void exportsRowsAsCsvKeepingNullsApartFromEmptyText() throws Exception {
        try (PostgresSource source = open("?currentSchema=sales")) {
            DatabaseSchema schema = source.declaredSchema().orElseThrow();
            source.exportCsv(schema, dir);
        }
        assertThat(Files.readAllLines(dir.resolve("customer.csv"))).containsExactly(
                "id,email,code,active,token,nick", "1,a@x.org,abc,t,,\"a,\"\"b\"\"\"", "2,b@x.org,,f,,\"\"");
        assertThat(Files.readAllLines(dir.resolve("orders.csv"))).containsExactly("amount,placed,customer,id",
                "9.50,2024-02-29 13:45:00,1,10", "1.00,,,11");
    }

    @Test
    void unsupportedKeysAndEmptySchemasAreClearErrors() {
        try (PostgresSource source = open("")) {
            assertThatThrownBy(source::declaredSchema).isInstanceOf(DoppelException.class)
                    .hasMessageContaining("foreign key child_a_b_fkey of child has several columns [a, b] "
                            + "(references parent); composite foreign keys are not supported");
        }
        try (PostgresSource source = open("?currentSchema=other")) {
            assertThatThrownBy(source::declaredSchema).isInstanceOf(DoppelException.class)
                    .hasMessageContaining("references public.parent, outside schema other");
        }
        try (PostgresSource source = open("?currentSchema=empty")) {
            assertThatThrownBy(source::declaredSchema).isInstanceOf(DoppelException.class)
                    .hasMessageContaining("schema empty of").hasMessageContaining("has no table");
        }
    }

    @Test
    void aFailedLoginNamesTheServerButNotThePassword() {
        assertThatThrownBy(() -> PostgresSource.open(DatabaseLocation.parse(SERVER.url("shop")),
                new DatabaseCredentials(PostgresServer.USER, "wrong-pw-77")))
                .isInstanceOf(DoppelException.class).hasMessageContaining("cannot connect to " + SERVER.url("shop"))
                .hasMessageContaining("password authentication failed").hasMessageNotContaining("wrong-pw-77");
    }

    private static PostgresSource open(String options) {
        return PostgresSource.open(DatabaseLocation.parse(SERVER.url("shop") + options),
                new DatabaseCredentials(PostgresServer.USER, SERVER.password()));
    }
}
