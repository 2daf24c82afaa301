package dev.doppel.synth.copula;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The distribution of one numeric column's non-null values: a distribution function for goodness of fit and its
 * inverse for sampling. Implementations are immutable.
 */
sealed interface NumericMarginal
        permits TruncatedNormalMarginal, BetaMarginal, GammaMarginal, UniformMarginal, EmpiricalMarginal {
    /** The name written as {@code kind} in the model's parameters. */
    String kind();

    /** P(X ≤ x). */
    double cdf(double x);

    /** The value at probability {@code u} in [0, 1]. */
    double quantile(double u);

    /** Writes the parameters (besides {@code kind}) into {@code node}. */
    void writeTo(ObjectNode node);
}
