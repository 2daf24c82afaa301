package dev.doppel.synth.constraint;

import dev.doppel.DoppelException;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sampling that honours a table's constraints, around an inner model (or a conditioned view of one) in model space.
 * A block is
 * the inner model's block mapped back to real columns; rows still breaking a row-level constraint (possible only for
 * constraints no transform could take, or through rounding) are replaced by rows of redraws from sub-seeds that
 * depend only on (seed, block), at most {@value #MAX_DRAWS} times the block's rows in all, after which sampling fails
 * rather than emit a breaking row. Uniqueness across the output is a {@link StreamFilter} applied by the Sampler in block order.
 * {@link ConstrainedModel} is the stored form; this is what samples.
 */
final class ConstrainedView implements StreamFilteredModel {
    /** Rows drawn per block row before giving up: below 5 % of rows satisfying the constraints, sampling fails. */
    static final int MAX_DRAWS = 20;

    private final ConstraintPlan plan;
    private final SyntheticModel inner;

    ConstrainedView(ConstraintPlan plan, SyntheticModel inner) {
        this.plan = plan;
        this.inner = inner;
    }

    /** The model sampled in model space, for inspection and tests. */
    SyntheticModel inner() {
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
        return new ConstrainedView(plan, inner.given(condition));
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
}
