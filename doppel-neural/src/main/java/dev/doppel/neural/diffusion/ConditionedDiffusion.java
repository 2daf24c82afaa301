package dev.doppel.neural.diffusion;

import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.Condition;
import dev.doppel.table.Table;
import java.util.List;

/**
 * A diffusion model sampling only rows whose categorical coordinates take allowed categories (see
 * {@link DiffusionModel#given}). A view: it samples, and is never stored.
 *
 * @param allowed per categorical coordinate the allowed categories, null when free
 */
record ConditionedDiffusion(DiffusionModel model, boolean[][] allowed) implements SyntheticModel {
    @Override
    public String synthesizer() {
        return model.synthesizer();
    }

    @Override
    public TableMetadata metadata() {
        return model.metadata();
    }

    @Override
    public Table sampleBlock(long seed, long block, int rows) {
        return model.sampleBlock(seed, block, rows, allowed);
    }

    @Override
    public SyntheticModel given(Condition condition) {
        return model.given(condition, allowed);
    }

    /** The probability of {@code condition} among this view's rows: P(condition and this view's) / P(this view's). */
    @Override
    public double probability(Condition condition) {
        return model.mass(model.restrict(condition, allowed), condition) / model.mass(allowed, condition);
    }

    @Override
    public List<String> categories(String column) {
        return model.categories(column);
    }
}
