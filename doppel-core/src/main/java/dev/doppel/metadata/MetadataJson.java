package dev.doppel.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.io.AtomicOutput;
import dev.doppel.io.CsvTable;
import dev.doppel.io.InputFile;
import dev.doppel.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The metadata file: versioned JSON meant to be edited by people.
 * <pre>{@code
 * {"format": "doppel-metadata", "formatVersion": 1, "nullMarker": "?", "delimiter": ",",
 *  "columns": [{"name": "age", "type": "numerical", "integer": true, "min": 17.0, "max": 90.0, "decimals": 0}, ...]}
 * }</pre>
 * An optional {@code constraints} array holds business rules ({@link Constraint}; absent means none). Reading is
 * strict: unknown fields, unknown types and missing required fields are errors that name the line, the column of the
 * file and the field ({@code columns[3].type}); constraint errors name their path ({@code constraints[1].high}).
 */
public final class MetadataJson {
    public static final String FORMAT = "doppel-metadata";
    public static final int FORMAT_VERSION = 1;

    /** The file's shape; the envelope fields are checked before the metadata is built. */
    record Document(String format, Integer formatVersion, String nullMarker, String delimiter,
            List<ColumnMetadata> columns, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode constraints) { }

    private MetadataJson() {
    }

    public static JsonNode toJson(TableMetadata metadata) {
        // No constraints: no field, so files without constraints read and write as before.
        return Json.newMapper().valueToTree(new Document(FORMAT, FORMAT_VERSION, metadata.nullMarker(),
                metadata.delimiter(), metadata.columns(),
                metadata.constraints().isEmpty() ? null : ConstraintJson.write(metadata.constraints())));
    }

    /** Writes {@code metadata} to {@code file}, atomically. */
    public static void write(TableMetadata metadata, Path file) {
        try {
            AtomicOutput.writeString(file, Json.newMapper().writeValueAsString(toJson(metadata)) + "\n");
        } catch (JsonProcessingException e) {
            throw new DoppelException("cannot encode metadata: " + e.getMessage(), e);
        }
    }

    public static TableMetadata read(Path file) {
        String name = file.getFileName().toString();
        String text = new String(InputFile.readBytes(file), java.nio.charset.StandardCharsets.UTF_8);
        ObjectMapper mapper = Json.newMapper();
        try {
            return build(mapper.readValue(text, Document.class), name);
        } catch (JsonProcessingException e) {
            throw located(e, name);
        }
    }

    /** Metadata from a JSON tree (as embedded in a model file); errors name {@code sourceName} and the field. */
    public static TableMetadata fromJson(JsonNode node, String sourceName) {
        try {
            return build(Json.newMapper().treeToValue(node, Document.class), sourceName);
        } catch (JsonProcessingException e) {
            throw located(e, sourceName);
        }
    }

    private static TableMetadata build(Document d, String name) {
        if (!FORMAT.equals(d.format())) {
            throw new InvalidDataException(name, 0, "format", "\"" + FORMAT + "\"",
                    d.format() == null ? "no format field" : "\"" + d.format() + "\"");
        }
        if (d.formatVersion() == null || d.formatVersion() != FORMAT_VERSION) {
            throw new InvalidDataException(name, 0, "formatVersion",
                    FORMAT_VERSION + " (this Doppel reads version " + FORMAT_VERSION + " metadata files)",
                    String.valueOf(d.formatVersion()));
        }
        if (d.columns() == null || d.columns().isEmpty()) {
            throw new InvalidDataException(name, 0, "columns", "a list of at least one column", "none");
        }
        TableMetadata columnsOnly;
        try {
            columnsOnly = new TableMetadata(d.columns(), d.nullMarker(), d.delimiter());
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(name, 0, "columns", "valid metadata", e.getMessage());
        }
        try {
            return columnsOnly.withConstraints(ConstraintJson.read(d.constraints()));
        } catch (InvalidConstraintException e) {
            throw new InvalidDataException(name, 0, e.path(), e.expected(), e.found());
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(name, 0, "constraints", "valid constraints", e.getMessage());
        }
    }

    private static InvalidDataException located(JsonProcessingException e, String name) {
        JsonLocation location = e.getLocation();
        long line = location == null ? 0 : location.getLineNr();
        String path = null;
        if (e instanceof JsonMappingException m) {
            path = path(m.getPath());
        }
        String problem = e.getOriginalMessage();
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException iae && e instanceof DatabindException) {
            problem = iae.getMessage();
            if (problem != null && problem.startsWith("No enum constant")) {
                problem = "an unknown value";
            }
        }
        String expected = "valid metadata JSON";
        if (path != null && path.endsWith(".type")) {
            expected = "a column type: " + Arrays.stream(ColumnType.values()).map(ColumnType::jsonName)
                    .collect(Collectors.joining(", "));
        } else if (path != null && path.endsWith(".pii")) {
            expected = "a pii kind: " + Arrays.stream(PiiKind.values()).map(PiiKind::jsonName)
                    .collect(Collectors.joining(", "));
        }
        String column = path;
        if (location != null && location.getColumnNr() > 0) {
            column = (path == null ? "" : path + " at ") + "character " + location.getColumnNr();
        }
        return new InvalidDataException(name, line, column, expected, firstLine(problem));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return null;
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Fails unless the data's header holds exactly the metadata's columns (in any order). */
    public static void checkMatches(TableMetadata metadata, CsvTable raw) {
        List<String> header = raw.table().columnNames();
        List<String> missing = new ArrayList<>(metadata.columnNames());
        missing.removeAll(header);
        List<String> extra = new ArrayList<>(header);
        extra.removeAll(metadata.columnNames());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new InvalidDataException(raw.sourceName(), 1, null,
                    "the columns listed in the metadata",
                    (missing.isEmpty() ? "" : "no column " + String.join(", ", missing))
                            + (!missing.isEmpty() && !extra.isEmpty() ? "; " : "")
                            + (extra.isEmpty() ? "" : "columns not in the metadata: " + String.join(", ", extra)));
        }
    }
}
