package dev.doppel.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.InvalidDataException;

/** Reads fields of the model's parameter JSON, raising {@link InvalidDataException} naming the field path. */
public record ParameterReader(String sourceName) {

    public InvalidDataException invalid(String path, String expected, Object actual) {
        return new InvalidDataException(sourceName, 0, path, expected, actual == null ? "nothing" : actual.toString());
    }

    public JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || !node.isObject()) {
            throw invalid(path, "an object", node);
        }
        return node;
    }

    public JsonNode array(JsonNode parent, String field, String path) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || !node.isArray()) {
            throw invalid(path, "an array", node);
        }
        return node;
    }

    public String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw invalid(path, "a string", node);
        }
        return node.asText();
    }

    public double number(JsonNode node, String path) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw invalid(path, "a finite number", node);
        }
        return node.asDouble();
    }

    public double number(JsonNode parent, String field, String path) {
        return number(parent.get(field), path);
    }

    public double positive(JsonNode parent, String field, String path) {
        double v = number(parent, field, path);
        if (!(v > 0)) {
            throw invalid(path, "a positive number", v);
        }
        return v;
    }

    public double probability(JsonNode parent, String field, String path) {
        double v = number(parent, field, path);
        if (v < 0 || v > 1) {
            throw invalid(path, "a probability in [0, 1]", v);
        }
        return v;
    }

    public double[] numbers(JsonNode parent, String field, String path, int minLength) {
        return numbers(array(parent, field, path), path, minLength);
    }

    public double[] numbers(JsonNode node, String path, int minLength) {
        if (node.size() < minLength) {
            throw invalid(path, "at least " + minLength + " numbers", node.size() + " numbers");
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(node.get(i), path + "[" + i + "]");
        }
        return out;
    }

    public double[] nonDecreasing(JsonNode parent, String field, String path, int minLength) {
        double[] v = numbers(parent, field, path, minLength);
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[i - 1]) {
                throw invalid(path + "[" + i + "]", "a value not below the previous " + v[i - 1], v[i]);
            }
        }
        return v;
    }

    /** Probabilities in [0, 1] summing to 1 within 1e-9. */
    public double[] distribution(JsonNode parent, String field, String path) {
        return distribution(array(parent, field, path), path);
    }

    /** Probabilities in [0, 1] summing to 1 within 1e-9, from an array node. */
    public double[] distribution(JsonNode node, String path) {
        if (node == null || !node.isArray()) {
            throw invalid(path, "an array", node);
        }
        double[] p = numbers(node, path, 1);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0 || p[i] > 1) {
                throw invalid(path + "[" + i + "]", "a probability in [0, 1]", p[i]);
            }
            sum += p[i];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw invalid(path, "probabilities summing to 1", "sum " + sum);
        }
        return p;
    }

    /** A boolean field. */
    public boolean bool(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isBoolean()) {
            throw invalid(path, "true or false", node);
        }
        return node.asBoolean();
    }

    /** A whole number of at least {@code min}. */
    public int count(JsonNode node, String path, int min) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min) {
            throw invalid(path, "a whole number of at least " + min, node);
        }
        return node.asInt();
    }

    /**
     * A non-empty list of distinct strings or nulls (category values, null for missing), at {@code parent.field};
     * {@code what} names an element in messages ("value", "class").
     */
    public java.util.List<String> distinctValues(JsonNode parent, String field, String path, String what) {
        JsonNode values = array(parent, field, path);
        if (values.isEmpty()) {
            throw invalid(path, "at least one " + what, "none");
        }
        java.util.List<String> list = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            if (!v.isNull() && !v.isTextual()) {
                throw invalid(path + "[" + i + "]", "a string or null", v);
            }
            String value = v.isNull() ? null : v.asText();
            if (!seen.add(value)) {
                throw invalid(path + "[" + i + "]", "a " + what + " not listed before", value);
            }
            list.add(value);
        }
        return java.util.Collections.unmodifiableList(list);
    }

    /**
     * The {@code columns} array of a model's parameters: one object per column of {@code metadata}, in order, each
     * with the column's {@code name} and {@code type} as the metadata says. Synthesizer-specific fields are left to
     * the caller.
     */
    public JsonNode columnEntries(JsonNode parameters, dev.doppel.metadata.TableMetadata metadata) {
        if (parameters == null || !parameters.isObject()) {
            throw invalid("parameters", "an object", parameters);
        }
        JsonNode columns = array(parameters, "columns", "columns");
        java.util.List<dev.doppel.metadata.ColumnMetadata> metas = metadata.columns();
        if (columns.size() != metas.size()) {
            throw invalid("columns", metas.size() + " columns as in the metadata", columns.size() + " columns");
        }
        for (int c = 0; c < metas.size(); c++) {
            dev.doppel.metadata.ColumnMetadata meta = metas.get(c);
            JsonNode node = columns.get(c);
            String path = "columns[" + c + "]";
            if (!node.isObject()) {
                throw invalid(path, "an object", node);
            }
            String name = text(node, "name", path + ".name");
            if (!name.equals(meta.name())) {
                throw invalid(path + ".name", meta.name(), name);
            }
            String type = text(node, "type", path + ".type");
            if (!type.equals(meta.type().jsonName())) {
                throw invalid(path + ".type", meta.type().jsonName() + " as in the metadata", type);
            }
        }
        return columns;
    }
}
