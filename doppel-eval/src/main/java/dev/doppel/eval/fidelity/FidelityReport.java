package dev.doppel.eval.fidelity;

import dev.doppel.eval.AlignedTables;
import java.util.List;

/**
 * How faithful the synthetic table is to the real one. Only learned columns take part (ID, PII and TEXT columns are
 * never learned and never compared).
 *
 * @param quality            SDMetrics Quality Report scores
 * @param missingValues      null share per column, real vs synthetic
 * @param missingValueScore  mean of the per-column missing-value scores
 * @param holdoutAccuracy    holdout-referenced accuracy, null without a holdout
 * @param distributions      per-column frequencies for charts
 * @param correlations       numeric correlation matrices for heat maps
 */
public record FidelityReport(QualityScore quality, List<MissingValueRate> missingValues, double missingValueScore,
                             HoldoutAccuracy holdoutAccuracy, List<ColumnDistribution> distributions,
                             CorrelationMatrix correlations) {

    public FidelityReport {
        missingValues = List.copyOf(missingValues);
        distributions = List.copyOf(distributions);
    }

    public static FidelityReport of(AlignedTables tables) {
        List<MissingValueRate> missing = MissingValueRate.of(tables);
        return new FidelityReport(QualityScore.of(tables), missing,
                QualityScore.nanMean(missing, MissingValueRate::score),
                tables.hasHoldout() ? HoldoutAccuracy.of(tables) : null,
                ColumnDistribution.of(tables), CorrelationMatrix.of(tables));
    }
}
