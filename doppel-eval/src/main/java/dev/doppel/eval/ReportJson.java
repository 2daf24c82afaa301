package dev.doppel.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON form of an {@link EvaluationReport}, schema {@value #FORMAT} version {@value #FORMAT_VERSION} (defined in
 * docs/EVALUATION.md): {@code format}, {@code formatVersion}, a flat {@code metrics} object keyed by
 * {@link EvaluationReport#METRIC_NAMES}, then the report's parts ({@code inputs}, {@code fidelity},
 * {@code detection}, {@code privacy}, {@code utility}, {@code bias}, {@code provenance}), field names as the record
 * components. Values that are not defined (NaN) and parts not computed are written as {@code null}.
 */
public final class ReportJson {
    public static final String FORMAT = "doppel-evaluation";
    public static final int FORMAT_VERSION = 1;

    private ReportJson() {
    }

    /** The report as a JSON tree. */
    public static ObjectNode toTree(EvaluationReport report) {
        ObjectMapper mapper = Json.newMapper();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        ObjectNode metrics = root.putObject("metrics");
        for (Map.Entry<String, Double> e : report.metrics().entrySet()) {
            if (Double.isNaN(e.getValue())) {
                metrics.putNull(e.getKey());
            } else {
                metrics.put(e.getKey(), e.getValue());
            }
        }
        ObjectNode body = mapper.valueToTree(report);
        body.fields().forEachRemaining(e -> root.set(e.getKey(), e.getValue()));
        return (ObjectNode) nanToNull(root);
    }

    /** The report as indented JSON text. */
    public static String toJson(EvaluationReport report) {
        try {
            return Json.newMapper().writeValueAsString(toTree(report));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** Writes the report to {@code file} (UTF-8). */
    public static void write(EvaluationReport report, Path file) {
        try {
            Files.writeString(file, toJson(report) + "\n");
        } catch (IOException e) {
            throw new DoppelException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code node} with every non-finite number replaced by {@code null}, in place. */
    static JsonNode nanToNull(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(nanToNull(e.getValue()));
            }
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, nanToNull(a.get(i)));
            }
            return a;
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return JsonNodeFactory.instance.nullNode();
        }
        return node;
    }
}
