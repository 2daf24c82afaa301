package dev.doppel.design.spec;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * The published JSON Schema of the {@code doppel-spec} format (resource {@value #RESOURCE}, copied to
 * docs/doppel-spec.schema.json) and structural validation of a document against it. Meaning (unknown columns, cycles,
 * types) is checked afterwards by {@link SpecReader}.
 */
public final class SpecSchema {
    /** Classpath location of the schema. */
    public static final String RESOURCE = "/dev/doppel/design/doppel-spec.schema.json";

    private final Schema schema;

    private SpecSchema(Schema schema) {
        this.schema = schema;
    }

    /** Loads the schema from the classpath. */
    public static SpecSchema load() {
        try (InputStream in = SpecSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + RESOURCE + " is missing from the build");
            }
            return new SpecSchema(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's text, as published. */
    public static String text() {
        try (InputStream in = SpecSchema.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks {@code document} against the schema.
     *
     * @throws SpecException for the most specific violation (the deepest field), naming its line
     */
    public void validate(SpecDocument document) {
        List<Error> errors = schema.validate(document.root());
        if (errors.isEmpty()) {
            return;
        }
        // Alternatives (oneOf) report a violation per branch; the deepest location is the one the author can act on.
        Error worst = errors.stream()
                .max(Comparator.comparingInt((Error e) -> e.getInstanceLocation().getNameCount()))
                .orElseThrow();
        String path = pathOf(worst.getInstanceLocation());
        String message = worst.getMessage();
        // Messages start with the location ("$.tables[0].rows: ..."); the exception names the field itself.
        int colon = message.indexOf(": ");
        if (message.startsWith("$") && colon > 0) {
            message = message.substring(colon + 2);
        }
        if ("additionalProperties".equals(worst.getKeyword()) && worst.getProperty() != null) {
            String field = SpecDocument.child(path, worst.getProperty());
            throw document.error(field, "only the fields the doppel-spec schema defines at " + display(path),
                    "unknown field \"" + worst.getProperty() + "\"");
        }
        var found = worst.getInstanceNode();
        String actual = found != null && found.isValueNode() ? found.toString() : null;
        String keyword = worst.getKeyword() == null ? "" : worst.getKeyword();
        switch (keyword) {
            case "required" -> {
                String field = worst.getProperty() != null ? worst.getProperty() : String.valueOf(
                        worst.getArguments() != null && worst.getArguments().length > 0 ? worst.getArguments()[0]
                                : "?");
                throw document.error(path, "the field \"" + field + "\" here", "none");
            }
            case "oneOf" -> throw document.error(path, alternatives(path), actual);
            case "enum", "const" -> throw document.error(path, "one of " + worst.getSchemaNode(), actual);
            default -> throw document.error(path, "a value that " + message.replace("$", "the document"), actual);
        }
    }

    /** What the alternatives (oneOf) at {@code path} are, said for the places the schema has them. */
    private static String alternatives(String path) {
        if (path.endsWith(".rows")) {
            return "a row count (0 or more) or {perParent: <reference column>, distribution: {...}}";
        }
        if (path.matches(".*columns\\[\\d+]")) {
            return "exactly one of distribution, sequence, pii, references, expression";
        }
        if (path.matches(".*scenarios\\[\\d+]")) {
            return "exactly one of rate, count";
        }
        if (path.contains(".set.")) {
            return "a value, null, {distribution: {...}} or {expression: ...}";
        }
        if (path.endsWith(".values")) {
            return "a list of values or a map of value: weight (weights 0 or more)";
        }
        return "one of the forms docs/doppel-spec.schema.json allows here";
    }

    private static String display(String path) {
        return path.isEmpty() ? "the top level" : path;
    }

    /** A validator path as this package writes paths: {@code tables[0].columns}. */
    static String pathOf(NodePath location) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(element);
            }
        }
        return sb.toString();
    }
}
