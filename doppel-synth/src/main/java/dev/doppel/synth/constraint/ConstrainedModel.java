package dev.doppel.synth.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.Constraint;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.StreamFilter;
import dev.doppel.synth.StreamFilteredModel;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
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
 * A fitted model that honours its metadata's constraints, around an inner model fitted in model space. A block is
 * the inner model's block mapped back to real columns; rows still breaking a row-level constraint (possible only for
 * constraints no transform could take, or through rounding) are replaced by rows of redraws from sub-seeds that
 * depend only on (seed, block), at most {@value #MAX_DRAWS} times the block's rows in all, after which sampling fails
 * rather than emit a breaking row. Uniqueness across the output is a {@link StreamFilter} applied by the Sampler in block order.
 *
 * <p>Saved like any model: the synthesizer is the inner one, the metadata carries the constraints, and the parameters
 * are {@code {"constraints": {"combinations": [...]}, "model": <inner parameters>}}.
 */
public final class ConstrainedModel implements StreamFilteredModel {
    /** Rows drawn per block row before giving up: below 5 % of rows satisfying the constraints, sampling fails. */
    static final int MAX_DRAWS = 20;

    private final ConstraintPlan plan;
    private final SyntheticModel inner;

    ConstrainedModel(ConstraintPlan plan, SyntheticModel inner) {
        this.plan = plan;
        this.inner = inner;
    }

    /** The model fitted in model space, for inspection and tests. */
    public SyntheticModel inner() {
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
        return plan.unique().isEmpty() ? Optional.empty() : Optional.of(new UniqueRows(plan.real(), plan.unique()));
    }

    @Override
    public Table sampleBlock(long seed, long block, int rows) {
        Table first = plan.backward(inner.sampleBlock(seed, block, rows));
        boolean[] ok = filled(rows);
        long[] broken = new long[plan.real().constraints().size()];
        plan.checks().check(first, ok, broken);
        Table result = first;
        int accepted = count(ok);
        if (accepted < rows) {
            List<Table> sources = new ArrayList<>(List.of(first));
            int[] source = new int[rows];
            int[] row = new int[rows];
            int n = collect(ok, 0, source, row, 0, rows);
            long drawn = rows;
            for (int draw = 1; n < rows; draw++) {
                if (drawn >= (long) MAX_DRAWS * rows) {
                    throw unsatisfiable(block, drawn, n, broken);
                }
                // Redraw about what is missing at the acceptance rate seen so far, not a whole block: still a pure
                // function of (seed, block), since the sizes follow from earlier draws of this block.
                double rate = Math.max((double) n / drawn, 1.0 / MAX_DRAWS);
                int size = (int) Math.min(rows, Math.ceil(1.5 * (rows - n) / rate) + 64);
                Table extra = plan.backward(inner.sampleBlock(StreamSeeds.mix(seed, draw), block, size));
                boolean[] extraOk = filled(size);
                plan.checks().check(extra, extraOk, broken);
                sources.add(extra);
                n = collect(extraOk, sources.size() - 1, source, row, n, rows);
                drawn += size;
            }
            result = assemble(sources, source, row, rows);
        }
        return generate(result, seed, block);
    }

    /**
     * Learned columns from the accepted rows; generated columns (ids, pii, text) from the first draw in place, so
     * ids stay unique and in sequence.
     */
    private Table assemble(List<Table> sources, int[] source, int[] row, int rows) {
        List<Column> out = new ArrayList<>();
        List<ColumnMetadata> columns = plan.real().columns();
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).isLearned()) {
                out.add(RowPicker.pickColumn(sources, c, source, row, rows));
            } else {
                out.add(sources.get(0).column(c));
            }
        }
        return new Table(out);
    }

    private Table generate(Table table, long seed, long block) {
        if (plan.generated().isEmpty()) {
            return table;
        }
        List<Column> out = new ArrayList<>(table.columns());
        for (RegexValues r : plan.generated()) {
            int c = plan.real().columnNames().indexOf(r.column());
            out.set(c, r.fill((CategoricalColumn) table.column(c), StreamSeeds.mix(StreamSeeds.mix(seed, block), -1 - c)));
        }
        return new Table(out);
    }

    private DoppelException unsatisfiable(long block, long drawn, int accepted, long[] broken) {
        int worst = 0;
        for (int k = 1; k < broken.length; k++) {
            if (broken[k] > broken[worst]) {
                worst = k;
            }
        }
        Constraint c = plan.real().constraints().get(worst);
        return new DoppelException(String.format(java.util.Locale.ROOT,
                "cannot sample rows satisfying the constraints: in block %d only %d of %d drawn rows (%.2f %%) "
                        + "satisfied them; constraints[%d] (%s) was broken by %.1f %% of drawn rows. The model "
                        + "rarely makes such rows: check that the constraint matches the training data",
                block, accepted, drawn, 100.0 * accepted / drawn, worst, c.describe(), 100.0 * broken[worst] / drawn));
    }

    private static boolean[] filled(int rows) {
        boolean[] ok = new boolean[rows];
        java.util.Arrays.fill(ok, true);
        return ok;
    }

    private static int count(boolean[] ok) {
        int n = 0;
        for (boolean b : ok) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    private static int collect(boolean[] ok, int sourceIndex, int[] source, int[] row, int n, int rows) {
        for (int i = 0; i < ok.length && n < rows; i++) {
            if (ok[i]) {
                source[n] = sourceIndex;
                row[n] = i;
                n++;
            }
        }
        return n;
    }

    /**
     * The inner model's conditional model, constrained the same way, when no conditioned column is represented
     * differently in model space.
     */
    @Override
    public SyntheticModel given(Condition condition) {
        refuseReshaped(condition);
        return new ConstrainedModel(plan, inner.given(condition));
    }

    /**
     * The inner model's probability of {@code condition}: before rows breaking a checked (not transformed)
     * constraint are redrawn, so an estimate when such constraints reject often.
     */
    @Override
    public double probability(Condition condition) {
        refuseReshaped(condition);
        return inner.probability(condition);
    }

    @Override
    public List<String> categories(String column) {
        refuseReshaped(new Condition(List.of(new ColumnCondition.OneOf(column, Set.of("")))));
        return inner.categories(column);
    }

    private void refuseReshaped(Condition condition) {
        Set<String> reshaped = plan.reshaped();
        for (ColumnCondition part : condition.parts()) {
            if (reshaped.contains(part.column())) {
                Constraint by = plan.transforms().stream().filter(t -> t.produces().contains(part.column()))
                        .findFirst().orElseThrow().constraint();
                throw new DoppelException("cannot condition on column " + part.column() + ": the constraint "
                        + by.describe() + " models it through a transform; condition on other columns");
            }
        }
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
            BiFunction<TableMetadata, JsonNode, SyntheticModel> innerReader) {
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
