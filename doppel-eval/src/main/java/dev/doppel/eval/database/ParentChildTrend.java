package dev.doppel.eval.database;

/**
 * The trend between a column of the parent table and an aggregate of each parent row's children (their number, or
 * the mean of a numeric child column), real vs synthetic, scored as a column pair trend: 1 − |r_real − r_synth| / 2
 * for two numeric columns (Pearson r), 1 − TVD of the joint frequencies otherwise (numeric values in 10 equal-width
 * bins of the real range).
 *
 * @param parentColumn         the parent's column
 * @param childAggregate       e.g. {@code count(InvoiceLine)} or {@code mean(InvoiceLine.UnitPrice)}
 * @param metric               {@code CorrelationSimilarity} or {@code ContingencySimilarity}
 * @param score                in [0, 1]; NaN when a correlation is undefined (a constant column)
 * @param realCorrelation      Pearson r in the real database; NaN for contingency pairs
 * @param syntheticCorrelation Pearson r in the synthetic database; NaN for contingency pairs
 */
public record ParentChildTrend(String parentColumn, String childAggregate, String metric, double score,
        double realCorrelation, double syntheticCorrelation) {
}
