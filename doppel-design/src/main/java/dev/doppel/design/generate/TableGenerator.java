package dev.doppel.design.generate;

import dev.doppel.DoppelException;
import dev.doppel.design.spec.ColumnSource;
import dev.doppel.design.spec.ColumnSpec;
import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.Scenario;
import dev.doppel.design.spec.TableSpec;
import dev.doppel.design.spec.ValueKind;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.copula.NormalDistributionFunctions;
import dev.doppel.synth.fake.PiiValues;
import dev.doppel.table.CategoricalColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes the rows of one table block by block: block {@code b} holds rows {@code [b × 8192, ...)} and is a pure
 * function of (spec, seed, b), so blocks can be made on any thread in any order. Immutable and thread-safe.
 *
 * <p>Within a block, columns are made in dependency order (a condition's column and an expression's inputs first).
 * Each column is drawn, then nulled at its rate, then overwritten in rows its scenario sets, so columns that depend
 * on it see the final value.
 */
public final class TableGenerator {
    private static final double U_MIN = 0x1.0p-53;

    private final TableSpec spec;
    private final TablePlan plan;
    private final long seed;
    private final List<ColumnSpec> columns;
    private final Maker[] makers;
    private final int[] order;
    private final int[][] correlated;
    private final double[][][] factors;
    private final ScenarioRows scenarioRows;
    private final ParentConditions parentConditions;
    private final Object[][] overrides;

    /** How one column's values are made. */
    private sealed interface Maker {
    }

    private record Drawn(Quantiles base, int given, Map<String, Quantiles> cases) implements Maker { }

    private record Sequence(ColumnSource.Sequence sequence) implements Maker { }

    /** Default (US-English) values, or with {@code localized} those of the column's locale. */
    private record Pii(PiiValues values, dev.doppel.synth.fake.LocalizedPii localized) implements Maker { }

    /** {@code perParent}: the reference follows the plan's parent offsets; otherwise a uniform parent row. */
    private record Reference(ColumnSource.Sequence key, long parentRows, boolean perParent) implements Maker { }

    private record Derived(RowExpressions.Compiled expression) implements Maker { }

    /** A column of the table's learned model, sampled once per block for all its columns. */
    private record Learned(int index, dev.doppel.transform.ValueFormatter formatter) implements Maker { }

    /** The parent's k-th event time for its k-th child row. */
    private record EventTime(dev.doppel.design.process.EventProcess process, long processSeed,
            java.time.Instant from, java.time.Instant to) implements Maker { }

    public TableGenerator(DesignSpec design, TableSpec spec, Map<String, TablePlan> plans, long seed,
            RowExpressions expressions) {
        this.spec = spec;
        this.plan = plans.get(spec.name());
        this.seed = seed;
        this.columns = spec.columns();
        List<String> names = columns.stream().map(ColumnSpec::name).toList();
        List<ValueKind> kinds = columns.stream().map(ColumnSpec::kind).toList();
        int n = columns.size();
        makers = new Maker[n];
        for (int c = 0; c < n; c++) {
            makers[c] = maker(design, spec, columns.get(c), plans, names, kinds, expressions);
        }
        overrides = new Object[spec.scenarios().size()][n];
        for (int s = 0; s < overrides.length; s++) {
            for (Map.Entry<String, Scenario.Override> e : spec.scenarios().get(s).set().entrySet()) {
                int c = spec.indexOf(e.getKey());
                Scenario.Override o = e.getValue();
                if (o instanceof Scenario.Override.Value v) {
                    overrides[s][c] = v;
                } else if (o instanceof Scenario.Override.Drawn d) {
                    overrides[s][c] = Quantiles.of(d.distribution());
                } else {
                    overrides[s][c] = expressions.compile(((Scenario.Override.Computed) o).expression(), names, kinds);
                }
            }
        }
        scenarioRows = new ScenarioRows(spec, seed, plan.index(), plan.rows());
        parentConditions = spec.model() == null ? null
                : ParentConditions.of(design, spec, plans, seed, expressions);
        correlated = new int[spec.correlations().size()][];
        factors = new double[correlated.length][][];
        for (int g = 0; g < correlated.length; g++) {
            TableSpec.Correlation corr = spec.correlations().get(g);
            correlated[g] = corr.columns().stream().mapToInt(spec::indexOf).toArray();
            factors[g] = TableSpec.Correlation.lowerFactor(corr.matrix());
        }
        order = dependencyOrder();
    }

    private Maker maker(DesignSpec design, TableSpec table, ColumnSpec column, Map<String, TablePlan> plans,
            List<String> names, List<ValueKind> kinds, RowExpressions expressions) {
        ColumnSource source = column.source();
        if (source instanceof ColumnSource.Drawn d) {
            Map<String, Quantiles> cases = new HashMap<>();
            d.cases().forEach((k, v) -> cases.put(k, Quantiles.of(v)));
            return new Drawn(Quantiles.of(d.distribution()), d.givenColumn() == null ? -1
                    : table.indexOf(d.givenColumn()), cases);
        }
        if (source instanceof ColumnSource.Sequence s) {
            return new Sequence(s);
        }
        if (source instanceof ColumnSource.Pii p) {
            return new Pii(new PiiValues(p.kind(), 0),
                    p.locale() == null ? null : new dev.doppel.synth.fake.LocalizedPii(p.kind(), p.locale()));
        }
        if (source instanceof ColumnSource.Learned l) {
            var meta = table.model().metadata().columns().get(l.index());
            return new Learned(l.index(), meta.isNumeric() ? dev.doppel.transform.ValueFormatter.forColumn(meta) : null);
        }
        if (source instanceof ColumnSource.EventTime) {
            TableSpec.RowCount.Events events = ((TableSpec.RowCount.PerParent) table.rows()).events();
            return new EventTime(new dev.doppel.design.process.EventProcess(events.profile()),
                    Streams.seed(seed, plans.get(table.name()).index(), Streams.PROCESS, 0, 0),
                    events.from().toInstant(java.time.ZoneOffset.UTC), events.to().toInstant(java.time.ZoneOffset.UTC));
        }
        if (source instanceof ColumnSource.Reference r) {
            TableSpec parent = design.table(r.table());
            var key = (ColumnSource.Sequence) parent.columns().get(parent.indexOf(r.column())).source();
            boolean perParent = table.rows() instanceof TableSpec.RowCount.PerParent per
                    && per.referenceColumn().equals(column.name());
            return new Reference(key, plans.get(r.table()).rows(), perParent);
        }
        return new Derived(expressions.compile(((ColumnSource.Derived) source).expression(), names, kinds));
    }

    /** Columns after the columns they read: condition columns, expression inputs, scenario expression inputs. */
    private int[] dependencyOrder() {
        int n = columns.size();
        List<Set<Integer>> reads = new ArrayList<>();
        for (int column = 0; column < n; column++) {
            final int c = column;
            Set<Integer> r = new LinkedHashSet<>();
            if (makers[c] instanceof Drawn d && d.given() >= 0) {
                r.add(d.given());
            }
            if (makers[c] instanceof Derived d) {
                Arrays.stream(d.expression().reads()).forEach(r::add);
            }
            for (Object[] scenario : overrides) {
                if (scenario[c] instanceof RowExpressions.Compiled e) {
                    Arrays.stream(e.reads()).filter(x -> x != c).forEach(r::add);
                }
            }
            reads.add(r);
        }
        List<Integer> out = new ArrayList<>();
        int[] state = new int[n];
        for (int c = 0; c < n; c++) {
            visit(c, reads, state, out);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void visit(int c, List<Set<Integer>> reads, int[] state, List<Integer> out) {
        if (state[c] == 2) {
            return;
        }
        if (state[c] == 1) {
            throw new DoppelException("table " + spec.name() + ": column " + columns.get(c).name()
                    + " depends on itself through a scenario's expression");
        }
        state[c] = 1;
        for (int d : reads.get(c)) {
            visit(d, reads, state, out);
        }
        state[c] = 2;
        out.add(c);
    }

    public TableSpec spec() {
        return spec;
    }

    public long rows() {
        return plan.rows();
    }

    /** Number of blocks in the table. */
    public long blocks() {
        return (plan.rows() + SyntheticModel.BLOCK_ROWS - 1) / SyntheticModel.BLOCK_ROWS;
    }

    /** The header: the columns, then the label column if any. */
    public List<String> header() {
        List<String> h = new ArrayList<>(columns.stream().map(ColumnSpec::name).toList());
        if (spec.label() != null) {
            h.add(spec.label());
        }
        return h;
    }

    /** Rows of block {@code b} as text (null for a missing value), in header order. */
    public String[][] block(long b) {
        Values v = values(b, true);
        int width = columns.size();
        String[][] rows = new String[v.rows][width + (spec.label() == null ? 0 : 1)];
        for (int c = 0; c < width; c++) {
            ColumnSpec column = columns.get(c);
            for (int i = 0; i < v.rows; i++) {
                rows[i][c] = column.kind() == ValueKind.STRING ? v.texts[c][i]
                        : CellText.of(v.numbers[c][i], column.kind(), column.decimals());
            }
        }
        if (spec.label() != null) {
            for (int i = 0; i < v.rows; i++) {
                rows[i][width] = label(v.scenarioOf[i]);
            }
        }
        return rows;
    }

    /**
     * Block {@code b} as CSV text (comma, empty field for a missing value, quoting as
     * {@link dev.doppel.io.CsvRowWriter#appendRow}) in UTF-8, so formatting and encoding run on the block's thread.
     * The same text as {@link #block} written by {@code CsvRowWriter}, without a string per value.
     */
    public EncodedBlock encodedBlock(long b) {
        Values v = values(b, true);
        int width = columns.size();
        StringBuilder sb = new StringBuilder(v.rows * 12 * (width + 1));
        for (int i = 0; i < v.rows; i++) {
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                ColumnSpec column = columns.get(c);
                if (column.kind() == ValueKind.STRING) {
                    dev.doppel.io.CsvRowWriter.appendField(sb, v.texts[c][i], ',', "");
                } else {
                    // Numbers, booleans and dates never contain a comma, a quote or a line break, nor are empty.
                    CellText.append(sb, v.numbers[c][i], column.kind(), column.decimals());
                }
            }
            if (spec.label() != null) {
                sb.append(',');
                dev.doppel.io.CsvRowWriter.appendField(sb, label(v.scenarioOf[i]), ',', "");
            }
            sb.append('\n');
        }
        return new EncodedBlock(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), v.rows);
    }

    private String label(int scenario) {
        return scenario < 0 ? null : spec.scenarios().get(scenario).name();
    }

    /** A block's values: numbers (NaN: null) or texts per column, and each row's scenario (-1: none). */
    private record Values(int rows, double[][] numbers, String[][] texts, int[] scenarioOf) { }

    /** The final values of one row: per column a number (NaN: null) or a text. */
    private record Row(double[] numbers, String[] texts) { }

    /**
     * The values of block {@code b}. With {@code carriedRun}, the rows of a burst that began in an earlier block copy
     * that burst's first row, which is made by computing its block without its own carried run: the first row of a
     * burst is never inside another burst, and no value of a row depends on another row's values, so this does not
     * recurse further.
     */
    private Values values(long b, boolean carriedRun) {
        long first = b * SyntheticModel.BLOCK_ROWS;
        int n = (int) Math.min(SyntheticModel.BLOCK_ROWS, plan.rows() - first);
        int width = columns.size();
        double[][] numbers = new double[width][];
        String[][] texts = new String[width][];
        ScenarioRows.Block scenarioRows = scenarios(b, first, n);
        int[] scenarioOf = scenarioRows.scenarioOf();
        ScenarioRows.Run carried = plan.carriedRun(b);
        Row carriedStart = carriedRun && carried != null ? row(carried.start()) : null;
        double[][] latent = correlatedUniforms(b, n);
        // The model's own block contract: its block b for a seed derived from ours, all its columns at once.
        ParentConditions.Rows learned = parentConditions == null ? null
                : parentConditions.sample(b, n, parentsOfLearned(b, first, n, scenarioRows));
        for (int c : order) {
            if (makers[c] instanceof Learned l) {
                fillLearned(l, columns.get(c), learned, n, c, numbers, texts);
                applyNulls(c, b, n, numbers, texts);
                applyScenarios(c, b, n, scenarioOf, numbers, texts);
                roundToWritten(c, n, numbers);
                continue;
            }
            if (columns.get(c).kind() == ValueKind.STRING) {
                texts[c] = new String[n];
            } else {
                numbers[c] = new double[n];
            }
            make(c, b, first, n, numbers, texts, latent);
            applyNulls(c, b, n, numbers, texts);
            // Drawn and computed scenario values are rounded like drawn ones, so readers see the written value.
            applyScenarios(c, b, n, scenarioOf, numbers, texts);
            roundToWritten(c, n, numbers);
            applyBursts(c, first, n, scenarioRows, numbers, texts, carriedStart);
        }
        return new Values(n, numbers, texts, scenarioOf);
    }

    /** The final values of table row {@code row}, computed with its block. */
    private Row row(long row) {
        long b = row / SyntheticModel.BLOCK_ROWS;
        int i = (int) (row - b * SyntheticModel.BLOCK_ROWS);
        Values v = values(b, false);
        double[] numbers = new double[columns.size()];
        String[] texts = new String[columns.size()];
        for (int c = 0; c < numbers.length; c++) {
            numbers[c] = v.numbers()[c] == null ? Double.NaN : v.numbers()[c][i];
            texts[c] = v.texts()[c] == null ? null : v.texts()[c][i];
        }
        return new Row(numbers, texts);
    }

    /** Per reference that conditions the learned columns, each row's final parent row (-1 for a null reference). */
    private long[][] parentsOfLearned(long b, long first, int n, ScenarioRows.Block scenarioRows) {
        int[] references = parentConditions.references();
        long[][] out = new long[references.length][];
        for (int g = 0; g < references.length; g++) {
            int c = references[g];
            long[] parents = parentRows(c, b, first, n);
            // The same steps as the written column: nulls, then the later rows of a burst take its first row's.
            for (int i = 0; i < n; i++) {
                long start = scenarioRows.runStart()[i];
                if (start >= first) {
                    parents[i] = parents[(int) (start - first)];
                } else if (start >= 0) {
                    long sb = start / SyntheticModel.BLOCK_ROWS;
                    long sf = sb * SyntheticModel.BLOCK_ROWS;
                    parents[i] = parentRows(c, sb, sf, (int) Math.min(SyntheticModel.BLOCK_ROWS, plan.rows() - sf))
                            [(int) (start - sf)];
                }
            }
            out[g] = parents;
        }
        return out;
    }

    /** The parent rows reference column {@code c} points to in block {@code b}, after its null rate (-1). */
    private long[] parentRows(int c, long b, long first, int n) {
        Reference r = (Reference) makers[c];
        long[] out = new long[n];
        SplittableRandom parents = Streams.random(seed, plan.index(), Streams.REFERENCE, c, b);
        for (int i = 0; i < n; i++) {
            out[i] = r.perParent() ? plan.parentOf(first + i) : parents.nextLong(r.parentRows());
        }
        boolean[] nulls = nullMask(c, b, n);
        for (int i = 0; nulls != null && i < n; i++) {
            if (nulls[i]) {
                out[i] = -1;
            }
        }
        return out;
    }

    /** A block's rows encoded as CSV. */
    public record EncodedBlock(byte[] utf8, int rows) { }

    /** The scenario of each row, or -1: counted scenarios first (in spec order), then rates partitioning [0, 1). */
    private ScenarioRows.Block scenarios(long b, long first, int n) {
        ScenarioRows.Block rows = scenarioRows.block(b, plan.carriedRun(b));
        int[] of = rows.scenarioOf();
        long[] burstStart = rows.runStart();
        for (int s = plan.countedRows().length - 1; s >= 0; s--) {
            long[] counted = plan.countedRows()[s];
            if (counted == null) {
                continue;
            }
            int at = Arrays.binarySearch(counted, first);
            for (int k = at >= 0 ? at : -at - 1; k < counted.length && counted[k] < first + n; k++) {
                of[(int) (counted[k] - first)] = s;
                burstStart[(int) (counted[k] - first)] = -1;
            }
        }
        return rows;
    }

    /** Numbers keep the decimals they are written with, so columns computed from them agree with the file. */
    private void roundToWritten(int c, int n, double[][] numbers) {
        ColumnSpec column = columns.get(c);
        if (column.kind() != ValueKind.NUMBER) {
            return;
        }
        double[] v = numbers[c];
        for (int i = 0; i < n; i++) {
            v[i] = CellText.rounded(v[i], column.decimals());
        }
    }

    private static void fillLearned(Learned l, ColumnSpec column, ParentConditions.Rows learned, int n, int c,
            double[][] numbers, String[][] texts) {
        int[] sampleOf = learned.sampleOf();
        int[] rowOf = learned.rowOf();
        dev.doppel.table.Column[] sources = new dev.doppel.table.Column[learned.samples().length];
        for (int k = 0; k < sources.length; k++) {
            sources[k] = learned.samples()[k].column(l.index());
        }
        if (column.kind() == ValueKind.NUMBER) {
            double[] num = new double[n];
            for (int i = 0; i < n; i++) {
                dev.doppel.table.Column source = sources[sampleOf[i]];
                num[i] = source.isNull(rowOf[i]) ? Double.NaN
                        : ((dev.doppel.table.NumericColumn) source).get(rowOf[i]);
            }
            numbers[c] = num;
            return;
        }
        String[] text = new String[n];
        for (int i = 0; i < n; i++) {
            dev.doppel.table.Column source = sources[sampleOf[i]];
            int r = rowOf[i];
            if (!source.isNull(r)) {
                text[i] = source instanceof dev.doppel.table.NumericColumn x ? l.formatter().format(x.get(r))
                        : ((CategoricalColumn) source).get(r);
            }
        }
        texts[c] = text;
    }

    /**
     * The later rows of a burst take the first row's references, and their times follow the first row's by gaps of
     * 1 to {@code maxGapSeconds} s drawn from the burst's own stream (keyed by its first row), so a block can place
     * the rows of a burst that began in an earlier block ({@code carriedStart}, null when not needed).
     */
    private void applyBursts(int c, long first, int n, ScenarioRows.Block rows, double[][] numbers,
            String[][] texts, Row carriedStart) {
        boolean reference = makers[c] instanceof Reference;
        long gapsOf = -1;
        SplittableRandom gaps = null;
        long at = 0;
        double time = 0;
        for (int i = 0; i < n; i++) {
            long start = rows.runStart()[i];
            if (start < 0 || start < first && carriedStart == null) {
                continue;
            }
            Scenario.Burst burst = spec.scenarios().get(rows.scenarioOf()[i]).burst();
            int s = (int) (start - first);
            if (reference) {
                if (texts[c] != null) {
                    texts[c][i] = s >= 0 ? texts[c][s] : carriedStart.texts()[c];
                } else {
                    numbers[c][i] = s >= 0 ? numbers[c][s] : carriedStart.numbers()[c];
                }
            } else if (burst.column().equals(columns.get(c).name())) {
                if (start != gapsOf) {
                    gapsOf = start;
                    gaps = Streams.random(seed, plan.index(), Streams.BURST_GAPS, c, start);
                    at = start;
                    time = s >= 0 ? numbers[c][s] : carriedStart.numbers()[c];
                }
                // Rows a counted scenario took out of the burst still advance its clock.
                for (; at < first + i; at++) {
                    time += 1 + Math.floor(gaps.nextDouble() * burst.maxGapSeconds());
                }
                numbers[c][i] = time;
            }
        }
    }

    /** Per correlation group and member, the copula's uniform numbers for the block's rows. */
    private double[][] correlatedUniforms(long b, int n) {
        double[][] out = new double[columns.size()][];
        for (int g = 0; g < correlated.length; g++) {
            int k = correlated[g].length;
            double[][] l = factors[g];
            SplittableRandom random = Streams.random(seed, plan.index(), Streams.CORRELATION, g, b);
            for (int j = 0; j < k; j++) {
                out[correlated[g][j]] = new double[n];
            }
            double[] e = new double[k];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    e[j] = NormalDistributionFunctions.quantile(Quantiles.uniform(random));
                }
                for (int j = 0; j < k; j++) {
                    double z = 0;
                    for (int m = 0; m <= j; m++) {
                        z += l[j][m] * e[m];
                    }
                    double u = NormalDistributionFunctions.cdf(z);
                    out[correlated[g][j]][i] = Math.min(Math.max(u, U_MIN), 1 - U_MIN);
                }
            }
        }
        return out;
    }

    private void make(int c, long b, long first, int n, double[][] numbers, String[][] texts, double[][] latent) {
        Maker maker = makers[c];
        double[] num = numbers[c];
        String[] text = texts[c];
        SplittableRandom random = Streams.random(seed, plan.index(), Streams.VALUES, c, b);
        if (maker instanceof Drawn d) {
            double[] u = latent[c];
            for (int i = 0; i < n; i++) {
                Quantiles q = d.given() < 0 ? d.base() : d.cases().getOrDefault(keyOf(d.given(), i, numbers, texts),
                        d.base());
                double v = q.at(u != null ? u[i] : Quantiles.uniform(random));
                if (text != null) {
                    text[i] = q.label((int) v);
                } else {
                    num[i] = v;
                }
            }
        } else if (maker instanceof Sequence s) {
            for (int i = 0; i < n; i++) {
                long row = first + i;
                if (text != null) {
                    text[i] = key(s.sequence(), row);
                } else {
                    num[i] = s.sequence().start() + s.sequence().step() * row;
                }
            }
        } else if (maker instanceof Reference r) {
            long[] parentRows = parentRows(c, b, first, n);
            for (int i = 0; i < n; i++) {
                long parent = parentRows[i];
                if (parent < 0) {
                    // A null reference: applyNulls below leaves it null.
                    parent = 0;
                }
                if (text != null) {
                    text[i] = key(r.key(), parent);
                } else {
                    num[i] = r.key().start() + r.key().step() * parent;
                }
            }
        } else if (maker instanceof EventTime e) {
            // Rows of one parent are consecutive: walk each parent's events once, from its first row in the block.
            java.util.Iterator<java.time.Instant> events = null;
            int parent = -1;
            for (int i = 0; i < n; i++) {
                int p = plan.parentOf(first + i);
                if (p != parent) {
                    parent = p;
                    events = e.process().events(e.processSeed(), p, e.from(), e.to());
                    for (long skip = first + i - plan.firstChildRow(p); skip > 0; skip--) {
                        events.next();
                    }
                }
                num[i] = events.next().getEpochSecond();
            }
        } else if (maker instanceof Pii p) {
            CategoricalColumn values = p.localized() != null
                    ? p.localized().sample(columns.get(c).name(), random.nextLong(), first, n)
                    : p.values().sample(columns.get(c).name(), random.nextLong(), first, n);
            for (int i = 0; i < n; i++) {
                text[i] = values.get(i);
            }
        } else {
            RowExpressions.Compiled e = ((Derived) maker).expression();
            for (int i = 0; i < n; i++) {
                store(c, i, e.evaluate(row(e, i, numbers, texts)), num, text);
            }
        }
    }

    private void store(int c, int i, Object value, double[] num, String[] text) {
        if (text != null) {
            text[i] = value == null ? null : value.toString();
        } else {
            num[i] = CellText.unboxed(value, columns.get(c).kind());
        }
    }

    private Object[] row(RowExpressions.Compiled e, int i, double[][] numbers, String[][] texts) {
        Object[] row = new Object[columns.size()];
        for (int r : e.reads()) {
            row[r] = texts[r] != null ? texts[r][i] : CellText.boxed(numbers[r][i], columns.get(r).kind());
        }
        return row;
    }

    /** The text a condition's case is looked up by: the value as it is written out. */
    private String keyOf(int given, int i, double[][] numbers, String[][] texts) {
        if (texts[given] != null) {
            return texts[given][i];
        }
        ColumnSpec g = columns.get(given);
        return CellText.of(numbers[given][i], g.kind(), g.decimals());
    }

    static String key(ColumnSource.Sequence s, long row) {
        long value = s.start() + s.step() * row;
        String format = s.format();
        if (format == null) {
            return Long.toString(value);
        }
        int start = format.indexOf('#');
        int end = start;
        while (end < format.length() && format.charAt(end) == '#') {
            end++;
        }
        String digits = Long.toString(value);
        StringBuilder sb = new StringBuilder(format.length() + 4).append(format, 0, start);
        for (int pad = digits.length(); pad < end - start; pad++) {
            sb.append('0');
        }
        return sb.append(digits).append(format, end, format.length()).toString();
    }

    /** Which rows of block {@code b} column {@code c} leaves empty at its null rate; null for none. */
    private boolean[] nullMask(int c, long b, int n) {
        double rate = columns.get(c).nullRate();
        if (rate <= 0) {
            return null;
        }
        SplittableRandom random = Streams.random(seed, plan.index(), Streams.NULLS, c, b);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble() < rate;
        }
        return out;
    }

    private void applyNulls(int c, long b, int n, double[][] numbers, String[][] texts) {
        boolean[] nulls = nullMask(c, b, n);
        for (int i = 0; nulls != null && i < n; i++) {
            if (nulls[i]) {
                if (texts[c] != null) {
                    texts[c][i] = null;
                } else {
                    numbers[c][i] = Double.NaN;
                }
            }
        }
    }

    private void applyScenarios(int c, long b, int n, int[] scenarioOf, double[][] numbers, String[][] texts) {
        SplittableRandom random = null;
        for (int i = 0; i < n; i++) {
            int s = scenarioOf[i];
            if (s < 0 || overrides[s][c] == null) {
                continue;
            }
            Object o = overrides[s][c];
            if (o instanceof Scenario.Override.Value v) {
                Object value = v.value();
                if (texts[c] != null) {
                    texts[c][i] = (String) value;
                } else {
                    numbers[c][i] = value == null ? Double.NaN : value instanceof Boolean x ? (x ? 1 : 0)
                            : (Double) value;
                }
            } else if (o instanceof Quantiles q) {
                if (random == null) {
                    random = Streams.random(seed, plan.index(), Streams.OVERRIDE, c, b);
                }
                double v = q.draw(random);
                if (texts[c] != null) {
                    texts[c][i] = q.label((int) v);
                } else {
                    numbers[c][i] = v;
                }
            } else {
                RowExpressions.Compiled e = (RowExpressions.Compiled) o;
                store(c, i, e.evaluate(row(e, i, numbers, texts)), numbers[c], texts[c]);
            }
        }
    }
}
