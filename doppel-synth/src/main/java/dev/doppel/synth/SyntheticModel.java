package dev.doppel.synth;

import dev.doppel.DoppelException;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.condition.Condition;
import dev.doppel.table.Table;

/**
 * Something that samples synthetic rows: a {@link FittedModel} or a view of one (conditioned, rebalanced, constrained).
 * Immutable and safe to share between threads.
 *
 * <p>Sampling is defined block by block so that output does not depend on how many threads sample: block {@code b}
 * of the stream for a seed is a pure function of (model, seed, b). {@link Sampler} streams blocks in order.
 */
public interface SyntheticModel {
    /** Rows per block of the synthetic stream; part of the output's definition, so changing it changes outputs. */
    int BLOCK_ROWS = 8192;

    /** The synthesizer that made this model. */
    String synthesizer();

    /** The metadata of the table this model makes (same columns, in order, as the training table). */
    TableMetadata metadata();

    /**
     * Rows {@code [block * BLOCK_ROWS, block * BLOCK_ROWS + rows)} of the synthetic stream for {@code seed}, as a
     * typed table: numerical and datetime columns as {@code NumericColumn}, the rest as {@code CategoricalColumn}.
     *
     * @param rows at most {@link #BLOCK_ROWS}; fewer only for the last block
     */
    Table sampleBlock(long seed, long block, int rows);

    /** Checks the arguments of {@link #sampleBlock}: {@code block >= 0} and {@code rows} in 0..{@link #BLOCK_ROWS}. */
    static void checkBlock(long block, int rows) {
        if (rows < 0 || rows > BLOCK_ROWS) {
            throw new IllegalArgumentException("rows must be 0.." + BLOCK_ROWS + ", not " + rows);
        }
        if (block < 0) {
            throw new IllegalArgumentException("block must not be negative, not " + block);
        }
    }

    /**
     * This model restricted to rows that satisfy {@code condition}: a model of the conditional distribution, sampled
     * exactly (not by rejection), with the same block contract. Synthesizers that cannot condition exactly throw a
     * {@link DoppelException} saying so.
     *
     * @throws dev.doppel.synth.condition.ImpossibleConditionException when the model gives the condition probability 0
     */
    default SyntheticModel given(Condition condition) {
        return unsupportedConditions();
    }

    /**
     * The probability this model gives {@code condition}: the share of its rows expected to satisfy it. Supported by
     * the synthesizers that support {@link #given}.
     */
    default double probability(Condition condition) {
        return this.<Double>unsupportedConditions();
    }

    /** The values a categorical or boolean column takes in this model's rows (null for a missing value). */
    default java.util.List<String> categories(String column) {
        return unsupportedConditions();
    }

    private <T> T unsupportedConditions() {
        throw new DoppelException("the " + synthesizer() + " synthesizer cannot sample conditionally; "
                + "fit the model with --synthesizer bayes-net to use --where, --balance or --boost");
    }
}
