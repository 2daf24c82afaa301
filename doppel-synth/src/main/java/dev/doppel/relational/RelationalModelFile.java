package dev.doppel.relational;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.io.Json;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.MetadataJson;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.model.ModelFile;
import dev.doppel.provenance.Provenance;
import dev.doppel.synth.FittedModel;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.SynthesizerCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stores a {@link RelationalModel} in one {@link ModelFile}: a {@code relational} section holding the schema and
 * each table's plan ({@code {"format": "doppel-relational", "formatVersion": 2, "synthesizer": ..., "schema":
 * {doppel-schema}, "tables": [{"name", "columns", "nullMarker", "delimiter", "rows", "countKey", "context",
 * "nullShares", "droppedRows", "model", "inherited", "childCounts"}]}}; version 1, without the last two, is still
 * read), then one {@code table:<name>} section per table with a model, in the
 * single-table model's JSON ({@code synthesizer}, {@code provenance}, {@code metadata}, {@code parameters}). Loading
 * checks every field and that the tables fit together (count and context columns present where sampling needs them);
 * an error names the section and the JSON path.
 */
public final class RelationalModelFile {
    public static final String FORMAT = "doppel-relational";
    public static final int FORMAT_VERSION = 2;
    static final String SECTION = "relational";
    static final String TABLE_SECTION = "table:";

    private RelationalModelFile() {
    }

    public static void save(Path file, RelationalModel model) {
        ObjectMapper mapper = Json.newMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("synthesizer", model.synthesizer());
        root.set("schema", SchemaJson.toJson(model.schema()));
        ArrayNode tables = root.putArray("tables");
        List<ModelFile.Section> sections = new ArrayList<>();
        try {
            for (TableModel t : model.tables()) {
                ObjectNode node = tables.addObject();
                node.put("name", t.name());
                ArrayNode columns = node.putArray("columns");
                t.columns().forEach(columns::add);
                node.put("nullMarker", t.nullMarker());
                node.put("delimiter", t.delimiter());
                node.put("rows", t.rows());
                if (t.countKey() != null) {
                    node.put("countKey", t.countKey());
                }
                ArrayNode context = node.putArray("context");
                t.context().forEach(context::add);
                ObjectNode shares = node.putObject("nullShares");
                t.nullShares().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> shares.put(e.getKey(), e.getValue()));
                node.put("droppedRows", t.droppedRows());
                node.put("model", t.model() != null);
                ObjectNode inherited = node.putObject("inherited");
                t.inherited().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> inherited.put(e.getKey(), e.getValue()));
                ObjectNode childCounts = node.putObject("childCounts");
                t.childCounts().forEach((column, counts) -> counts.forEach(childCounts.putArray(column)::add));
                if (t.model() != null) {
                    ObjectNode section = mapper.createObjectNode();
                    section.put("synthesizer", t.model().synthesizer());
                    section.set("provenance", mapper.valueToTree(t.provenance()));
                    section.set("metadata", MetadataJson.toJson(t.model().metadata()));
                    section.set("parameters", t.model().parametersJson());
                    sections.add(new ModelFile.Section(TABLE_SECTION + t.name(), "application/json",
                            mapper.writeValueAsBytes(section)));
                    sections.addAll(ModelStore.partSections(partPrefix(t.name()), t.model().binaryParts()));
                }
            }
            sections.add(0, new ModelFile.Section(SECTION, "application/json", mapper.writeValueAsBytes(root)));
        } catch (JsonProcessingException e) {
            throw new DoppelException("cannot encode the model: " + e.getMessage(), e);
        }
        ModelFile.write(file, sections);
    }

    /** Sections holding the binary parts of a table's model (such as network weights). */
    private static String partPrefix(String table) {
        return TABLE_SECTION + table + "#part.";
    }

    /** Loads and checks a model written by {@link #save}, reading table models with {@code catalog}. */
    public static RelationalModel load(Path file, SynthesizerCatalog catalog) {
        String name = file.getFileName().toString();
        Map<String, ModelFile.Section> sections = new LinkedHashMap<>();
        for (ModelFile.Section s : ModelFile.read(file)) {
            sections.put(s.name(), s);
        }
        ModelFile.Section main = sections.get(SECTION);
        if (main == null) {
            throw new InvalidDataException(name, 0, null, "a database model (written by 'doppel db fit') with a '"
                    + SECTION + "' section", "sections " + sections.keySet());
        }
        ObjectMapper mapper = Json.newMapper();
        JsonNode root = parse(mapper, main.content(), name, SECTION);
        SchemaJson.Fields f = new SchemaJson.Fields(name + " (section " + SECTION + ")");
        f.only(root, "", Set.of("format", "formatVersion", "synthesizer", "schema", "tables"));
        if (!FORMAT.equals(root.path("format").asText())) {
            throw f.invalid("format", "\"" + FORMAT + "\"", root.path("format").toString());
        }
        int version = root.path("formatVersion").isInt() ? root.get("formatVersion").asInt() : -1;
        if (version != 1 && version != FORMAT_VERSION) {
            throw f.invalid("formatVersion", "1 or " + FORMAT_VERSION + " (this Doppel reads versions 1 to "
                    + FORMAT_VERSION + ")", root.path("formatVersion").toString());
        }
        String synthesizer = f.text(root, "synthesizer", "synthesizer");
        if (!root.path("schema").isObject()) {
            throw f.invalid("schema", "the schema object", root.path("schema").toString());
        }
        DatabaseSchema schema = SchemaJson.fromJson(root.get("schema"), name + " (section " + SECTION + ", schema)");
        JsonNode tables = f.array(root, "tables", "tables");
        if (tables.size() != schema.tables().size()) {
            throw f.invalid("tables", schema.tables().size() + " tables as in the schema", tables.size() + "");
        }
        List<TableModel> models = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            models.add(readTable(tables.get(i), "tables[" + i + "]", schema.tables().get(i), f, sections, name,
                    catalog, mapper, version));
        }
        checkLinks(schema, models, f);
        return new RelationalModel(schema, synthesizer, models);
    }

    private static TableModel readTable(JsonNode node, String path, TableSchema schema, SchemaJson.Fields f,
            Map<String, ModelFile.Section> sections, String fileName, SynthesizerCatalog catalog, ObjectMapper mapper,
            int version) {
        f.only(node, path, version == 1
                ? Set.of("name", "columns", "nullMarker", "delimiter", "rows", "countKey", "context", "nullShares",
                        "droppedRows", "model")
                : Set.of("name", "columns", "nullMarker", "delimiter", "rows", "countKey", "context", "nullShares",
                        "droppedRows", "model", "inherited", "childCounts"));
        String tableName = f.text(node, "name", path + ".name");
        if (!tableName.equals(schema.name())) {
            throw f.invalid(path + ".name", "table " + schema.name() + " (schema order)", tableName);
        }
        List<String> columns = texts(node, "columns", path + ".columns", f);
        for (String key : keyColumns(schema)) {
            if (!columns.contains(key)) {
                throw f.invalid(path + ".columns", "the key column " + key, columns.toString());
            }
        }
        JsonNode marker = node.path("nullMarker");
        if (!marker.isTextual()) {
            throw f.invalid(path + ".nullMarker", "a string", marker.toString());
        }
        String delimiter = f.text(node, "delimiter", path + ".delimiter");
        int rows = whole(node, "rows", path + ".rows", f);
        int dropped = whole(node, "droppedRows", path + ".droppedRows", f);
        String countKey = null;
        if (node.has("countKey")) {
            countKey = f.text(node, "countKey", path + ".countKey");
            String key = countKey;
            if (schema.parentKeys().stream().noneMatch(k -> k.column().equals(key))) {
                throw f.invalid(path + ".countKey", "a foreign key of " + schema.name() + " to another table", key);
            }
        } else if (!schema.parentKeys().isEmpty()) {
            throw f.invalid(path + ".countKey", "the foreign key that decides the row count", "nothing");
        }
        List<String> context = node.path("context").isArray() && node.get("context").isEmpty() ? List.of()
                : texts(node, "context", path + ".context", f);
        if (countKey == null && !context.isEmpty()) {
            throw f.invalid(path + ".context", "no context for a table without count key", context.toString());
        }
        JsonNode shares = node.path("nullShares");
        if (!shares.isObject()) {
            throw f.invalid(path + ".nullShares", "an object", shares.toString());
        }
        Map<String, Double> nullShares = new HashMap<>();
        for (ForeignKey fk : schema.foreignKeys()) {
            if (fk.column().equals(countKey)) {
                continue;
            }
            JsonNode v = shares.get(fk.column());
            if (v == null || !v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
                throw f.invalid(path + ".nullShares." + fk.column(), "a share in [0, 1]",
                        v == null ? "nothing" : v.toString());
            }
            nullShares.put(fk.column(), v.asDouble());
        }
        JsonNode hasModel = node.path("model");
        if (!hasModel.isBoolean()) {
            throw f.invalid(path + ".model", "true or false", hasModel.toString());
        }
        FittedModel model = null;
        Provenance provenance = null;
        if (hasModel.asBoolean()) {
            String sectionName = TABLE_SECTION + tableName;
            ModelFile.Section section = sections.get(sectionName);
            if (section == null) {
                throw new InvalidDataException(fileName, 0, null, "a section '" + sectionName + "'", "none");
            }
            String where = fileName + " (section " + sectionName + ")";
            JsonNode root = parse(mapper, section.content(), fileName, sectionName);
            SchemaJson.Fields sf = new SchemaJson.Fields(where);
            sf.only(root, "", Set.of("synthesizer", "provenance", "metadata", "parameters"));
            String synthesizer = sf.text(root, "synthesizer", "synthesizer");
            try {
                provenance = mapper.treeToValue(root.path("provenance"), Provenance.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw sf.invalid("provenance", "valid provenance", e.getMessage());
            }
            if (provenance == null) {
                throw sf.invalid("provenance", "valid provenance", "nothing");
            }
            TableMetadata metadata = MetadataJson.fromJson(root.path("metadata"), where);
            if (!root.path("parameters").isObject()) {
                throw sf.invalid("parameters", "an object", root.path("parameters").toString());
            }
            model = catalog.readModel(synthesizer, metadata, root.get("parameters"),
                    ModelStore.parts(List.copyOf(sections.values()), partPrefix(tableName)), where);
            for (String c : context) {
                Optional<ColumnMetadata> column = metadata.column(TableModel.CONTEXT_PREFIX + c);
                if (column.isEmpty() || column.get().type() != ColumnType.CATEGORICAL) {
                    throw f.invalid(path + ".context", "context columns present in the table's model as categorical "
                            + TableModel.CONTEXT_PREFIX + c, "none");
                }
            }
        } else if (!context.isEmpty()) {
            throw f.invalid(path + ".context", "no context for a table without model", context.toString());
        }
        Map<String, String> inherited = new LinkedHashMap<>();
        Map<String, List<Integer>> childCounts = new LinkedHashMap<>();
        if (version >= 2) {
            JsonNode inheritedNode = node.path("inherited");
            if (!inheritedNode.isObject()) {
                throw f.invalid(path + ".inherited", "an object", inheritedNode.toString());
            }
            for (var it = inheritedNode.fields(); it.hasNext(); ) {
                var e = it.next();
                String where = path + ".inherited." + e.getKey();
                if (countKey == null || !columns.contains(e.getKey()) || schema.isKeyColumn(e.getKey())) {
                    throw f.invalid(where, "a non-key column of " + tableName + ", which has a count key",
                            e.getKey());
                }
                if (!e.getValue().isTextual()) {
                    throw f.invalid(where, "the name of a column of the count parent", e.getValue().toString());
                }
                inherited.put(e.getKey(), e.getValue().asText());
            }
            JsonNode countsNode = node.path("childCounts");
            if (!countsNode.isObject()) {
                throw f.invalid(path + ".childCounts", "an object", countsNode.toString());
            }
            for (var it = countsNode.fields(); it.hasNext(); ) {
                var e = it.next();
                String where = path + ".childCounts." + e.getKey();
                if (model == null || model.metadata().column(e.getKey()).isEmpty()
                        || !e.getKey().startsWith(TableModel.COUNT_PREFIX)) {
                    throw f.invalid(where, "a " + TableModel.COUNT_PREFIX + " column of the table's model", "none");
                }
                List<Integer> counts = new ArrayList<>();
                if (!e.getValue().isArray()) {
                    throw f.invalid(where, "an array of counts", e.getValue().toString());
                }
                for (JsonNode v : e.getValue()) {
                    if (!v.isInt() || v.asInt() < 0 || !counts.isEmpty() && v.asInt() < counts.get(counts.size() - 1)) {
                        throw f.invalid(where, "whole numbers of at least 0 in increasing order", v.toString());
                    }
                    counts.add(v.asInt());
                }
                childCounts.put(e.getKey(), counts);
            }
        }
        return new TableModel(tableName, columns, marker.asText(), delimiter, rows, countKey, context, nullShares,
                dropped, model, provenance, inherited, childCounts);
    }

    /** Every column sampling reads from a parent's model must be there, numeric for counts, categorical for context. */
    private static void checkLinks(DatabaseSchema schema, List<TableModel> models, SchemaJson.Fields f) {
        for (int i = 0; i < models.size(); i++) {
            TableModel child = models.get(i);
            for (ForeignKey fk : schema.tables().get(i).parentKeys()) {
                int p = schema.tables().indexOf(schema.table(fk.parentTable()).orElseThrow());
                TableModel parent = models.get(p);
                String count = TableModel.countColumn(child.name(), fk.column());
                boolean ok = parent.model() != null && parent.model().metadata().column(count)
                        .filter(ColumnMetadata::isNumeric).isPresent();
                if (!ok) {
                    throw f.invalid("tables[" + p + "]", "a numeric column " + count + " in the model of "
                            + parent.name(), "none");
                }
                if (fk.column().equals(child.countKey())) {
                    for (Map.Entry<String, String> e : new java.util.TreeMap<>(child.inherited()).entrySet()) {
                        if (!parent.columns().contains(e.getValue())) {
                            throw f.invalid("tables[" + i + "].inherited." + e.getKey(), "a column of "
                                    + parent.name(), e.getValue());
                        }
                    }
                    for (String c : child.context()) {
                        if (parent.model().metadata().column(c).filter(m -> !m.isNumeric()).isEmpty()) {
                            throw f.invalid("tables[" + i + "].context", "columns of the model of "
                                    + parent.name(), c);
                        }
                    }
                }
            }
        }
    }

    private static List<String> keyColumns(TableSchema t) {
        List<String> keys = new ArrayList<>();
        t.key().ifPresent(keys::add);
        t.foreignKeys().forEach(k -> keys.add(k.column()));
        return keys;
    }

    private static List<String> texts(JsonNode node, String field, String path, SchemaJson.Fields f) {
        return f.texts(node, field, path);
    }

    private static int whole(JsonNode node, String field, String path, SchemaJson.Fields f) {
        JsonNode v = node.path(field);
        if (!v.isInt() || v.asInt() < 0) {
            throw f.invalid(path, "a whole number of at least 0", v.toString());
        }
        return v.asInt();
    }

    private static JsonNode parse(ObjectMapper mapper, byte[] content, String fileName, String section) {
        try {
            return mapper.readTree(content);
        } catch (IOException e) {
            throw new InvalidDataException(fileName, 0, section, "JSON", e.getMessage());
        }
    }
}
