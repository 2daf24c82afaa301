package dev.doppel.synth.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.InvalidDataException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.Constraint;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.FittedModel;
import dev.doppel.synth.StreamFilter;
import dev.doppel.synth.StreamFilteredModel;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.Condition;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A fitted model that honours its metadata's constraints: the inner model, fitted in model space, and the plan that
 * maps its rows back to real columns and checks them (sampling as described in {@link ConstrainedView}).
 *
 * <p>Saved like any model: the synthesizer is the inner one, the metadata carries the constraints, and the parameters
 * are {@code {"constraints": {"combinations": [...]}, "model": <inner parameters>}}; binary parts are the inner
 * model's.
 */
public final class ConstrainedModel implements FittedModel, StreamFilteredModel {
    private final ConstraintPlan plan;
    private final FittedModel inner;
    private final ConstrainedView sampling;

    ConstrainedModel(ConstraintPlan plan, FittedModel inner) {
        this.plan = plan;
        this.inner = inner;
        this.sampling = new ConstrainedView(plan, inner);
    }

    /** The model fitted in model space, for inspection and tests. */
    public FittedModel inner() {
        return inner;
    }

    @Override
    public String synthesizer() {
        return inner.synthesizer();
    }

    @Override
    public TableMetadata metadata() {
        return plan.real();
    }

    @Override
    public Optional<StreamFilter> newStreamFilter() {
        return sampling.newStreamFilter();
    }

    @Override
    public Table sampleBlock(long seed, long block, int rows) {
        return sampling.sampleBlock(seed, block, rows);
    }

    /**
     * The inner model's conditional model, constrained the same way, when no conditioned column is represented
     * differently in model space.
     */
    @Override
    public SyntheticModel given(Condition condition) {
        return sampling.given(condition);
    }

    /** See {@link ConstrainedView#probability}. */
    @Override
    public double probability(Condition condition) {
        return sampling.probability(condition);
    }

    @Override
    public List<String> categories(String column) {
        return sampling.categories(column);
    }

    @Override
    public Map<String, byte[]> binaryParts() {
        return inner.binaryParts();
    }

    @Override
    public JsonNode parametersJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode combinations = root.putObject("constraints").putArray("combinations");
        List<Constraint> constraints = plan.real().constraints();
        for (int k = 0; k < constraints.size(); k++) {
            if (constraints.get(k) instanceof Constraint.FixedCombinations) {
                ObjectNode entry = combinations.addObject();
                entry.put("constraint", k);
                ArrayNode seen = entry.putArray("seen");
                for (List<Object> combination : plan.combinations().get(k)) {
                    ArrayNode values = seen.addArray();
                    for (Object v : combination) {
                        if (v == null) {
                            values.addNull();
                        } else if (v instanceof Double d) {
                            values.add(d);
                        } else {
                            values.add((String) v);
                        }
                    }
                }
            }
        }
        root.set("model", inner.parametersJson());
        return root;
    }

    /**
     * Reads a constrained model: the seen combinations, checked against the metadata's constraints, and the inner
     * model, read by {@code innerReader} with the model-space metadata the plan derives.
     */
    public static ConstrainedModel fromJson(TableMetadata metadata, JsonNode parameters, String sourceName,
            BiFunction<TableMetadata, JsonNode, FittedModel> innerReader) {
        if (parameters == null || !parameters.isObject()) {
            throw invalid(sourceName, "parameters", "an object with \"constraints\" and \"model\"", parameters);
        }
        JsonNode constraintsNode = parameters.get("constraints");
        if (constraintsNode == null || !constraintsNode.isObject()) {
            throw invalid(sourceName, "parameters.constraints", "an object", constraintsNode);
        }
        JsonNode entries = constraintsNode.get("combinations");
        if (entries == null || !entries.isArray()) {
            throw invalid(sourceName, "parameters.constraints.combinations", "an array", entries);
        }
        Map<Integer, List<List<Object>>> combinations = new HashMap<>();
        List<Constraint> constraints = metadata.constraints();
        for (int e = 0; e < entries.size(); e++) {
            String path = "parameters.constraints.combinations[" + e + "]";
            JsonNode entry = entries.get(e);
            JsonNode index = entry.get("constraint");
            if (index == null || !index.isInt() || index.asInt() < 0 || index.asInt() >= constraints.size()
                    || !(constraints.get(index.asInt()) instanceof Constraint.FixedCombinations)) {
                throw invalid(sourceName, path + ".constraint",
                        "the index of a fixed-combinations constraint in the metadata", index);
            }
            Constraint.FixedCombinations fixed = (Constraint.FixedCombinations) constraints.get(index.asInt());
            if (combinations.containsKey(index.asInt())) {
                throw invalid(sourceName, path + ".constraint", "a constraint not listed before", index);
            }
            combinations.put(index.asInt(), readSeen(metadata, fixed, entry.get("seen"), path + ".seen", sourceName));
        }
        for (int k = 0; k < constraints.size(); k++) {
            if (constraints.get(k) instanceof Constraint.FixedCombinations && !combinations.containsKey(k)) {
                throw invalid(sourceName, "parameters.constraints.combinations",
                        "the seen combinations of constraints[" + k + "]", "none");
            }
        }
        JsonNode model = parameters.get("model");
        if (model == null || !model.isObject()) {
            throw invalid(sourceName, "parameters.model", "the inner model's parameters (an object)", model);
        }
        ConstraintPlan plan = new ConstraintPlan(metadata, combinations);
        return new ConstrainedModel(plan, innerReader.apply(plan.model(), model));
    }

    private static List<List<Object>> readSeen(TableMetadata metadata, Constraint.FixedCombinations fixed,
            JsonNode seen, String path, String sourceName) {
        if (seen == null || !seen.isArray() || seen.isEmpty()) {
            throw invalid(sourceName, path, "a non-empty array of combinations", seen);
        }
        List<ColumnMetadata> columns = fixed.columns().stream().map(n -> metadata.column(n).orElseThrow()).toList();
        List<List<Object>> out = new ArrayList<>();
        Set<List<Object>> distinct = new HashSet<>();
        for (int i = 0; i < seen.size(); i++) {
            JsonNode combination = seen.get(i);
            String p = path + "[" + i + "]";
            if (!combination.isArray() || combination.size() != columns.size()) {
                throw invalid(sourceName, p, "an array of " + columns.size() + " values (" + fixed.columns() + ")",
                        combination);
            }
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                JsonNode v = combination.get(c);
                if (v.isNull()) {
                    values.add(null);
                } else if (columns.get(c).isNumeric() && v.isNumber() && Double.isFinite(v.asDouble())) {
                    values.add(v.asDouble());
                } else if (!columns.get(c).isNumeric() && v.isTextual()) {
                    values.add(v.asText());
                } else {
                    throw invalid(sourceName, p + "[" + c + "]", (columns.get(c).isNumeric() ? "a finite number"
                            : "a string") + " or null for column " + columns.get(c).name(), v);
                }
            }
            if (!distinct.add(values)) {
                throw invalid(sourceName, p, "a combination not listed before", combination);
            }
            out.add(values);
        }
        return out;
    }

    private static InvalidDataException invalid(String source, String path, String expected, Object actual) {
        return new InvalidDataException(source, 0, path, expected, actual == null ? "nothing" : actual.toString());
    }
}
