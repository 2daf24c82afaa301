package dev.doppel.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.eval.database.ChildCountDistribution;
import dev.doppel.eval.database.ParentChildTrend;
import dev.doppel.eval.fidelity.FidelityReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The result of a {@link DatabaseEvaluation}: one result per table, one per foreign key, and the flat
 * {@linkplain #metrics() metrics} that gates and the JSON {@code metrics} object use (defined in docs/EVALUATION.md).
 *
 * @param tables      per table, in the database's order
 * @param foreignKeys per foreign key
 * @param provenance  how and when the report was made
 */
public record DatabaseEvaluationReport(List<TableResult> tables, List<ForeignKeyResult> foreignKeys,
        ReportProvenance provenance) {

    public DatabaseEvaluationReport {
        tables = List.copyOf(tables);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /**
     * One table.
     *
     * @param name              its name
     * @param realRows          real rows
     * @param syntheticRows     synthetic rows
     * @param columns           learned columns compared
     * @param fidelity          single-table fidelity; null when the table has no learned column or a side is empty
     * @param exactCopyRate     share of synthetic rows whose learned values equal those of a real row
     * @param realDuplicateRate share of real rows whose learned values repeat an earlier real row: how often equal
     *                          rows occur naturally (a table of few categorical columns copies "by chance")
     */
    public record TableResult(String name, int realRows, int syntheticRows, List<String> columns,
            FidelityReport fidelity, double exactCopyRate, double realDuplicateRate) {
        public TableResult {
            columns = List.copyOf(columns);
        }
    }

    /**
     * One foreign key.
     *
     * @param child               the child table
     * @param column              its foreign key column
     * @param parent              the referenced table
     * @param syntheticValues     non-missing synthetic values of the column
     * @param danglingValues      of those, values that are no key of the synthetic parent table
     * @param integrity           1 − dangling / values (1 when there is no value)
     * @param realDanglingValues  dangling values in the real database (orphans of the source)
     * @param childCounts         children per parent row, real vs synthetic
     * @param trends              parent column × child aggregate trends
     * @param trendScore          mean of the trends' scores; NaN without any
     */
    public record ForeignKeyResult(String child, String column, String parent, long syntheticValues,
            long danglingValues, double integrity, long realDanglingValues, ChildCountDistribution childCounts,
            List<ParentChildTrend> trends, double trendScore) {
        public ForeignKeyResult {
            trends = List.copyOf(trends);
        }

        /** {@code Child.column}, the key's name in metric names. */
        public String name() {
            return child + "." + column;
        }
    }

    /**
     * How the report was made.
     *
     * @param doppelVersion Doppel version
     * @param createdAt     ISO-8601 instant
     * @param elapsedMillis wall time of the evaluation
     * @param manifest      the synthetic database's manifest, or null
     */
    public record ReportProvenance(String doppelVersion, String createdAt, long elapsedMillis, JsonNode manifest) {
    }

    /**
     * The headline numbers by name; NaN where not defined. Database level:
     * <ul>
     * <li>{@code database.integrity}: share of all synthetic foreign key values that point to a parent row;</li>
     * <li>{@code database.column_shapes}, {@code database.column_pair_trends}: means over the tables with learned
     * columns; {@code database.column_shapes_min}: the lowest table;</li>
     * <li>{@code database.child_count_ks_max}: the largest child-count KS statistic over the foreign keys;
     * {@code database.child_count_shapes}: mean over the foreign keys of the child-count histogram score;</li>
     * <li>{@code database.parent_child_trends}: mean over the foreign keys of their trend scores;</li>
     * <li>{@code database.quality}: mean of column shapes, pair trends, child-count shapes and parent–child trends;</li>
     * <li>{@code database.exact_copy_rate_max}: the highest exact-copy rate of a table.</li>
     * </ul>
     * Then {@code table.<name>.quality|column_shapes|column_pair_trends|exact_copy_rate|row_ratio} (synthetic over
     * real rows) per table and {@code fk.<child>.<column>.integrity|child_count_ks|child_count_shape|
     * parent_child_trends} per foreign key.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        List<TableResult> withFidelity = tables.stream().filter(t -> t.fidelity() != null).toList();
        long values = foreignKeys.stream().mapToLong(ForeignKeyResult::syntheticValues).sum();
        long dangling = foreignKeys.stream().mapToLong(ForeignKeyResult::danglingValues).sum();
        double shapes = mean(withFidelity, t -> t.fidelity().quality().columnShapes());
        double pairs = mean(withFidelity, t -> t.fidelity().quality().columnPairTrends());
        double countShapes = mean(foreignKeys, f -> f.childCounts().shape());
        double trends = mean(foreignKeys, ForeignKeyResult::trendScore);
        m.put("database.quality", mean(List.of(shapes, pairs, countShapes, trends), Double::doubleValue));
        m.put("database.integrity", values == 0 ? 1.0 : 1.0 - (double) dangling / values);
        m.put("database.column_shapes", shapes);
        m.put("database.column_shapes_min", withFidelity.stream()
                .mapToDouble(t -> t.fidelity().quality().columnShapes()).filter(v -> !Double.isNaN(v)).min()
                .orElse(Double.NaN));
        m.put("database.column_pair_trends", pairs);
        m.put("database.child_count_ks_max", foreignKeys.stream().mapToDouble(f -> f.childCounts().ks())
                .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN));
        m.put("database.child_count_shapes", countShapes);
        m.put("database.parent_child_trends", trends);
        m.put("database.exact_copy_rate_max", tables.stream().mapToDouble(TableResult::exactCopyRate)
                .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN));
        for (TableResult t : tables) {
            String p = "table." + t.name() + ".";
            FidelityReport f = t.fidelity();
            m.put(p + "quality", f == null ? Double.NaN : f.quality().overall());
            m.put(p + "column_shapes", f == null ? Double.NaN : f.quality().columnShapes());
            m.put(p + "column_pair_trends", f == null ? Double.NaN : f.quality().columnPairTrends());
            m.put(p + "exact_copy_rate", t.exactCopyRate());
            m.put(p + "row_ratio", t.realRows() == 0 ? Double.NaN : (double) t.syntheticRows() / t.realRows());
        }
        for (ForeignKeyResult f : foreignKeys) {
            String p = "fk." + f.name() + ".";
            m.put(p + "integrity", f.integrity());
            m.put(p + "child_count_ks", f.childCounts().ks());
            m.put(p + "child_count_shape", f.childCounts().shape());
            m.put(p + "parent_child_trends", f.trendScore());
        }
        return m;
    }

    /** The names of {@link #metrics()}, for {@link Gate#parse(String, java.util.Collection)}. */
    public List<String> metricNames() {
        return new ArrayList<>(metrics().keySet());
    }

    private static <T> double mean(List<T> items, ToDoubleFunction<T> value) {
        return items.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
