package dev.doppel.synth.trees;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.InvalidDataException;

/** Reads fields of the trees model's parameter JSON, raising {@link InvalidDataException} naming the field path. */
record ParameterReader(String sourceName) {

    InvalidDataException invalid(String path, String expected, Object actual) {
        return new InvalidDataException(sourceName, 0, path, expected, actual == null ? "nothing" : actual.toString());
    }

    JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || !node.isObject()) {
            throw invalid(path, "an object", node);
        }
        return node;
    }

    JsonNode array(JsonNode parent, String field, String path) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || !node.isArray()) {
            throw invalid(path, "an array", node);
        }
        return node;
    }

    String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw invalid(path, "a string", node);
        }
        return node.asText();
    }

    boolean bool(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isBoolean()) {
            throw invalid(path, "true or false", node);
        }
        return node.asBoolean();
    }

    double number(JsonNode node, String path) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw invalid(path, "a finite number", node);
        }
        return node.asDouble();
    }

    double number(JsonNode parent, String field, String path) {
        return number(parent.get(field), path);
    }

    /** A whole number in [min, Integer.MAX_VALUE]. */
    int count(JsonNode node, String path, int min) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min) {
            throw invalid(path, "a whole number of at least " + min, node);
        }
        return node.asInt();
    }

    double probability(JsonNode parent, String field, String path) {
        double v = number(parent, field, path);
        if (v < 0 || v > 1) {
            throw invalid(path, "a probability in [0, 1]", v);
        }
        return v;
    }

    double[] nonDecreasing(JsonNode parent, String field, String path, int minLength) {
        JsonNode node = array(parent, field, path);
        if (node.size() < minLength) {
            throw invalid(path, "at least " + minLength + " numbers", node.size() + " numbers");
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(node.get(i), path + "[" + i + "]");
            if (i > 0 && v[i] < v[i - 1]) {
                throw invalid(path + "[" + i + "]", "a value not below the previous " + v[i - 1], v[i]);
            }
        }
        return v;
    }
}
