/**
 * Statistical similarity, defined as SDMetrics' Quality Report (column shapes, column pair trends), plus missing-value
 * rates and holdout-referenced accuracy. Only learned columns take part; ID, PII and TEXT columns are excluded.
 */
package dev.doppel.eval.fidelity;
