package dev.doppel.synth.condition;

import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exactly {@code counts[k]} rows from each of several conditioned models, shuffled together: the rows of a rebalanced
 * sample. Row {@code i} of the {@code total} rows comes from component k when a seeded permutation sends it into
 * component k's share of positions; each block then draws its rows of component k from that component's own block
 * stream, so block b stays a pure function of (seed, b).
 */
public final class ConditionMixture implements SyntheticModel {
    private final SyntheticModel base;
    private final List<SyntheticModel> components;
    private final long[] upperBounds;
    private final long total;

    /**
     * @param base       the unconditioned model (for its metadata and name)
     * @param components the conditioned models
     * @param counts     rows wanted from each component
     */
    public ConditionMixture(SyntheticModel base, List<SyntheticModel> components, long[] counts) {
        if (components.size() != counts.length || components.isEmpty()) {
            throw new IllegalArgumentException("one count per component, at least one component");
        }
        if (base instanceof dev.doppel.synth.StreamFilteredModel filtered && filtered.newStreamFilter().isPresent()) {
            // Filtering drops rows across the whole stream, which would break the exact counts per component.
            throw new dev.doppel.DoppelException("--balance and --boost cannot be combined with a uniqueness "
                    + "constraint; sample without rebalancing, or drop the constraint");
        }
        this.base = base;
        this.components = List.copyOf(components);
        this.upperBounds = new long[counts.length];
        long sum = 0;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] < 0) {
                throw new IllegalArgumentException("counts must not be negative");
            }
            sum += counts[k];
            upperBounds[k] = sum;
        }
        this.total = sum;
    }

    /** The number of rows this mixture defines. */
    public long rows() {
        return total;
    }

    @Override
    public String synthesizer() {
        return base.synthesizer();
    }

    @Override
    public TableMetadata metadata() {
        return base.metadata();
    }

    @Override
    public Table sampleBlock(long seed, long block, int rows) {
        long first = block * BLOCK_ROWS;
        if (rows < 0 || rows > BLOCK_ROWS || first + rows > total) {
            throw new IllegalArgumentException("rows " + first + ".." + (first + rows) + " outside the mixture's "
                    + total + " rows");
        }
        RowPermutation permutation = new RowPermutation(Math.max(1, total), seed);
        int[] componentOf = new int[rows];
        int[] perComponent = new int[components.size()];
        for (int i = 0; i < rows; i++) {
            long position = permutation.apply(first + i);
            int k = 0;
            while (position >= upperBounds[k]) {
                k++;
            }
            componentOf[i] = k;
            perComponent[k]++;
        }
        Table[] drawn = new Table[components.size()];
        for (int k = 0; k < drawn.length; k++) {
            if (perComponent[k] > 0) {
                drawn[k] = components.get(k).sampleBlock(StreamSeeds.mix(seed, 1 + k), block, perComponent[k]);
            }
        }
        return interleave(drawn, componentOf);
    }

    /** Row i of the result is the next unused row of table {@code componentOf[i]}. */
    static Table interleave(Table[] tables, int[] componentOf) {
        Table template = null;
        for (Table t : tables) {
            if (t != null) {
                template = t;
                break;
            }
        }
        if (template == null) {
            throw new IllegalArgumentException("no rows to interleave");
        }
        int rows = componentOf.length;
        List<Column> out = new ArrayList<>();
        for (int c = 0; c < template.columnCount(); c++) {
            int[] next = new int[tables.length];
            if (template.column(c) instanceof NumericColumn) {
                double[] values = new double[rows];
                for (int i = 0; i < rows; i++) {
                    int k = componentOf[i];
                    values[i] = ((NumericColumn) tables[k].column(c)).get(next[k]++);
                }
                out.add(new NumericColumn(template.column(c).name(), values));
            } else {
                Map<String, Integer> dictionary = new LinkedHashMap<>();
                int[][] recode = new int[tables.length][];
                for (int k = 0; k < tables.length; k++) {
                    if (tables[k] == null) {
                        continue;
                    }
                    List<String> dict = ((CategoricalColumn) tables[k].column(c)).dictionary();
                    recode[k] = new int[dict.size()];
                    for (int j = 0; j < dict.size(); j++) {
                        recode[k][j] = dictionary.computeIfAbsent(dict.get(j), v -> dictionary.size());
                    }
                }
                int[] codes = new int[rows];
                for (int i = 0; i < rows; i++) {
                    int k = componentOf[i];
                    int code = ((CategoricalColumn) tables[k].column(c)).code(next[k]++);
                    codes[i] = code == CategoricalColumn.NULL ? CategoricalColumn.NULL : recode[k][code];
                }
                out.add(new CategoricalColumn(template.column(c).name(), codes, new ArrayList<>(dictionary.keySet())));
            }
        }
        return new Table(out);
    }

}
