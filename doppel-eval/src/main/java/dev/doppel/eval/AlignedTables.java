package dev.doppel.eval;

import dev.doppel.InvalidDataException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The learned columns (NUMERICAL, DATETIME, CATEGORICAL, BOOLEAN) of the real training table, the synthetic table and
 * optionally a holdout table, validated against the metadata and encoded once for every metric: numeric columns as
 * {@code double[]} (NaN = null), the other columns as {@code int[]} codes into one dictionary shared by all tables
 * (real values first, then values only the synthetic table has, then values only the holdout has; -1 = null).
 *
 * <p>Columns of type ID, PII and TEXT are dropped: they are never learned, so no metric compares them.
 */
public final class AlignedTables {
    /** Which of the tables a row belongs to. */
    public enum Role { REAL, SYNTHETIC, HOLDOUT }

    private final List<ColumnMetadata> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<Role, Integer> rows = new HashMap<>();
    private final List<List<String>> dictionaries = new ArrayList<>();
    private final List<Map<Role, double[]>> numeric = new ArrayList<>();
    private final List<Map<Role, int[]>> codes = new ArrayList<>();

    private AlignedTables(List<ColumnMetadata> columns) {
        this.columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i).name(), i);
        }
    }

    /**
     * Validates and encodes the tables.
     *
     * @param metadata  describes the columns; real and synthetic must both hold exactly the metadata's columns
     * @param real      the real training table, at least one row
     * @param synthetic the synthetic table, at least one row
     * @param holdout   real rows not used for training, or null; when given it must hold the same columns
     * @throws InvalidDataException naming the table and column when a table is empty, a column is missing or extra,
     *                              or a column's storage does not match its metadata type
     */
    public static AlignedTables of(TableMetadata metadata, Table real, Table synthetic, Table holdout) {
        if (metadata == null || real == null || synthetic == null) {
            throw new IllegalArgumentException("metadata, real and synthetic are required");
        }
        // an EnumMap so that problems are reported in a fixed order: real, synthetic, holdout
        Map<Role, Table> tables = new EnumMap<>(Role.class);
        tables.put(Role.REAL, real);
        tables.put(Role.SYNTHETIC, synthetic);
        if (holdout != null) {
            tables.put(Role.HOLDOUT, holdout);
        }
        Set<String> expected = new LinkedHashSet<>(metadata.columnNames());
        for (Map.Entry<Role, Table> e : tables.entrySet()) {
            String name = tableName(e.getKey());
            Table t = e.getValue();
            if (t.rowCount() == 0) {
                throw new InvalidDataException(name, 0, null, "at least one row", "an empty table");
            }
            Set<String> have = new LinkedHashSet<>(t.columnNames());
            Set<String> missing = new LinkedHashSet<>(expected);
            missing.removeAll(have);
            Set<String> extra = new LinkedHashSet<>(have);
            extra.removeAll(expected);
            if (!missing.isEmpty() || !extra.isEmpty()) {
                throw new InvalidDataException(name, 0, null, "the columns " + expected,
                        (missing.isEmpty() ? "" : "missing " + missing) + (missing.isEmpty() || extra.isEmpty() ? "" : ", ")
                                + (extra.isEmpty() ? "" : "unexpected " + extra));
            }
        }
        List<ColumnMetadata> learned = metadata.columns().stream().filter(ColumnMetadata::isLearned).toList();
        if (learned.isEmpty()) {
            throw new InvalidDataException("metadata", 0, null,
                    "at least one numerical, datetime, categorical or boolean column", "none");
        }
        AlignedTables out = new AlignedTables(learned);
        tables.forEach((role, t) -> out.rows.put(role, t.rowCount()));
        for (ColumnMetadata c : learned) {
            if (c.isNumeric()) {
                Map<Role, double[]> byRole = new HashMap<>();
                for (Map.Entry<Role, Table> e : tables.entrySet()) {
                    Column col = e.getValue().column(c.name());
                    if (!(col instanceof NumericColumn n)) {
                        throw new InvalidDataException(tableName(e.getKey()), 0, c.name(),
                                "a numeric column (metadata type " + c.type().jsonName() + ")", "a text column");
                    }
                    byRole.put(e.getKey(), n.toArray());
                }
                out.numeric.add(byRole);
                out.codes.add(null);
                out.dictionaries.add(null);
            } else {
                Map<String, Integer> dict = new HashMap<>();
                List<String> values = new ArrayList<>();
                Map<Role, int[]> byRole = new HashMap<>();
                for (Role role : Role.values()) {
                    Table t = tables.get(role);
                    if (t == null) {
                        continue;
                    }
                    Column col = t.column(c.name());
                    if (!(col instanceof CategoricalColumn cat)) {
                        throw new InvalidDataException(tableName(role), 0, c.name(),
                                "a categorical column (metadata type " + c.type().jsonName() + ")", "a numeric column");
                    }
                    int[] remap = new int[cat.dictionary().size()];
                    for (int i = 0; i < remap.length; i++) {
                        String v = cat.dictionary().get(i);
                        remap[i] = dict.computeIfAbsent(v, k -> {
                            values.add(k);
                            return values.size() - 1;
                        });
                    }
                    int[] coded = new int[cat.size()];
                    for (int r = 0; r < coded.length; r++) {
                        int code = cat.code(r);
                        coded[r] = code == CategoricalColumn.NULL ? -1 : remap[code];
                    }
                    byRole.put(role, coded);
                }
                out.numeric.add(null);
                out.codes.add(byRole);
                out.dictionaries.add(List.copyOf(values));
            }
        }
        return out;
    }

    private static String tableName(Role role) {
        return switch (role) {
            case REAL -> "real table";
            case SYNTHETIC -> "synthetic table";
            case HOLDOUT -> "holdout table";
        };
    }

    /** The learned columns, in metadata order. */
    public List<ColumnMetadata> columns() {
        return columns;
    }

    public int columnCount() {
        return columns.size();
    }

    /** Position of a learned column, or -1. */
    public int indexOf(String name) {
        return index.getOrDefault(name, -1);
    }

    public boolean hasHoldout() {
        return rows.containsKey(Role.HOLDOUT);
    }

    public int rowCount(Role role) {
        Integer n = rows.get(role);
        if (n == null) {
            throw new IllegalStateException("no " + tableName(role));
        }
        return n;
    }

    public boolean isNumeric(int column) {
        return numeric.get(column) != null;
    }

    /** Values of numeric column {@code column} in table {@code role}, NaN for null; callers must not change it. */
    public double[] numeric(int column, Role role) {
        return numeric.get(column).get(role);
    }

    /** Codes of categorical column {@code column} in table {@code role}, -1 for null; callers must not change it. */
    public int[] codes(int column, Role role) {
        return codes.get(column).get(role);
    }

    /** Shared dictionary of categorical column {@code column}. */
    public List<String> dictionary(int column) {
        return dictionaries.get(column);
    }
}
