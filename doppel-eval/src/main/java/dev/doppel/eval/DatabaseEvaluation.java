package dev.doppel.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.InvalidDataException;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.eval.DatabaseEvaluationReport.ForeignKeyResult;
import dev.doppel.eval.DatabaseEvaluationReport.TableResult;
import dev.doppel.eval.database.ChildCountDistribution;
import dev.doppel.eval.database.ParentChildTrend;
import dev.doppel.eval.fidelity.ColumnPairTrendScore;
import dev.doppel.eval.fidelity.ColumnPairTrendScore.ColumnPairTrend;
import dev.doppel.eval.fidelity.FidelityReport;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.provenance.DoppelVersion;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An evaluation of a synthetic database against the real one it was learned from: per table the single-table
 * fidelity (column shapes, pair trends, missing values) and exact copies of real rows; per foreign key the share of
 * values that point to a parent row (integrity), the distribution of children per parent row, and the trends between
 * the parent's columns and aggregates of its children. Deterministic: no random choice is made.
 *
 * <p>Detection, membership and attribute attacks are left out: they train models per table, which costs minutes on
 * a database of many tables, and they need a real holdout, which a database sample rarely comes with. Exact copies
 * (with the real table's own duplicate rate beside them) are the privacy check that stays cheap.
 *
 * @param tables      every table of the database, real and synthetic
 * @param foreignKeys the foreign keys between them
 * @param manifest    the synthetic database's manifest, copied into the report, or null
 */
public record DatabaseEvaluation(List<TableData> tables, List<ForeignKeyLink> foreignKeys, JsonNode manifest) {

    /**
     * The rows of one table on one side.
     *
     * @param learned its learned columns, typed as the table's metadata says (may have no column)
     * @param rows    its rows (a table of keys only has no learned column to count them)
     * @param keys    its primary and foreign key columns as text, each {@code rows} long; null = missing
     */
    public record Side(Table learned, int rows, Map<String, List<String>> keys) {
        public Side {
            Objects.requireNonNull(learned, "learned");
            Map<String, List<String>> copy = new LinkedHashMap<>();
            keys.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
            keys = Collections.unmodifiableMap(copy);
            for (Map.Entry<String, List<String>> e : keys.entrySet()) {
                if (e.getValue().size() != rows) {
                    throw new IllegalArgumentException("key column " + e.getKey() + " has " + e.getValue().size()
                            + " values for " + rows + " rows");
                }
            }
        }
    }

    /**
     * One table of the database.
     *
     * @param name       its name
     * @param metadata   its learned columns (keys are not learned and not compared)
     * @param primaryKey its single-column primary key, or null
     * @param real       the real rows
     * @param synthetic  the synthetic rows
     */
    public record TableData(String name, TableMetadata metadata, String primaryKey, Side real, Side synthetic) {
        public TableData {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(real, "real");
            Objects.requireNonNull(synthetic, "synthetic");
        }
    }

    /** A foreign key: {@code child.column} holds primary key values of {@code parent}. */
    public record ForeignKeyLink(String child, String column, String parent) {
    }

    public DatabaseEvaluation {
        tables = List.copyOf(tables);
        foreignKeys = List.copyOf(foreignKeys);
        Set<String> names = new HashSet<>();
        for (TableData t : tables) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("table " + t.name() + " is given twice");
            }
        }
        for (ForeignKeyLink fk : foreignKeys) {
            TableData parent = find(tables, fk.parent());
            TableData child = find(tables, fk.child());
            if (parent.primaryKey() == null) {
                throw new IllegalArgumentException("foreign key " + fk + ": table " + fk.parent()
                        + " has no primary key");
            }
            for (Side side : List.of(parent.real(), parent.synthetic())) {
                if (!side.keys().containsKey(parent.primaryKey())) {
                    throw new IllegalArgumentException("table " + fk.parent() + ": no values of its key "
                            + parent.primaryKey());
                }
            }
            for (Side side : List.of(child.real(), child.synthetic())) {
                if (!side.keys().containsKey(fk.column())) {
                    throw new IllegalArgumentException("table " + fk.child() + ": no values of its foreign key "
                            + fk.column());
                }
            }
        }
    }

    private static TableData find(List<TableData> tables, String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + name));
    }

    /**
     * Runs every measure.
     *
     * @throws InvalidDataException when a table's columns do not match its metadata
     */
    public DatabaseEvaluationReport run() {
        long start = System.nanoTime();
        List<TableResult> tableResults = new ArrayList<>();
        for (TableData t : tables) {
            tableResults.add(table(t));
        }
        List<ForeignKeyResult> fkResults = new ArrayList<>();
        for (ForeignKeyLink fk : foreignKeys) {
            fkResults.add(foreignKey(fk, find(tables, fk.parent()), find(tables, fk.child())));
        }
        return new DatabaseEvaluationReport(tableResults, fkResults, new DatabaseEvaluationReport.ReportProvenance(
                DoppelVersion.current(), Instant.now().toString(), (System.nanoTime() - start) / 1_000_000,
                manifest));
    }

    private static TableResult table(TableData t) {
        List<String> learned = t.metadata().columns().stream().filter(ColumnMetadata::isLearned)
                .map(ColumnMetadata::name).toList();
        if (learned.isEmpty() || t.real().rows() == 0 || t.synthetic().rows() == 0) {
            return new TableResult(t.name(), t.real().rows(), t.synthetic().rows(), learned, null, Double.NaN,
                    Double.NaN);
        }
        AlignedTables aligned = AlignedTables.of(t.metadata(), t.real().learned(), t.synthetic().learned(), null);
        FidelityReport fidelity = FidelityReport.of(aligned);
        Set<RowKey> realRows = new HashSet<>();
        int realDuplicates = 0;
        for (int r = 0; r < aligned.rowCount(Role.REAL); r++) {
            if (!realRows.add(RowKey.of(aligned, Role.REAL, r))) {
                realDuplicates++;
            }
        }
        int copies = 0;
        for (int r = 0; r < aligned.rowCount(Role.SYNTHETIC); r++) {
            if (realRows.contains(RowKey.of(aligned, Role.SYNTHETIC, r))) {
                copies++;
            }
        }
        return new TableResult(t.name(), t.real().rows(), t.synthetic().rows(), learned, fidelity,
                (double) copies / aligned.rowCount(Role.SYNTHETIC),
                (double) realDuplicates / aligned.rowCount(Role.REAL));
    }

    /** A row's learned values as one hashable value: dictionary codes and numbers' bits. */
    private record RowKey(List<Long> values) {
        static RowKey of(AlignedTables a, Role role, int row) {
            List<Long> v = new ArrayList<>(a.columnCount());
            for (int c = 0; c < a.columnCount(); c++) {
                v.add(a.isNumeric(c) ? Double.doubleToLongBits(a.numeric(c, role)[row]) : a.codes(c, role)[row]);
            }
            return new RowKey(v);
        }
    }

    /** Real and synthetic side of one foreign key: for every child row its parent row (-1 missing, -2 dangling). */
    private static int[] parentRows(Side parent, String primaryKey, Side child, String column) {
        Map<String, Integer> index = new HashMap<>();
        List<String> keys = parent.keys().get(primaryKey);
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) != null) {
                index.putIfAbsent(keys.get(i), i);
            }
        }
        List<String> values = child.keys().get(column);
        int[] rows = new int[values.size()];
        for (int r = 0; r < rows.length; r++) {
            String v = values.get(r);
            Integer p = v == null ? null : index.get(v);
            rows[r] = v == null ? -1 : p == null ? -2 : p;
        }
        return rows;
    }

    private static ForeignKeyResult foreignKey(ForeignKeyLink fk, TableData parent, TableData child) {
        int[] real = parentRows(parent.real(), parent.primaryKey(), child.real(), fk.column());
        int[] synth = parentRows(parent.synthetic(), parent.primaryKey(), child.synthetic(), fk.column());
        int[] realCounts = counts(real, parent.real().rows());
        int[] synthCounts = counts(synth, parent.synthetic().rows());
        long values = java.util.Arrays.stream(synth).filter(p -> p != -1).count();
        long dangling = java.util.Arrays.stream(synth).filter(p -> p == -2).count();
        long realDangling = java.util.Arrays.stream(real).filter(p -> p == -2).count();
        List<ParentChildTrend> trends = trends(fk, parent, child, real, realCounts, synth, synthCounts);
        double trendScore = trends.stream().mapToDouble(ParentChildTrend::score).filter(v -> !Double.isNaN(v))
                .average().orElse(Double.NaN);
        return new ForeignKeyResult(fk.child(), fk.column(), fk.parent(), values, dangling,
                values == 0 ? 1.0 : 1.0 - (double) dangling / values, realDangling,
                ChildCountDistribution.of(realCounts, synthCounts), trends, trendScore);
    }

    private static int[] counts(int[] parentOf, int parents) {
        int[] counts = new int[parents];
        for (int p : parentOf) {
            if (p >= 0) {
                counts[p]++;
            }
        }
        return counts;
    }

    /**
     * Pair trends between the parent's learned columns and its children's aggregates: the number of children and
     * the mean of every numeric child column, computed per parent row on each side and compared like the column
     * pairs of one table.
     */
    private static List<ParentChildTrend> trends(ForeignKeyLink fk, TableData parent, TableData child, int[] real,
            int[] realCounts, int[] synth, int[] synthCounts) {
        List<ColumnMetadata> parentColumns = parent.metadata().columns().stream().filter(ColumnMetadata::isLearned)
                .toList();
        if (parentColumns.isEmpty() || parent.real().rows() == 0 || parent.synthetic().rows() == 0) {
            return List.of();
        }
        List<ColumnMetadata> childNumeric = child.metadata().columns().stream()
                .filter(c -> c.isLearned() && c.isNumeric()).toList();
        String countName = "count(" + fk.child() + ")";
        List<ColumnMetadata> columns = new ArrayList<>(parentColumns);
        columns.add(ColumnMetadata.numerical(countName, true, null, null, 0));
        for (ColumnMetadata c : childNumeric) {
            columns.add(ColumnMetadata.numerical(meanName(fk, c), false, null, null, 2));
        }
        Table realTable = augmented(parent.real(), parentColumns, child.real(), childNumeric, real, realCounts, fk);
        Table synthTable = augmented(parent.synthetic(), parentColumns, child.synthetic(), childNumeric, synth,
                synthCounts, fk);
        TableMetadata metadata = new TableMetadata(columns, parent.metadata().nullMarker(),
                parent.metadata().delimiter());
        AlignedTables aligned = AlignedTables.of(metadata, realTable, synthTable, null);
        Set<String> parentNames = new HashSet<>(parentColumns.stream().map(ColumnMetadata::name).toList());
        List<ParentChildTrend> out = new ArrayList<>();
        for (ColumnPairTrend p : ColumnPairTrendScore.of(aligned, Role.REAL, Role.SYNTHETIC)) {
            // Pairs come in metadata order, parent columns first: keep those joining a parent column to an aggregate.
            if (parentNames.contains(p.columnA()) && !parentNames.contains(p.columnB())) {
                out.add(new ParentChildTrend(p.columnA(), p.columnB(), p.metric(), p.score(), p.realCorrelation(),
                        p.syntheticCorrelation()));
            }
        }
        return out;
    }

    private static String meanName(ForeignKeyLink fk, ColumnMetadata c) {
        return "mean(" + fk.child() + "." + c.name() + ")";
    }

    private static Table augmented(Side parent, List<ColumnMetadata> parentColumns, Side child,
            List<ColumnMetadata> childNumeric, int[] parentOf, int[] counts, ForeignKeyLink fk) {
        List<Column> columns = new ArrayList<>();
        for (ColumnMetadata c : parentColumns) {
            columns.add(parent.learned().column(c.name()));
        }
        double[] count = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            count[i] = counts[i];
        }
        columns.add(new NumericColumn("count(" + fk.child() + ")", count));
        for (ColumnMetadata c : childNumeric) {
            NumericColumn values = (NumericColumn) child.learned().column(c.name());
            double[] sum = new double[counts.length];
            int[] n = new int[counts.length];
            for (int r = 0; r < parentOf.length; r++) {
                if (parentOf[r] >= 0 && !values.isNull(r)) {
                    sum[parentOf[r]] += values.get(r);
                    n[parentOf[r]]++;
                }
            }
            double[] mean = new double[counts.length];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = n[i] == 0 ? Double.NaN : sum[i] / n[i];
            }
            columns.add(new NumericColumn(meanName(fk, c), mean));
        }
        return new Table(columns);
    }
}
