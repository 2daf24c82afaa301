package dev.doppel.relational;

import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.provenance.DoppelVersion;
import dev.doppel.provenance.Fingerprint;
import dev.doppel.provenance.Provenance;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.synth.Synthesizer;
import dev.doppel.synth.SynthesizerCatalog;
import dev.doppel.synth.FittedModel;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns a database given as a folder of CSV files and a {@link DatabaseSchema}. Each table's metadata is inferred
 * as for a single table ({@link MetadataInference}); key columns are never learned. Tables are fitted with one
 * single-table synthesizer from the catalog; see {@link TableModel} for what each table's model holds and
 * docs/RELATIONAL.md for the choices.
 */
public final class RelationalSynthesizer {
    /** At most this many categorical parent columns are copied into a child's model as context. */
    static final int MAX_CONTEXT = 2;
    /** A parent column with more distinct values than this is not used as context (too many conditions). */
    static final int MAX_CONTEXT_VALUES = 32;

    private final SynthesizerCatalog catalog;
    private final String synthesizerName;
    private final CsvFormat format;

    public RelationalSynthesizer(SynthesizerCatalog catalog, String synthesizerName, CsvFormat format) {
        this.catalog = catalog;
        this.synthesizerName = synthesizerName;
        this.format = format;
        catalog.create(synthesizerName);
    }

    /** One table as read: raw text, inferred metadata, typed non-key columns, and key positions. */
    private record SourceTable(TableSchema schema, Path file, CsvTable raw, TableMetadata metadata, Table typed,
            TableMetadata learnedMetadata, Map<String, Integer> keyRows) {
        /** Rows of the file; not {@code typed.rowCount()}, which is 0 for a table of keys only. */
        int rows() {
            return raw.table().rowCount();
        }

        /** This table with {@code column} (not a key) learned as categorical. */
        SourceTable withCategorical(String column) {
            TableMetadata changed = new TableMetadata(metadata.columns().stream()
                    .map(c -> c.name().equals(column) ? ColumnMetadata.categorical(column) : c).toList(),
                    metadata.nullMarker(), metadata.delimiter());
            TableMetadata learned = new TableMetadata(
                    changed.columns().stream().filter(c -> !schema.isKeyColumn(c.name())).toList(),
                    changed.nullMarker(), changed.delimiter());
            return new SourceTable(schema, file, raw, changed, TableDecoder.decode(raw, learned), learned, keyRows);
        }
    }

    /** Reads every table of {@code schema} from {@code folder} and fits them. */
    public RelationalModel fit(Path folder, DatabaseSchema schema, long seed) {
        Map<String, SourceTable> sources = new LinkedHashMap<>();
        for (TableSchema t : schema.tables()) {
            sources.put(t.name(), read(folder, t));
        }
        // For each child foreign key: the parent row each child row points to (-1 missing, -2 orphan).
        Map<String, int[]> links = new HashMap<>();
        for (TableSchema t : schema.tables()) {
            SourceTable child = sources.get(t.name());
            for (ForeignKey fk : t.foreignKeys()) {
                links.put(t.name() + "." + fk.column(), link(child, fk, sources.get(fk.parentTable())));
            }
        }
        // Decided for every table before any is fitted: a parent's inherited columns are not in its model, so they
        // cannot be its children's context either.
        Map<String, Map<String, String>> inherited = new HashMap<>();
        Map<String, ForeignKey> countKeys = new HashMap<>();
        for (TableSchema t : schema.tables()) {
            ForeignKey countKey = countKey(t, sources, links);
            countKeys.put(t.name(), countKey);
            Map<String, String> columns = Map.of();
            if (countKey != null) {
                int[] parentRow = links.get(t.name() + "." + countKey.column());
                int[] kept = java.util.stream.IntStream.range(0, parentRow.length).filter(r -> parentRow[r] >= 0)
                        .toArray();
                columns = inheritedColumns(sources.get(t.name()), sources.get(countKey.parentTable()), kept,
                        parentRow);
            }
            inherited.put(t.name(), columns);
        }
        learnInheritedText(schema, sources, countKeys, inherited);
        List<TableModel> models = new ArrayList<>();
        int index = 0;
        for (TableSchema t : schema.tables()) {
            models.add(fitTable(schema, t, sources, links, inherited, StreamSeeds.mix(seed, index++), seed));
        }
        return new RelationalModel(schema, synthesizerName, models);
    }

    private SourceTable read(Path folder, TableSchema t) {
        Path file = folder.resolve(t.file());
        if (!Files.isRegularFile(file)) {
            throw new DoppelException("table " + t.name() + ": file " + file + " does not exist");
        }
        CsvTable raw = new CsvTableReader(format).read(file);
        List<String> header = raw.table().columnNames();
        for (String column : header) {
            if (column.startsWith(TableModel.COUNT_PREFIX) || column.startsWith(TableModel.CONTEXT_PREFIX)) {
                throw new InvalidDataException(raw.sourceName(), 1, column,
                        "a column name not starting with __count. or __parent. (reserved)", column);
            }
        }
        List<String> keys = new ArrayList<>();
        t.key().ifPresent(keys::add);
        t.foreignKeys().forEach(f -> keys.add(f.column()));
        t.compositeKey().stream().filter(c -> !keys.contains(c)).forEach(keys::add);
        for (String key : keys) {
            if (!header.contains(key)) {
                throw new InvalidDataException(raw.sourceName(), 1, key,
                        "the key column named in the schema for table " + t.name(), "no such column in the header");
            }
        }
        TableMetadata inferred = MetadataInference.infer(raw);
        TableMetadata learned = new TableMetadata(
                inferred.columns().stream().filter(c -> !t.isKeyColumn(c.name())).toList(),
                inferred.nullMarker(), inferred.delimiter());
        Table typed = TableDecoder.decode(raw, learned);
        Map<String, Integer> keyRows = new HashMap<>();
        if (t.primaryKey() != null) {
            CategoricalColumn key = (CategoricalColumn) raw.table().column(t.primaryKey());
            for (int r = 0; r < key.size(); r++) {
                String v = key.get(r);
                if (v == null) {
                    throw new InvalidDataException(raw.sourceName(), raw.lineOf(r), t.primaryKey(),
                            "a primary key value", "a missing value");
                }
                if (keyRows.putIfAbsent(v, r) != null) {
                    throw new InvalidDataException(raw.sourceName(), raw.lineOf(r), t.primaryKey(),
                            "unique primary key values", "'" + v + "' again");
                }
            }
        }
        if (!t.compositeKey().isEmpty()) {
            List<CategoricalColumn> key = t.compositeKey().stream()
                    .map(c -> (CategoricalColumn) raw.table().column(c)).toList();
            java.util.Set<List<String>> seen = new java.util.HashSet<>();
            for (int r = 0; r < raw.table().rowCount(); r++) {
                List<String> values = new ArrayList<>(key.size());
                for (CategoricalColumn c : key) {
                    values.add(c.get(r));
                }
                if (values.contains(null)) {
                    throw new InvalidDataException(raw.sourceName(), raw.lineOf(r),
                            t.compositeKey().get(values.indexOf(null)), "a value of the composite primary key "
                            + t.compositeKey(), "a missing value");
                }
                if (!seen.add(values)) {
                    throw new InvalidDataException(raw.sourceName(), raw.lineOf(r), String.join(",",
                            t.compositeKey()), "unique values of the composite primary key " + t.compositeKey(),
                            values + " again");
                }
            }
        }
        return new SourceTable(t, file, raw, inferred, typed, learned, keyRows);
    }

    private static int[] link(SourceTable child, ForeignKey fk, SourceTable parent) {
        CategoricalColumn values = (CategoricalColumn) child.raw().table().column(fk.column());
        int[] rows = new int[values.size()];
        for (int r = 0; r < rows.length; r++) {
            String v = values.get(r);
            Integer p = v == null ? null : parent.keyRows().get(v);
            rows[r] = v == null ? -1 : p == null ? -2 : p;
        }
        return rows;
    }

    private TableModel fitTable(DatabaseSchema schema, TableSchema t, Map<String, SourceTable> sources,
            Map<String, int[]> links, Map<String, Map<String, String>> inheritedColumns, long tableSeed, long seed) {
        SourceTable source = sources.get(t.name());
        int rows = source.rows();
        ForeignKey countKey = countKey(t, sources, links);
        // Rows kept: all of a root table; a child's rows whose count key points to a parent row.
        int[] kept;
        int[] parentRow = countKey == null ? null : links.get(t.name() + "." + countKey.column());
        if (parentRow == null) {
            kept = java.util.stream.IntStream.range(0, rows).toArray();
        } else {
            kept = java.util.stream.IntStream.range(0, rows).filter(r -> parentRow[r] >= 0).toArray();
        }
        Map<String, String> inherited = inheritedColumns.get(t.name());
        List<Column> columns = new ArrayList<>(source.typed().rows(kept).columns().stream()
                .filter(c -> !inherited.containsKey(c.name())).toList());
        List<ColumnMetadata> metadata = new ArrayList<>(source.learnedMetadata().columns().stream()
                .filter(c -> !inherited.containsKey(c.name())).toList());
        Map<String, List<Integer>> childCounts = new LinkedHashMap<>();
        for (TableSchema child : schema.childrenOf(t.name())) {
            for (ForeignKey fk : child.parentKeys()) {
                if (!fk.parentTable().equals(t.name())) {
                    continue;
                }
                double[] counts = new double[rows];
                for (int p : links.get(child.name() + "." + fk.column())) {
                    if (p >= 0) {
                        counts[p]++;
                    }
                }
                double[] keptCounts = new double[kept.length];
                double max = 0;
                for (int i = 0; i < kept.length; i++) {
                    keptCounts[i] = counts[kept[i]];
                    max = Math.max(max, keptCounts[i]);
                }
                String name = TableModel.countColumn(child.name(), fk.column());
                columns.add(new NumericColumn(name, keptCounts));
                childCounts.put(name, orderStatistics(keptCounts));
                metadata.add(ColumnMetadata.numerical(name, true, 0.0, max, 0));
            }
        }
        List<String> context = List.of();
        if (countKey != null) {
            SourceTable parent = sources.get(countKey.parentTable());
            context = contextColumns(parent, inheritedColumns.get(parent.schema().name()).keySet());
            for (String c : context) {
                CategoricalColumn values = (CategoricalColumn) parent.typed().column(c);
                int[] codes = new int[kept.length];
                for (int i = 0; i < kept.length; i++) {
                    codes[i] = values.code(parentRow[kept[i]]);
                }
                String name = TableModel.CONTEXT_PREFIX + c;
                columns.add(new CategoricalColumn(name, codes, values.dictionary()));
                metadata.add(ColumnMetadata.categorical(name));
            }
        }
        Map<String, Double> nullShares = new LinkedHashMap<>();
        for (ForeignKey fk : t.foreignKeys()) {
            if (countKey == null || !fk.column().equals(countKey.column())) {
                int missing = 0;
                for (int p : links.get(t.name() + "." + fk.column())) {
                    // An orphan is written as missing: nothing in the synthetic parent could stand for it.
                    missing += p < 0 ? 1 : 0;
                }
                nullShares.put(fk.column(), rows == 0 ? 0.0 : (double) missing / rows);
            }
        }
        FittedModel model = null;
        Provenance provenance = null;
        if (!columns.isEmpty()) {
            Synthesizer synthesizer = catalog.create(synthesizerName);
            if (!context.isEmpty() && synthesizer.parameters().containsKey("order")) {
                // Sequential synthesizers condition exactly only on the columns they draw first.
                synthesizer = synthesizer.withParameters(Map.of("order", String.join(",",
                        context.stream().map(c -> TableModel.CONTEXT_PREFIX + c).toList())));
            }
            TableMetadata modelMetadata = new TableMetadata(metadata, source.metadata().nullMarker(),
                    source.metadata().delimiter());
            model = synthesizer.fit(new Table(columns), modelMetadata, tableSeed);
            provenance = new Provenance(source.file().getFileName().toString(), Fingerprint.sha256(source.file()),
                    kept.length, columns.size(), synthesizer.name(), synthesizer.parameters(), seed,
                    DoppelVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        return new TableModel(t.name(), source.raw().table().columnNames(), source.metadata().nullMarker(),
                source.metadata().delimiter(), rows, countKey == null ? null : countKey.column(), context, nullShares,
                rows - kept.length, model, provenance, inherited, childCounts);
    }

    /**
     * The sorted {@code counts}, or {@link TableModel#COUNT_QUANTILES} of them evenly spaced from the smallest to the
     * largest when there are more.
     */
    private static List<Integer> orderStatistics(double[] counts) {
        int[] sorted = java.util.Arrays.stream(counts).mapToInt(v -> (int) v).sorted().toArray();
        int k = Math.min(sorted.length, TableModel.COUNT_QUANTILES);
        List<Integer> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            out.add(sorted[k == sorted.length ? i : (int) ((long) i * (sorted.length - 1) / (k - 1))]);
        }
        return out;
    }

    /**
     * Makes inherited columns as faithful as the child's own model would have been. A child column the child learns
     * (Invoice.BillingCity, categorical over 412 rows) may copy a parent column inferred as free text (Customer.City,
     * 53 values in 60 rows) or as an id (all values distinct), whose synthetic values would be fake words or codes:
     * such a parent column (not a key) is learned as categorical instead (its values are the child column's, which
     * the child's model would hold anyway). A parent column of personal data is never learned: a learned child
     * column copying it stays learned, not inherited.
     */
    private static void learnInheritedText(DatabaseSchema schema, Map<String, SourceTable> sources,
            Map<String, ForeignKey> countKeys, Map<String, Map<String, String>> inherited) {
        for (TableSchema t : schema.tables()) {
            if (inherited.get(t.name()).isEmpty()) {
                continue;
            }
            SourceTable child = sources.get(t.name());
            String parentName = countKeys.get(t.name()).parentTable();
            Map<String, String> kept = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : inherited.get(t.name()).entrySet()) {
                ColumnMetadata mine = child.metadata().column(e.getKey()).orElseThrow();
                SourceTable parent = sources.get(parentName);
                ColumnMetadata theirs = parent.metadata().column(e.getValue()).orElseThrow();
                boolean unlearnedValues = theirs.type() == ColumnType.TEXT || theirs.type() == ColumnType.ID;
                if (mine.isLearned() && unlearnedValues && !parent.schema().isKeyColumn(theirs.name())) {
                    sources.put(parentName, parent.withCategorical(theirs.name()));
                } else if (mine.isLearned() && !theirs.isLearned()) {
                    continue;
                }
                kept.put(e.getKey(), e.getValue());
            }
            inherited.put(t.name(), kept);
        }
    }

    /**
     * Columns of {@code child} whose value equals the value of a column of the row's count parent in at least
     * {@link TableModel#INHERITED_SHARE} of the kept rows (compared as text, missing equal to missing): a copy of the
     * parent's data through the foreign key, such as an invoice's billing address, which is its customer's address.
     * Such a column is copied from the synthetic parent rather than learned. At least 20 rows and two distinct values
     * are required, so that a constant column or a handful of rows cannot match by chance. Each child column takes
     * the first parent column, in the parent's order, that matches.
     */
    private static Map<String, String> inheritedColumns(SourceTable child, SourceTable parent, int[] kept,
            int[] parentRow) {
        if (kept.length < 20) {
            return Map.of();
        }
        int allowed = (int) Math.floor(kept.length * (1 - TableModel.INHERITED_SHARE));
        Map<String, String> inherited = new LinkedHashMap<>();
        for (String name : child.raw().table().columnNames()) {
            if (child.schema().isKeyColumn(name)) {
                continue;
            }
            CategoricalColumn values = (CategoricalColumn) child.raw().table().column(name);
            for (String parentName : parent.raw().table().columnNames()) {
                CategoricalColumn parentValues = (CategoricalColumn) parent.raw().table().column(parentName);
                int mismatches = 0;
                java.util.Set<String> distinct = new java.util.HashSet<>();
                for (int i = 0; i < kept.length && mismatches <= allowed; i++) {
                    String v = values.get(kept[i]);
                    String p = parentValues.get(parentRow[kept[i]]);
                    if (java.util.Objects.equals(v, p)) {
                        if (v != null && distinct.size() < 2) {
                            distinct.add(v);
                        }
                    } else {
                        mismatches++;
                    }
                }
                if (mismatches <= allowed && distinct.size() >= 2) {
                    inherited.put(name, parentName);
                    break;
                }
            }
        }
        return inherited;
    }

    /**
     * The foreign key whose parent decides the row count: the one whose parent rows most often have at least one
     * child (an invoice line belongs to an invoice that always has lines, while most tracks are never sold), ties
     * going to the parent with more rows (a track's album rather than its media type), then to declared order.
     */
    private static ForeignKey countKey(TableSchema t, Map<String, SourceTable> sources, Map<String, int[]> links) {
        ForeignKey best = null;
        double bestCoverage = -1;
        int bestRows = -1;
        for (ForeignKey fk : t.parentKeys()) {
            int parentRows = sources.get(fk.parentTable()).rows();
            boolean[] used = new boolean[parentRows];
            int covered = 0;
            for (int p : links.get(t.name() + "." + fk.column())) {
                if (p >= 0 && !used[p]) {
                    used[p] = true;
                    covered++;
                }
            }
            double coverage = parentRows == 0 ? 0 : (double) covered / parentRows;
            if (coverage > bestCoverage || coverage == bestCoverage && parentRows > bestRows) {
                best = fk;
                bestCoverage = coverage;
                bestRows = parentRows;
            }
        }
        return best;
    }

    /**
     * Up to {@link #MAX_CONTEXT} learned categorical parent columns with 2..32 values, fewest values first; not the
     * parent's inherited columns, which are not in its model.
     */
    private static List<String> contextColumns(SourceTable parent, java.util.Set<String> inherited) {
        record Candidate(String name, int values) { }
        List<Candidate> candidates = new ArrayList<>();
        for (ColumnMetadata c : parent.learnedMetadata().columns()) {
            if (c.type() != ColumnType.CATEGORICAL && c.type() != ColumnType.BOOLEAN || inherited.contains(c.name())) {
                continue;
            }
            CategoricalColumn column = (CategoricalColumn) parent.typed().column(c.name());
            int values = (int) java.util.Arrays.stream(column.counts()).filter(n -> n > 0).count()
                    + (column.nullCount() > 0 ? 1 : 0);
            if (values >= 2 && values <= MAX_CONTEXT_VALUES) {
                candidates.add(new Candidate(c.name(), values));
            }
        }
        return candidates.stream().sorted(Comparator.comparingInt(Candidate::values)).limit(MAX_CONTEXT)
                .map(Candidate::name).toList();
    }
}
