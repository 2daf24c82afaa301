package dev.doppel.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.io.AtomicOutput;
import dev.doppel.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The JSON form of a {@link DatabaseEvaluationReport}, schema {@value #FORMAT} version {@value #FORMAT_VERSION}
 * (defined in docs/EVALUATION.md): {@code format}, {@code formatVersion}, a flat {@code metrics} object (see
 * {@link DatabaseEvaluationReport#metrics()}), then {@code tables}, {@code foreignKeys} and {@code provenance}, field
 * names as the record components; a table's {@code fidelity} is the single-table report's {@code fidelity} part.
 * Undefined values (NaN) are written as {@code null}.
 */
public final class DatabaseReportJson {
    public static final String FORMAT = "doppel-database-evaluation";
    public static final int FORMAT_VERSION = 1;

    private DatabaseReportJson() {
    }

    /** The report as a JSON tree. */
    public static ObjectNode toTree(DatabaseEvaluationReport report) {
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
        ObjectNode body = Json.newMapper().valueToTree(report);
        body.fields().forEachRemaining(e -> root.set(e.getKey(), e.getValue()));
        return (ObjectNode) ReportJson.nanToNull(root);
    }

    /** Writes the report to {@code file} (UTF-8) through a temporary file, so a failed write leaves nothing. */
    public static void write(DatabaseEvaluationReport report, Path file) {
        String text;
        try {
            text = Json.newMapper().writeValueAsString(toTree(report)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
        AtomicOutput.writeString(file, text);
    }
}
