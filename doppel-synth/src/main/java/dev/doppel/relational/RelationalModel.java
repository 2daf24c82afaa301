package dev.doppel.relational;

import dev.doppel.DoppelException;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.synth.condition.ImpossibleConditionException;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import dev.doppel.transform.RowFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A fitted database: the schema and one {@link TableModel} per table (in schema order). Immutable.
 *
 * <p>Sampling goes parents first. A root table gets its real row count times the scale. A child table gets, for each
 * synthetic row of its count parent, as many rows as that row's sampled {@code __count} column says; the rows are
 * drawn from the child's model conditioned on the parent's context columns when the synthesizer can condition, and
 * unconditioned otherwise. Primary keys are renumbered 1..n; the count key points to the row's parent; every other
 * foreign key to a row of its parent dealt from a shuffled deck holding each parent row as often as its sampled
 * {@code __count} column says (by those weights once the deck is used up; missing in the real share); a
 * self-reference points to an earlier row (missing in the real share, and always for the first row). So every
 * foreign key value is a key of the synthetic parent table. Inherited columns are copied from the row's synthetic
 * count parent, and text is cut to the column's declared length; see docs/RELATIONAL.md, "Parent–child fidelity".
 */
public record RelationalModel(DatabaseSchema schema, String synthesizer, List<TableModel> tables) {
    public RelationalModel {
        tables = List.copyOf(tables);
        if (tables.size() != schema.tables().size()) {
            throw new IllegalArgumentException("one table model per schema table expected");
        }
    }

    public TableModel table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + name));
    }

    /**
     * A sampled table before formatting: its row count, the model's rows (null without a model), rows conditioned,
     * and the child count of each row per {@code __count} column of its model (see {@link #childCounts}).
     */
    private record Drawn(int rows, Table values, int conditioned, Map<String, int[]> counts) {
        Drawn(int rows, Table values, int conditioned) {
            this(rows, values, conditioned, Map.of());
        }

        /** The child counts of {@code column}, one per row: a fresh copy, free to change. */
        int[] countsOf(String column) {
            return counts.get(column).clone();
        }
    }

    /**
     * Samples every table, in schema order. Root tables get {@code round(rows × scale)} rows; the same model, scale
     * and seed give the same tables.
     */
    public List<SyntheticTable> sample(double scale, long seed) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new DoppelException("the scale must be a positive number, not " + scale);
        }
        Map<String, Drawn> drawn = new HashMap<>();
        Map<String, SyntheticTable> out = new HashMap<>();
        for (TableSchema t : schema.parentsFirst()) {
            int index = schema.tables().indexOf(t);
            TableModel m = tables.get(index);
            long tableSeed = StreamSeeds.mix(seed, index);
            int[] parentOf = null;
            Drawn d;
            if (m.countKey() == null) {
                long n = Math.round(m.rows() * scale);
                if (n > Integer.MAX_VALUE - 8) {
                    throw new DoppelException("table " + t.name() + " would get " + n + " rows; at most "
                            + (Integer.MAX_VALUE - 8) + " fit in memory");
                }
                Table values = m.model() == null ? null : Sampler.sampleTable(m.model(), (int) n, tableSeed, 1);
                d = new Drawn((int) n, values, 0);
            } else {
                String parent = parentOf(t, m.countKey());
                Drawn p = drawn.get(parent);
                int[] counts = p.countsOf(TableModel.countColumn(t.name(), m.countKey()));
                calibrate(counts, expectedRows(m, table(parent), p.rows()),
                        new SplittableRandom(StreamSeeds.mix(tableSeed, 2_000_000L)));
                long total = Arrays.stream(counts).asLongStream().sum();
                if (total > Integer.MAX_VALUE - 8) {
                    throw new DoppelException("table " + t.name() + " would get " + total + " rows; too many");
                }
                parentOf = new int[(int) total];
                d = drawChildren(m, p, counts, parentOf, tableSeed);
            }
            d = new Drawn(d.rows(), d.values(), d.conditioned(), childCounts(m, d, tableSeed));
            drawn.put(t.name(), d);
            out.put(t.name(), format(t, m, d, parentOf, drawn, out, tableSeed));
        }
        return schema.tables().stream().map(t -> out.get(t.name())).toList();
    }

    private static String parentOf(TableSchema t, String column) {
        return t.foreignKeys().stream().filter(f -> f.column().equals(column)).findFirst().orElseThrow().parentTable();
    }

    /**
     * The child count of every drawn row, per {@code __count} column of the table's model: the sampled value rounded
     * (at least 0); for a column with the real counts kept ({@link TableModel#childCounts}; models written before
     * them have none), the real counts at evenly spaced quantiles handed out in the order of the sampled values (ties
     * in random order). A count model's samples miss the real distribution, badly with few rows to learn from (Genre,
     * 25 rows) and in the long tail with many (trees keep quantile sketches); the ranks keep what the model learned
     * about which rows have more children, the values come from the real distribution. At the real number of rows
     * this is a permutation of the real counts.
     */
    private static Map<String, int[]> childCounts(TableModel m, Drawn d, long tableSeed) {
        if (m.model() == null) {
            return Map.of();
        }
        Map<String, int[]> out = new HashMap<>();
        int k = 0;
        for (String column : m.model().metadata().columnNames()) {
            if (!column.startsWith(TableModel.COUNT_PREFIX)) {
                continue;
            }
            int[] sampled = wholeCounts(d, column);
            List<Integer> real = m.childCounts().get(column);
            SplittableRandom random = new SplittableRandom(StreamSeeds.mix(tableSeed, 4_000_000L + k++));
            out.put(column, real == null || real.isEmpty() ? sampled : byRank(sampled, real, random));
        }
        return out;
    }

    /** {@code real} (sorted) at evenly spaced quantiles, given out in the order of {@code sampled}. */
    static int[] byRank(int[] sampled, List<Integer> real, SplittableRandom random) {
        int m = sampled.length;
        double[] tieBreak = new double[m];
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            tieBreak[i] = random.nextDouble();
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> sampled[a] != sampled[b] ? Integer.compare(sampled[a], sampled[b])
                : Double.compare(tieBreak[a], tieBreak[b]));
        int[] counts = new int[m];
        int n = real.size();
        for (int r = 0; r < m; r++) {
            counts[order[r]] = real.get((int) Math.min(n - 1, (long) ((r + 0.5) * n / m)));
        }
        return counts;
    }

    private static int[] wholeCounts(Drawn parent, String column) {
        int[] counts = new int[parent.rows()];
        NumericColumn c = (NumericColumn) parent.values().column(column);
        for (int i = 0; i < counts.length; i++) {
            double v = c.get(i);
            counts[i] = Double.isNaN(v) ? 0 : (int) Math.max(0, Math.round(v));
        }
        return counts;
    }

    /**
     * The rows a child table should get for {@code parentRows} synthetic parent rows: its real rows with a parent
     * times the synthetic-to-real ratio of parent rows, so that totals scale with the database.
     */
    private static long expectedRows(TableModel child, TableModel parent, int parentRows) {
        // The parent's model learned from its kept rows (not its orphans), so that is the real population its
        // synthetic rows stand for: Chinook's orphan customer has no invoice and must not shrink Invoice.
        int realParents = parent.rows() - parent.droppedRows();
        if (realParents <= 0) {
            return 0;
        }
        return Math.round((double) (child.rows() - child.droppedRows()) * parentRows / realParents);
    }

    /**
     * Adds or removes children until the counts add up to {@code target}, in proportion to the counts: a child is
     * added to a parent drawn with its count as weight, or a uniformly chosen child is removed. The sampled counts
     * of a tree model come out a few percent low (its leaves keep quantile sketches, which thin the long upper tail
     * of, e.g., tracks per album), and that shortfall compounds down a chain of tables; scaling in proportion keeps
     * parents with no child childless and the shape of the count distribution, while the total follows the real
     * ratio of children to parents.
     */
    static void calibrate(int[] counts, long target, SplittableRandom random) {
        long sum = Arrays.stream(counts).asLongStream().sum();
        if (sum == target || counts.length == 0) {
            return;
        }
        if (sum < target) {
            boolean any = sum > 0;
            double[] cumulative = new double[counts.length];
            double running = 0;
            for (int i = 0; i < counts.length; i++) {
                running += any ? counts[i] : 1;
                cumulative[i] = running;
            }
            for (long k = sum; k < target; k++) {
                counts[pick(cumulative, random)]++;
            }
            return;
        }
        // Remove (sum - target) children chosen uniformly without replacement: a partial shuffle of child slots.
        int[] slots = shuffledReferences(counts, new SplittableRandom(random.nextLong()));
        for (long k = 0; k < sum - target; k++) {
            counts[slots[(int) k]]--;
        }
    }

    /**
     * Draws the child rows of every parent row: parents are grouped by their context values, each group's rows come
     * from one (conditioned) sample, and rows are then laid out parent by parent.
     */
    private static Drawn drawChildren(TableModel m, Drawn parent, int[] counts, int[] parentOf, long tableSeed) {
        int at = 0;
        for (int j = 0; j < counts.length; j++) {
            for (int k = 0; k < counts[j]; k++) {
                parentOf[at++] = j;
            }
        }
        if (m.model() == null) {
            return new Drawn(parentOf.length, null, 0);
        }
        Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int j = 0; j < counts.length; j++) {
            List<String> key = new ArrayList<>(m.context().size());
            for (String c : m.context()) {
                key.add(((CategoricalColumn) parent.values().column(c)).get(j));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(j);
        }
        List<Table> pieces = new ArrayList<>();
        int[] piece = new int[parentOf.length];
        int[] pieceRow = new int[parentOf.length];
        int[] firstChild = new int[counts.length + 1];
        for (int j = 0; j < counts.length; j++) {
            firstChild[j + 1] = firstChild[j] + counts[j];
        }
        boolean canCondition = !m.context().isEmpty();
        int conditioned = 0;
        int g = 0;
        for (Map.Entry<List<String>, List<Integer>> group : groups.entrySet()) {
            long seed = StreamSeeds.mix(tableSeed, ++g);
            int need = group.getValue().stream().mapToInt(j -> counts[j]).sum();
            if (need == 0) {
                continue;
            }
            SyntheticModel source = m.model();
            if (canCondition) {
                try {
                    source = m.model().given(condition(m.context(), group.getKey()));
                    conditioned += need;
                } catch (ImpossibleConditionException e) {
                    // A context value that had no child in the real data: its rows come unconditioned.
                    source = m.model();
                } catch (DoppelException e) {
                    // This synthesizer cannot condition: the whole table is drawn unconditioned.
                    canCondition = false;
                }
            }
            Table rows = Sampler.sampleTable(source, need, seed, 1);
            int p = pieces.size();
            pieces.add(rows);
            int r = 0;
            for (int j : group.getValue()) {
                for (int k = firstChild[j]; k < firstChild[j + 1]; k++) {
                    piece[k] = p;
                    pieceRow[k] = r++;
                }
            }
        }
        return new Drawn(parentOf.length, concatenate(m.model(), pieces, piece, pieceRow), conditioned);
    }

    private static Condition condition(List<String> context, List<String> values) {
        List<ColumnCondition> parts = new ArrayList<>();
        for (int i = 0; i < context.size(); i++) {
            Set<String> allowed = new LinkedHashSet<>();
            allowed.add(values.get(i));
            parts.add(new ColumnCondition.OneOf(TableModel.CONTEXT_PREFIX + context.get(i), allowed));
        }
        return new Condition(parts);
    }

    /** Row {@code i} of the result is row {@code pieceRow[i]} of {@code pieces[piece[i]]}. */
    private static Table concatenate(SyntheticModel model, List<Table> pieces, int[] piece, int[] pieceRow) {
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < model.metadata().columns().size(); c++) {
            String name = model.metadata().columns().get(c).name();
            if (model.metadata().columns().get(c).isNumeric()) {
                double[] v = new double[piece.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = ((NumericColumn) pieces.get(piece[i]).column(c)).get(pieceRow[i]);
                }
                columns.add(new NumericColumn(name, v));
            } else {
                Map<String, Integer> index = new HashMap<>();
                List<String> dictionary = new ArrayList<>();
                int[] codes = new int[piece.length];
                for (int i = 0; i < codes.length; i++) {
                    String v = ((CategoricalColumn) pieces.get(piece[i]).column(c)).get(pieceRow[i]);
                    codes[i] = v == null ? CategoricalColumn.NULL : index.computeIfAbsent(v, k -> {
                        dictionary.add(k);
                        return dictionary.size() - 1;
                    });
                }
                columns.add(new CategoricalColumn(name, codes, dictionary));
            }
        }
        return new Table(columns);
    }

    private SyntheticTable format(TableSchema t, TableModel m, Drawn d, int[] parentOf, Map<String, Drawn> drawn,
            Map<String, SyntheticTable> formatted, long tableSeed) {
        int n = d.rows();
        int width = m.columns().size();
        List<String[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new String[width]);
        }
        if (d.values() != null) {
            RowFormatter formatter = new RowFormatter(m.model().metadata());
            List<String> modelColumns = m.model().metadata().columnNames();
            int[] position = new int[modelColumns.size()];
            for (int c = 0; c < position.length; c++) {
                position[c] = m.columns().indexOf(modelColumns.get(c));
            }
            String[] cells = new String[modelColumns.size()];
            for (int i = 0; i < n; i++) {
                formatter.format(d.values(), i, cells);
                for (int c = 0; c < cells.length; c++) {
                    if (position[c] >= 0) {
                        rows.get(i)[position[c]] = cells[c];
                    }
                }
            }
        }
        if (t.primaryKey() != null) {
            int c = m.columns().indexOf(t.primaryKey());
            for (int i = 0; i < n; i++) {
                rows.get(i)[c] = Integer.toString(i + 1);
            }
        }
        int k = 0;
        for (ForeignKey fk : t.foreignKeys()) {
            int c = m.columns().indexOf(fk.column());
            SplittableRandom random = new SplittableRandom(StreamSeeds.mix(tableSeed, 1_000_000L + k++));
            if (fk.column().equals(m.countKey())) {
                for (int i = 0; i < n; i++) {
                    rows.get(i)[c] = Integer.toString(parentOf[i] + 1);
                }
            } else if (fk.parentTable().equals(t.name())) {
                double missing = m.nullShares().get(fk.column());
                for (int i = 1; i < n; i++) {
                    if (random.nextDouble() >= missing) {
                        rows.get(i)[c] = Integer.toString(random.nextInt(i) + 1);
                    }
                }
            } else {
                Drawn parent = drawn.get(fk.parentTable());
                String count = TableModel.countColumn(t.name(), fk.column());
                if (isPairKey(t, m, fk) && parent.rows() > 0 && m.nullShares().get(fk.column()) == 0) {
                    dealDistinct(parentOf, parent.countsOf(count), rows, c, random);
                    continue;
                }
                int[] dealt = shuffledReferences(parent.countsOf(count), random);
                double[] cumulative = cumulativeWeights(parent, count);
                double missing = m.nullShares().get(fk.column());
                int next = 0;
                for (int i = 0; i < n && parent.rows() > 0; i++) {
                    if (random.nextDouble() >= missing) {
                        // Each parent row is dealt as many references as its sampled count says, so the number of
                        // rows per parent follows the learned counts; when the deck runs out, draw by weight.
                        int row = next < dealt.length ? dealt[next++] : pick(cumulative, random);
                        rows.get(i)[c] = Integer.toString(row + 1);
                    }
                }
            }
        }
        if (!m.inherited().isEmpty()) {
            SyntheticTable parent = formatted.get(parentOf(t, m.countKey()));
            for (String column : m.columns()) {
                String from = m.inherited().get(column);
                if (from != null) {
                    int c = m.columns().indexOf(column);
                    int pc = parent.columns().indexOf(from);
                    for (int i = 0; i < n; i++) {
                        rows.get(i)[c] = parent.rows().get(parentOf[i])[pc];
                    }
                }
            }
        }
        boundLengths(t, m, rows);
        if (!t.compositeKey().isEmpty()) {
            rows = uniqueCompositeKeys(t, m, rows, drawn, new SplittableRandom(StreamSeeds.mix(tableSeed, 3_000_000L)));
        }
        return new SyntheticTable(t.name(), m.columns(), rows, m.nullMarker(), m.delimiter(), d.conditioned());
    }

    /** True when {@code t}'s composite key is exactly its count key and {@code fk} (a link table's pair). */
    private static boolean isPairKey(TableSchema t, TableModel m, ForeignKey fk) {
        return t.compositeKey().size() == 2 && t.compositeKey().contains(m.countKey())
                && t.compositeKey().contains(fk.column()) && !fk.parentTable().equals(t.name());
    }

    /**
     * Deals the second key of a link table (PlaylistTrack's PlaylistId) so that the rows of one count parent (a
     * track) get distinct partners, each partner row as often as its count says. Dealt from one shuffled deck, a
     * track with three rows would often draw the same big playlist twice, and moving the repeat elsewhere afterwards
     * inflated the small playlists (Chinook: KS 0.28 of tracks per playlist). Count parents with the most rows go
     * first, as they are the hardest to place; each draws its partners one by one without replacement, weighted by
     * the partners' remaining counts (a Fenwick tree of the weights: O(log partners) per row). When no partner with
     * room is left, the largest partner not yet taken is overfilled; a parent with more rows than there are partners
     * gets repeats, which {@link #uniqueCompositeKeys} leaves out.
     */
    private static void dealDistinct(int[] parentOf, int[] remaining, List<String[]> rows, int column,
            SplittableRandom random) {
        List<int[]> groups = new ArrayList<>();
        for (int i = 0; i < parentOf.length; ) {
            int j = i;
            while (j < parentOf.length && parentOf[j] == parentOf[i]) {
                j++;
            }
            groups.add(new int[] {i, j, random.nextInt()});
            i = j;
        }
        groups.sort((a, b) -> a[1] - a[0] != b[1] - b[0] ? Integer.compare(b[1] - b[0], a[1] - a[0])
                : Integer.compare(a[2], b[2]));
        int partners = remaining.length;
        int[] capacity = remaining.clone();
        WeightTree weights = new WeightTree(remaining);
        boolean[] taken = new boolean[partners];
        List<Integer> chosen = new ArrayList<>();
        for (int[] g : groups) {
            chosen.clear();
            for (int row = g[0]; row < g[1]; row++) {
                int p;
                if (weights.total() > 0) {
                    p = weights.find(random.nextLong(weights.total()));
                } else {
                    // No partner with room: overfill the largest one not yet taken, where one more row changes
                    // the count distribution least (a playlist of 3,290 tracks rather than an empty one).
                    p = 0;
                    for (int k = 1; k < partners; k++) {
                        if (taken[p] || !taken[k] && capacity[k] > capacity[p]) {
                            p = k;
                        }
                    }
                }
                if (!taken[p]) {
                    taken[p] = true;
                    chosen.add(p);
                    weights.add(p, -remaining[p]);
                }
                rows.get(row)[column] = Integer.toString(p + 1);
            }
            for (int p : chosen) {
                taken[p] = false;
                remaining[p] = Math.max(0, remaining[p] - 1);
                weights.add(p, remaining[p]);
            }
        }
    }

    /** Non-negative weights with their running sums (a Fenwick tree): change one, or find where a sum falls. */
    private static final class WeightTree {
        private final long[] tree;
        private long total;

        WeightTree(int[] weights) {
            tree = new long[weights.length + 1];
            for (int i = 0; i < weights.length; i++) {
                add(i, weights[i]);
            }
        }

        long total() {
            return total;
        }

        void add(int index, long delta) {
            total += delta;
            for (int i = index + 1; i < tree.length; i += i & -i) {
                tree[i] += delta;
            }
        }

        /** The index whose weight covers {@code u} (0 <= u < total): weights of 0 are never found. */
        int find(long u) {
            int at = 0;
            for (int step = Integer.highestOneBit(tree.length - 1); step > 0; step >>= 1) {
                if (at + step < tree.length && tree[at + step] <= u) {
                    at += step;
                    u -= tree[at];
                }
            }
            return at;
        }
    }

    /** Redraws of a duplicate key's free foreign key value before searching every parent row for a free one. */
    private static final int KEY_REDRAWS = 32;

    /**
     * Makes the composite key unique. Key columns that are no foreign key (a line number beside an order id) are
     * numbered 1, 2, ... within each combination of the key's foreign key values: unique by construction. When the
     * key is all foreign keys (a link table), a row repeating an earlier row's key gets a new value of a foreign key
     * other than the count key and self-references, drawn by the parent rows' sampled counts as before, up to
     * {@value #KEY_REDRAWS} times, then from the first parent row, in a random rotation, that makes the key new;
     * a row for which no parent row does (its count parent has more children than there are partners) is left out.
     */
    private List<String[]> uniqueCompositeKeys(TableSchema t, TableModel m, List<String[]> rows,
            Map<String, Drawn> drawn, SplittableRandom random) {
        List<Integer> keyColumns = t.compositeKey().stream().map(c -> m.columns().indexOf(c)).toList();
        List<Integer> sequence = t.compositeKey().stream().filter(c -> !t.isForeignKey(c))
                .map(c -> m.columns().indexOf(c)).toList();
        if (!sequence.isEmpty()) {
            List<Integer> groupColumns = t.compositeKey().stream().filter(t::isForeignKey)
                    .map(c -> m.columns().indexOf(c)).toList();
            Map<List<String>, Integer> ranks = new HashMap<>();
            for (String[] row : rows) {
                List<String> group = new ArrayList<>(groupColumns.size());
                groupColumns.forEach(c -> group.add(row[c]));
                int rank = ranks.merge(group, 1, Integer::sum);
                sequence.forEach(c -> row[c] = Integer.toString(rank));
            }
            return rows;
        }
        List<ForeignKey> free = t.foreignKeys().stream().filter(f -> t.compositeKey().contains(f.column())
                && !f.column().equals(m.countKey()) && !f.parentTable().equals(t.name())
                && drawn.get(f.parentTable()).rows() > 0).toList();
        List<double[]> weights = free.stream().map(f -> cumulativeWeights(drawn.get(f.parentTable()),
                TableModel.countColumn(t.name(), f.column()))).toList();
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        List<String[]> kept = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            boolean unique = seen.add(key(row, keyColumns));
            for (int attempt = 0; !unique && !free.isEmpty() && attempt < KEY_REDRAWS; attempt++) {
                int f = attempt % free.size();
                row[m.columns().indexOf(free.get(f).column())] = Integer.toString(pick(weights.get(f), random) + 1);
                unique = seen.add(key(row, keyColumns));
            }
            for (int f = 0; !unique && f < free.size(); f++) {
                int column = m.columns().indexOf(free.get(f).column());
                int parents = drawn.get(free.get(f).parentTable()).rows();
                int start = random.nextInt(parents);
                for (int k = 0; k < parents && !unique; k++) {
                    row[column] = Integer.toString((start + k) % parents + 1);
                    unique = seen.add(key(row, keyColumns));
                }
            }
            if (unique) {
                kept.add(row);
            }
        }
        return kept;
    }

    private static List<String> key(String[] row, List<Integer> columns) {
        List<String> key = new ArrayList<>(columns.size());
        columns.forEach(c -> key.add(row[c]));
        return key;
    }

    /** Every parent row index repeated as often as its count says, in a seeded random order. */
    private static int[] shuffledReferences(int[] counts, SplittableRandom random) {
        int[] deck = new int[Arrays.stream(counts).sum()];
        int at = 0;
        for (int j = 0; j < counts.length; j++) {
            for (int k = 0; k < counts[j]; k++) {
                deck[at++] = j;
            }
        }
        for (int i = deck.length - 1; i > 0; i--) {
            int r = random.nextInt(i + 1);
            int swap = deck[i];
            deck[i] = deck[r];
            deck[r] = swap;
        }
        return deck;
    }

    /**
     * Shortens every value of a non-key column longer than the column's declared length ({@code varchar(n)}, see
     * {@link ColumnSchema#maxLength}) to at most n characters, at the last space when there is one in the second half,
     * so that the source's type can be kept by a database sink. Learned values come from the source and fit already;
     * what gets shortened is generated text (fake words, names, addresses) that does not know the bound.
     */
    private static void boundLengths(TableSchema t, TableModel m, List<String[]> rows) {
        for (int c = 0; c < m.columns().size(); c++) {
            String name = m.columns().get(c);
            java.util.OptionalInt bound = t.isKeyColumn(name) ? java.util.OptionalInt.empty()
                    : t.column(name).map(ColumnSchema::maxLength).orElse(java.util.OptionalInt.empty());
            if (bound.isEmpty()) {
                continue;
            }
            for (String[] row : rows) {
                if (row[c] != null) {
                    row[c] = shorten(row[c], bound.getAsInt());
                }
            }
        }
    }

    /** {@code value} cut to at most {@code max} code points, preferably at a space, without trailing spaces. */
    static String shorten(String value, int max) {
        if (value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        String cut = value.substring(0, value.offsetByCodePoints(0, max));
        int space = cut.lastIndexOf(' ');
        if (2 * space >= cut.length() && !Character.isWhitespace(value.codePointAt(cut.length()))) {
            cut = cut.substring(0, space);
        }
        return cut.stripTrailing();
    }

    /** Running sums of the parent rows' sampled reference counts; all zero → every row weighs 1. */
    private static double[] cumulativeWeights(Drawn parent, String column) {
        int[] counts = parent.countsOf(column);
        boolean any = Arrays.stream(counts).anyMatch(x -> x > 0);
        double[] cumulative = new double[counts.length];
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += any ? counts[i] : 1;
            cumulative[i] = sum;
        }
        return cumulative;
    }

    /** The first row whose running sum exceeds a uniform draw below the total: rows of weight 0 are never chosen. */
    private static int pick(double[] cumulative, SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
