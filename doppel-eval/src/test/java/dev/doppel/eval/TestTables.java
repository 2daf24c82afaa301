package dev.doppel.eval;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Test fixtures: tiny hand-made tables, and the real Adult table loaded with a plain comma split. */
public final class TestTables {
    private TestTables() {
    }

    public static NumericColumn num(String name, double... values) {
        return new NumericColumn(name, values);
    }

    /** A categorical column; a Java null is a null value. */
    public static CategoricalColumn cat(String name, String... values) {
        Map<String, Integer> dict = new HashMap<>();
        List<String> order = new ArrayList<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            codes[i] = v == null ? CategoricalColumn.NULL : dict.computeIfAbsent(v, k -> {
                order.add(k);
                return order.size() - 1;
            });
        }
        return new CategoricalColumn(name, codes, order);
    }

    public static Table table(Column... columns) {
        return new Table(List.of(columns));
    }

    /** Metadata for a table: NumericColumns numerical, the others categorical. */
    public static TableMetadata metadataOf(Table t) {
        return new TableMetadata(t.columns().stream()
                .map(c -> c instanceof NumericColumn ? ColumnMetadata.numerical(c.name(), false, null, null, 6)
                        : ColumnMetadata.categorical(c.name()))
                .toList());
    }

    private static final Set<String> ADULT_NUMERIC =
            Set.of("age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week");

    /** The Adult table (32,561 rows); "?" is null; six integer columns numeric, the rest categorical. */
    public static Table adult() {
        Path path = Path.of(System.getProperty("doppel.datasets", "../../shared/datasets"), "adult", "adult.csv");
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] header = lines.get(0).split(",");
        int n = lines.size() - 1;
        while (n > 0 && lines.get(n).isBlank()) {
            n--;
        }
        String[][] cells = new String[header.length][n];
        for (int r = 0; r < n; r++) {
            String[] f = lines.get(r + 1).split(",", -1);
            for (int c = 0; c < header.length; c++) {
                String v = f[c].trim();
                cells[c][r] = v.equals("?") ? null : v;
            }
        }
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (ADULT_NUMERIC.contains(header[c])) {
                double[] v = new double[n];
                for (int r = 0; r < n; r++) {
                    v[r] = cells[c][r] == null ? Double.NaN : Double.parseDouble(cells[c][r]);
                }
                cols.add(new NumericColumn(header[c], v));
            } else {
                cols.add(cat(header[c], cells[c]));
            }
        }
        return new Table(cols);
    }

    public static TableMetadata adultMetadata(Table adult) {
        return new TableMetadata(adult.columns().stream()
                .map(c -> c instanceof NumericColumn ? ColumnMetadata.numerical(c.name(), true, null, null, 0)
                        : ColumnMetadata.categorical(c.name()))
                .toList(), "?", ",");
    }

    /** The given rows of {@code t}, in that order. */
    public static Table rows(Table t, int[] rows) {
        List<Column> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c instanceof NumericColumn n) {
                double[] v = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = n.get(rows[i]);
                }
                cols.add(new NumericColumn(c.name(), v));
            } else {
                CategoricalColumn k = (CategoricalColumn) c;
                int[] codes = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    codes[i] = k.code(rows[i]);
                }
                cols.add(new CategoricalColumn(c.name(), codes, k.dictionary()));
            }
        }
        return new Table(cols);
    }

    /** A random split of the rows into {@code parts} near-equal tables. */
    public static List<Table> split(Table t, int parts, long seed) {
        int[] perm = permutation(t.rowCount(), new Random(seed));
        List<Table> out = new ArrayList<>();
        int n = t.rowCount();
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            out.add(rows(t, java.util.Arrays.copyOfRange(perm, from, to)));
        }
        return out;
    }

    /** Every column permuted independently: marginals kept, dependence between columns destroyed. */
    public static Table shuffleColumns(Table t, long seed) {
        Random rnd = new Random(seed);
        List<Column> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            cols.add(rows(new Table(List.of(c)), permutation(t.rowCount(), rnd)).column(0));
        }
        return new Table(cols);
    }

    static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
