package dev.doppel.synth.constraint;

import dev.doppel.DoppelException;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.Synthesizer;
import dev.doppel.synth.FittedModel;
import dev.doppel.table.Table;
import java.util.Map;
import java.util.Optional;

/**
 * Any synthesizer, made to honour the metadata's constraints: the training table is checked against them, moved into
 * model space (see {@link ColumnTransform}) and learned by the inner synthesizer; the fitted {@link ConstrainedModel}
 * maps samples back and guarantees every constraint. Without constraints it is the inner synthesizer unchanged.
 */
public record ConstrainedSynthesizer(Synthesizer inner) implements Synthesizer {

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Map<String, Object> parameters() {
        return inner.parameters();
    }

    /**
     * Fits the inner synthesizer in model space.
     *
     * @throws DoppelException when a training row breaks a constraint (naming the constraint and the row), or a
     *                         pattern cannot be generated
     */
    @Override
    public FittedModel fit(Table table, TableMetadata metadata, long seed) {
        if (metadata.constraints().isEmpty()) {
            return inner.fit(table, metadata, seed);
        }
        Optional<Violation> violation = firstViolation(table, metadata);
        if (violation.isPresent()) {
            Violation v = violation.get();
            throw new DoppelException("training row " + (v.row() + 1) + " breaks constraints[" + v.constraint()
                    + "] (" + metadata.constraints().get(v.constraint()).describe() + "): " + v.detail());
        }
        ConstraintPlan plan = new ConstraintPlan(metadata, ConstraintPlan.learnCombinations(table, metadata));
        for (RegexValues r : plan.generated()) {
            // Fail at fit, not at the first sample, when the generator cannot follow the pattern.
            r.verify(seed);
        }
        FittedModel model = inner.fit(plan.forward(table), plan.model(), seed);
        return new ConstrainedModel(plan, model);
    }

    /** A training row that breaks a constraint: the constraint's index, the row (0-based) and its values. */
    public record Violation(int constraint, int row, String detail) { }

    /**
     * The first row of a typed {@code table} breaking one of {@code metadata}'s row-level constraints (uniqueness is a
     * rule for the output only), so that callers holding the file can name its line.
     */
    public static Optional<Violation> firstViolation(Table table, TableMetadata metadata) {
        return new RowChecks(metadata, ConstraintPlan.learnCombinations(table, metadata)).firstViolation(table)
                .map(v -> new Violation(v.constraint(), v.row(), v.detail()));
    }
}
