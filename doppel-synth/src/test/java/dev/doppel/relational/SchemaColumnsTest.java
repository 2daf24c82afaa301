package dev.doppel.relational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.InvalidDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The columns a source declares (type, NOT NULL, UNIQUE), in the schema file and its version 1 predecessor. */
class SchemaColumnsTest {
    @TempDir
    Path dir;

    private static final String V2 = """
            {"format": "doppel-schema", "formatVersion": 2, "tables": [
              {"name": "customers", "file": "customers.csv", "primaryKey": "id",
               "columns": [{"name": "id", "type": "integer", "notNull": true},
                           {"name": "email", "type": "varchar(60)", "notNull": true, "unique": true},
                           {"name": "note"}]},
              {"name": "orders", "file": "orders.csv", "primaryKey": "id",
               "foreignKeys": [{"column": "customer", "references": "customers"}]}]}
            """;

    @Test
    void columnsSurviveWritingAndReading() throws Exception {
        DatabaseSchema schema = read(V2);
        TableSchema customers = schema.table("customers").orElseThrow();
        assertThat(customers.columns()).containsExactly(new ColumnSchema("id", "integer", true, false),
                new ColumnSchema("email", "varchar(60)", true, true), new ColumnSchema("note", null, null, false));
        assertThat(schema.table("orders").orElseThrow().columns()).isEmpty();
        Path again = dir.resolve("again.json");
        SchemaJson.write(schema, again);
        assertThat(SchemaJson.read(again)).isEqualTo(schema);
        assertThat(Files.readString(again)).contains("\"formatVersion\" : 2");
    }

    @Test
    void versionOneFilesAreReadButCannotHoldColumns() throws Exception {
        String v1 = V2.replace("\"formatVersion\": 2", "\"formatVersion\": 1");
        assertThatThrownBy(() -> read(v1)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("tables[0].columns");
        DatabaseSchema old = read(v1.replaceAll("(?s),\\s*\"columns\": \\[.*?\\]", ""));
        assertThat(old.table("customers").orElseThrow().columns()).isEmpty();
    }

    @Test
    void badColumnsNameTheirJsonPath() {
        assertThatThrownBy(() -> read(V2.replace("\"notNull\": true, \"unique\"", "\"notNull\": \"yes\", \"unique\"")))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("tables[0].columns[1].notNull")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> read(V2.replace("{\"name\": \"note\"}", "{\"name\": \"note\", \"size\": 3}")))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("tables[0].columns[2].size");
        assertThatThrownBy(() -> read(V2.replace("{\"name\": \"note\"}", "{\"name\": \"email\"}")))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("tables[0].columns")
                .hasMessageContaining("email twice");
        // Columns, when listed, include the keys.
        assertThatThrownBy(() -> read(V2.replace("{\"name\": \"id\", \"type\": \"integer\", \"notNull\": true},", "")))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("key column id");
    }

    @Test
    void theCommonDescriptionKeepsItsSqlTypes() throws Exception {
        DatabaseSchema schema = read("""
                {"tables": {"Invoice": {"columns": {"InvoiceId": "INTEGER", "Total": "NUMERIC(10,2)"},
                  "primary_key": ["InvoiceId"], "foreign_keys": []}}}""");
        assertThat(schema.tables().get(0).columns()).isEqualTo(List.of(ColumnSchema.typed("InvoiceId", "INTEGER"),
                ColumnSchema.typed("Total", "NUMERIC(10,2)")));
    }

    private DatabaseSchema read(String json) throws Exception {
        Path file = dir.resolve("schema.json");
        Files.writeString(file, json);
        return SchemaJson.read(file);
    }
}
