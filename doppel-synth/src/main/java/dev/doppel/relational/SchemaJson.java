package dev.doppel.relational;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.io.AtomicOutput;
import dev.doppel.io.InputFile;
import dev.doppel.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema file, in Doppel's own versioned format:
 * <pre>{@code
 * {"format": "doppel-schema", "formatVersion": 2,
 *  "tables": [{"name": "Invoice", "file": "Invoice.csv", "primaryKey": "InvoiceId",
 *              "foreignKeys": [{"column": "CustomerId", "references": "Customer"}],
 *              "columns": [{"name": "Total", "type": "numeric(10,2)", "notNull": true, "unique": false}, ...]},
 *             ...]}
 * }</pre>
 * {@code columns} (optional, each field but {@code name} optional) is what the source database declares; version 1
 * files, which have no {@code columns}, are still read. Also read: the common {@code {"tables": {"Invoice":
 * {"columns": {"Total": "NUMERIC(10,2)"}, "primary_key": [...], "foreign_keys": [{"columns": [...], "references":
 * {"table": ..., "columns": [...]}}]}}}} description (files {@code <table>.csv}; column types kept, nullability
 * unknown), where a primary key of several columns is a composite key ({@code "primaryKey": ["PlaylistId",
 * "TrackId"]} in Doppel's format) and a foreign key must name exactly the parent's primary key. Errors name the file
 * and the JSON path ({@code tables[2].foreignKeys[0].references}).
 */
public final class SchemaJson {
    public static final String FORMAT = "doppel-schema";
    public static final int FORMAT_VERSION = 2;
    /** The oldest version still read: version 1 has no {@code columns}. */
    private static final int OLDEST_VERSION = 1;

    private SchemaJson() {
    }

    /** Reads either format from {@code file}. */
    public static DatabaseSchema read(Path file) {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = Json.newMapper().readTree(InputFile.readBytes(file));
        } catch (IOException e) {
            throw new InvalidDataException(name, 0, null, "a JSON schema file", firstLine(e.getMessage()));
        }
        return fromJson(root, name);
    }

    /** A schema from a JSON tree in either format; errors name {@code sourceName} and the path. */
    public static DatabaseSchema fromJson(JsonNode root, String sourceName) {
        if (root == null || !root.isObject()) {
            throw new InvalidDataException(sourceName, 0, null, "a JSON object",
                    root == null ? "nothing" : root.getNodeType().toString());
        }
        if (!root.has("format") && root.path("tables").isObject()) {
            return fromTablesMap(root.get("tables"), sourceName);
        }
        Fields f = new Fields(sourceName);
        f.only(root, "", Set.of("format", "formatVersion", "tables"));
        String format = f.text(root, "format", "format");
        if (!FORMAT.equals(format)) {
            throw new InvalidDataException(sourceName, 0, "format", "\"" + FORMAT + "\"", "\"" + format + "\"");
        }
        JsonNode version = root.path("formatVersion");
        if (!version.isInt() || version.asInt() < OLDEST_VERSION || version.asInt() > FORMAT_VERSION) {
            throw new InvalidDataException(sourceName, 0, "formatVersion",
                    OLDEST_VERSION + " to " + FORMAT_VERSION + " (this Doppel reads schema files of versions "
                            + OLDEST_VERSION + " to " + FORMAT_VERSION + ")", version.toString());
        }
        Set<String> tableFields = version.asInt() == 1 ? Set.of("name", "file", "primaryKey", "foreignKeys")
                : Set.of("name", "file", "primaryKey", "foreignKeys", "columns");
        JsonNode tables = f.array(root, "tables", "tables");
        List<TableSchema> out = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            String path = "tables[" + i + "]";
            JsonNode t = tables.get(i);
            f.only(t, path, tableFields);
            String tableName = f.text(t, "name", path + ".name");
            String tableFile = f.text(t, "file", path + ".file");
            String key = null;
            List<String> composite = List.of();
            if (t.has("primaryKey") && t.get("primaryKey").isArray()) {
                composite = f.texts(t, "primaryKey", path + ".primaryKey");
                if (composite.size() < 2) {
                    throw f.invalid(path + ".primaryKey", "a column name, or an array of two or more",
                            t.get("primaryKey").toString());
                }
            } else if (t.has("primaryKey") && !t.get("primaryKey").isNull()) {
                key = f.text(t, "primaryKey", path + ".primaryKey");
            }
            List<ForeignKey> keys = new ArrayList<>();
            JsonNode fks = t.has("foreignKeys") ? f.array(t, "foreignKeys", path + ".foreignKeys") : null;
            for (int k = 0; fks != null && k < fks.size(); k++) {
                String fkPath = path + ".foreignKeys[" + k + "]";
                f.only(fks.get(k), fkPath, Set.of("column", "references"));
                keys.add(new ForeignKey(f.text(fks.get(k), "column", fkPath + ".column"),
                        f.text(fks.get(k), "references", fkPath + ".references")));
            }
            List<ColumnSchema> columns = new ArrayList<>();
            JsonNode cs = t.has("columns") ? f.array(t, "columns", path + ".columns") : null;
            for (int c = 0; cs != null && c < cs.size(); c++) {
                String cPath = path + ".columns[" + c + "]";
                JsonNode node = cs.get(c);
                f.only(node, cPath, Set.of("name", "type", "notNull", "unique"));
                String type = node.has("type") && !node.get("type").isNull()
                        ? f.text(node, "type", cPath + ".type") : null;
                Boolean notNull = node.has("notNull") && !node.get("notNull").isNull()
                        ? f.bool(node, "notNull", cPath + ".notNull") : null;
                boolean unique = node.has("unique") && f.bool(node, "unique", cPath + ".unique");
                columns.add(new ColumnSchema(f.text(node, "name", cPath + ".name"), type, notNull, unique));
            }
            out.add(table(tableName, tableFile, key, keys, columns, composite, sourceName, path));
        }
        return build(out, sourceName);
    }

    private static TableSchema table(String name, String file, String key, List<ForeignKey> keys,
            List<ColumnSchema> columns, List<String> composite, String sourceName, String path) {
        try {
            return new TableSchema(name, file, key, keys, columns, composite);
        } catch (DoppelException e) {
            throw new InvalidDataException(sourceName, 0, path + ".columns", "every column once, key columns "
                    + "included", e.getMessage());
        }
    }

    private static DatabaseSchema fromTablesMap(JsonNode tables, String sourceName) {
        Fields f = new Fields(sourceName);
        List<TableSchema> out = new ArrayList<>();
        List<String[]> referenced = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "tables." + e.getKey();
            JsonNode t = e.getValue();
            if (!t.isObject()) {
                throw f.invalid(path, "an object describing the table", t.getNodeType().toString());
            }
            String key = null;
            List<String> composite = List.of();
            if (t.has("primary_key")) {
                List<String> columns = f.texts(t, "primary_key", path + ".primary_key");
                key = columns.size() == 1 ? columns.get(0) : null;
                composite = columns.size() > 1 ? columns : List.of();
            }
            List<ForeignKey> keys = new ArrayList<>();
            JsonNode fks = t.has("foreign_keys") ? f.array(t, "foreign_keys", path + ".foreign_keys") : null;
            for (int k = 0; fks != null && k < fks.size(); k++) {
                String fkPath = path + ".foreign_keys[" + k + "]";
                List<String> columns = f.texts(fks.get(k), "columns", fkPath + ".columns");
                if (columns.size() != 1) {
                    throw f.invalid(fkPath + ".columns", "one column (composite foreign keys are not supported)",
                            columns.size() + " columns");
                }
                JsonNode ref = fks.get(k).path("references");
                if (!ref.isObject()) {
                    throw f.invalid(fkPath + ".references", "an object with 'table' and 'columns'", ref.toString());
                }
                String parent = f.text(ref, "table", fkPath + ".references.table");
                List<String> refColumns = f.texts(ref, "columns", fkPath + ".references.columns");
                if (refColumns.size() != 1) {
                    throw f.invalid(fkPath + ".references.columns", "one column", refColumns.size() + " columns");
                }
                keys.add(new ForeignKey(columns.get(0), parent));
                referenced.add(new String[] {fkPath + ".references.columns", parent, refColumns.get(0)});
            }
            List<ColumnSchema> columns = new ArrayList<>();
            JsonNode cs = t.path("columns");
            if (cs.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> c = cs.fields(); c.hasNext(); ) {
                    Map.Entry<String, JsonNode> column = c.next();
                    String type = column.getValue().isTextual() && !column.getValue().asText().isBlank()
                            ? column.getValue().asText() : null;
                    columns.add(ColumnSchema.typed(column.getKey(), type));
                }
            }
            out.add(table(e.getKey(), e.getKey() + ".csv", key, keys, columns, composite, sourceName, path));
        }
        DatabaseSchema schema = build(out, sourceName);
        for (String[] r : referenced) {
            String key = schema.table(r[1]).map(TableSchema::primaryKey).orElse(null);
            if (!r[2].equals(key)) {
                throw f.invalid(r[0], "the primary key of " + r[1] + " (" + key + ")", r[2]);
            }
        }
        return schema;
    }

    private static DatabaseSchema build(List<TableSchema> tables, String sourceName) {
        try {
            return new DatabaseSchema(tables);
        } catch (DoppelException e) {
            throw new DoppelException(sourceName + ": " + e.getMessage());
        }
    }

    /** The schema in Doppel's format. */
    public static ObjectNode toJson(DatabaseSchema schema) {
        ObjectMapper mapper = Json.newMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        ArrayNode tables = root.putArray("tables");
        for (TableSchema t : schema.tables()) {
            ObjectNode node = tables.addObject();
            node.put("name", t.name());
            node.put("file", t.file());
            if (t.primaryKey() != null) {
                node.put("primaryKey", t.primaryKey());
            } else if (!t.compositeKey().isEmpty()) {
                ArrayNode key = node.putArray("primaryKey");
                t.compositeKey().forEach(key::add);
            }
            ArrayNode fks = node.putArray("foreignKeys");
            for (ForeignKey fk : t.foreignKeys()) {
                fks.addObject().put("column", fk.column()).put("references", fk.parentTable());
            }
            if (!t.columns().isEmpty()) {
                ArrayNode columns = node.putArray("columns");
                for (ColumnSchema c : t.columns()) {
                    ObjectNode column = columns.addObject().put("name", c.name());
                    if (c.type() != null) {
                        column.put("type", c.type());
                    }
                    if (c.notNull() != null) {
                        column.put("notNull", c.notNull());
                    }
                    if (c.unique()) {
                        column.put("unique", true);
                    }
                }
            }
        }
        return root;
    }

    /** Writes the schema in Doppel's format, atomically. */
    public static void write(DatabaseSchema schema, Path file) {
        try {
            AtomicOutput.writeString(file, Json.newMapper().writeValueAsString(toJson(schema)) + "\n");
        } catch (JsonProcessingException e) {
            throw new DoppelException("cannot encode the schema: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Field readers that name the JSON path of what is wrong. */
    record Fields(String sourceName) {
        InvalidDataException invalid(String path, String expected, String found) {
            return new InvalidDataException(sourceName, 0, path, expected, found);
        }

        void only(JsonNode node, String path, Set<String> allowed) {
            if (!node.isObject()) {
                throw invalid(path.isEmpty() ? null : path, "an object", node.getNodeType().toString());
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!allowed.contains(field)) {
                    throw invalid((path.isEmpty() ? "" : path + ".") + field, "one of the fields " + allowed,
                            "an unknown field");
                }
            }
        }

        String text(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isTextual() || n.asText().isBlank()) {
                throw invalid(path, "a non-empty string", n == null ? "nothing" : n.toString());
            }
            return n.asText();
        }

        boolean bool(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isBoolean()) {
                throw invalid(path, "true or false", n == null ? "nothing" : n.toString());
            }
            return n.asBoolean();
        }

        JsonNode array(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isArray()) {
                throw invalid(path, "an array", n == null ? "nothing" : n.toString());
            }
            return n;
        }

        List<String> texts(JsonNode parent, String field, String path) {
            JsonNode n = array(parent, field, path);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual()) {
                    throw invalid(path + "[" + i + "]", "a column name", n.get(i).toString());
                }
                out.add(n.get(i).asText());
            }
            if (out.isEmpty()) {
                throw invalid(path, "at least one column", "an empty list");
            }
            return out;
        }
    }
}
