package dev.doppel.design.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doppel.DoppelException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * A spec file read into a JSON tree that remembers the line of every field, so errors found after parsing (schema,
 * semantics) can still name the line. Paths are written as {@code tables[0].columns[2].distribution.mean}.
 *
 * @param file  the file's name, as shown in messages
 * @param root  the document
 * @param lines line (1-based) of each path's value
 */
public record SpecDocument(String file, JsonNode root, Map<String, Integer> lines) {
    public SpecDocument {
        lines = Map.copyOf(lines);
    }

    /** Reads YAML, or JSON when {@code json} (YAML is a superset, but JSON errors read better from a JSON parser). */
    public static SpecDocument parse(String file, InputStream in, boolean json) {
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = factory.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SpecException(file, 0, null, "a doppel-spec document", "an empty file");
            }
            JsonNode root = read(parser, "", lines, file);
            if (parser.nextToken() != null) {
                throw new SpecException(file, parser.currentLocation().getLineNr(), null,
                        "one document", "more content after it");
            }
            return new SpecDocument(file, root, lines);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new SpecException(file, location == null ? 0 : location.getLineNr(), null,
                    json ? "valid JSON" : "valid YAML", e.getOriginalMessage());
        } catch (IOException e) {
            throw new DoppelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines, String file)
            throws IOException {
        lines.put(path, p.currentTokenLocation().getLineNr());
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int line = p.currentTokenLocation().getLineNr();
                    if (object.has(name)) {
                        throw new SpecException(file, line, child(path, name), "each field once",
                                "a second \"" + name + "\"");
                    }
                    p.nextToken();
                    object.set(name, read(p, child(path, name), lines, file));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(p, path + "[" + i++ + "]", lines, file));
                }
                return array;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? f.numberNode(p.getBigIntegerValue())
                        : f.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return f.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return f.booleanNode(false);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> throw new SpecException(file, p.currentTokenLocation().getLineNr(), path,
                    "a value", p.currentToken().toString());
        }
    }

    /** The path of field {@code name} inside {@code path}. */
    public static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The line of {@code path}'s value, or of its nearest enclosing value that has one; 0 when none. */
    public int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    /** An error at {@code path}: the file, its line, the field, what was expected and what was found. */
    public SpecException error(String path, String expected, String actual) {
        return new SpecException(file, lineOf(path), path.isEmpty() ? null : path, expected, actual);
    }
}
