/**
 * Measures a synthetic table against the real one: {@link dev.doppel.eval.Evaluation} runs every metric into an
 * immutable {@link dev.doppel.eval.EvaluationReport}, which {@link dev.doppel.eval.ReportJson} writes as versioned JSON,
 * {@link dev.doppel.eval.HtmlReport} as a self-contained page, and {@link dev.doppel.eval.Gate} checks in CI.
 * Definitions of every metric: docs/EVALUATION.md.
 */
package dev.doppel.eval;
