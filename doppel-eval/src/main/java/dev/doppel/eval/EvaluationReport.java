package dev.doppel.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.eval.bias.BiasReport;
import dev.doppel.eval.fidelity.FidelityReport;
import dev.doppel.eval.privacy.AttributeInference;
import dev.doppel.eval.privacy.PrivacyReport;
import dev.doppel.eval.utility.DetectionScore;
import dev.doppel.eval.utility.UtilityReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an {@link Evaluation} measured. Parts that could not be computed are null: privacy, utility and bias need
 * a holdout; utility needs a target; bias a classification target and sensitive attributes.
 *
 * @param inputs     what was evaluated and how
 * @param fidelity   statistical similarity (SDMetrics Quality Report and more)
 * @param detection  classifier two-sample test
 * @param privacy    distance, membership, attribute and singling-out metrics
 * @param utility    TRTR vs TSTR model scores
 * @param bias       group fairness real vs synthetic
 * @param provenance how and when the report was made, with the synthetic data's manifest
 */
public record EvaluationReport(Inputs inputs, FidelityReport fidelity, DetectionScore detection,
                               PrivacyReport privacy, UtilityReport utility, BiasReport bias,
                               ReportProvenance provenance) {

    /**
     * The names of the flat {@linkplain #metrics() metrics}, which gates and the JSON {@code metrics} object use.
     * Every name is defined in docs/EVALUATION.md.
     */
    public static final List<String> METRIC_NAMES = List.of(
            "quality", "quality.column_shapes", "quality.column_pair_trends",
            "fidelity.missing_values", "fidelity.holdout_accuracy", "fidelity.holdout_ceiling",
            "detection.auc", "detection.score",
            "privacy.dcr_share", "privacy.dcr_median", "privacy.dcr_p5", "privacy.holdout_dcr_median",
            "privacy.holdout_dcr_p5", "privacy.exact_copy_rate", "privacy.holdout_exact_copy_rate",
            "privacy.nndr", "privacy.holdout_nndr", "privacy.mia_auc", "privacy.attribute_inference_risk",
            "privacy.singling_out_risk",
            "utility.auc_real", "utility.auc_synthetic", "utility.auc_gap", "utility.f1_gap",
            "utility.accuracy_gap", "utility.r2_gap", "utility.rmse_gap", "utility.importance_agreement",
            "utility.logistic_auc_gap", "utility.logistic_f1_gap", "utility.logistic_accuracy_gap",
            "utility.logistic_r2_gap", "utility.logistic_rmse_gap",
            "bias.demographic_parity_increase", "bias.equal_opportunity_increase", "bias.amplified");

    /**
     * What was evaluated.
     *
     * @param realRows        rows of the real training table
     * @param syntheticRows   rows of the synthetic table
     * @param holdoutRows     rows of the holdout table, 0 without one
     * @param columns         learned columns compared
     * @param excludedColumns ID, PII and TEXT columns, never compared
     * @param target          target column, or null
     * @param sensitive       sensitive attributes
     * @param seed            seed of every random choice
     * @param threads         threads used
     */
    public record Inputs(int realRows, int syntheticRows, int holdoutRows, List<String> columns,
                         List<String> excludedColumns, String target, List<String> sensitive, long seed, int threads) {
        public Inputs {
            columns = List.copyOf(columns);
            excludedColumns = List.copyOf(excludedColumns);
            sensitive = List.copyOf(sensitive);
        }
    }

    /**
     * How the report was made.
     *
     * @param doppelVersion   Doppel version
     * @param createdAt       ISO-8601 instant
     * @param elapsedMillis   wall time of the evaluation
     * @param manifest        the synthetic data's manifest (its own provenance), or null
     */
    public record ReportProvenance(String doppelVersion, String createdAt, long elapsedMillis, JsonNode manifest) {
    }

    /** This report with {@code manifest} as the synthetic data's manifest in its provenance. */
    public EvaluationReport withManifest(JsonNode manifest) {
        return new EvaluationReport(inputs, fidelity, detection, privacy, utility, bias, new ReportProvenance(
                provenance.doppelVersion(), provenance.createdAt(), provenance.elapsedMillis(), manifest));
    }

    /**
     * The headline numbers under their {@link #METRIC_NAMES}, in that order; NaN where a metric was not computed.
     * "utility.*" without "logistic" refer to the gradient-boosted model; "privacy.attribute_inference_risk" is the
     * highest risk over the sensitive columns; "bias.*_increase" the largest synthetic-minus-real difference over the
     * sensitive attributes and "bias.amplified" 1 when any attribute is flagged, else 0.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        METRIC_NAMES.forEach(n -> m.put(n, Double.NaN));
        m.put("quality", fidelity.quality().overall());
        m.put("quality.column_shapes", fidelity.quality().columnShapes());
        m.put("quality.column_pair_trends", fidelity.quality().columnPairTrends());
        m.put("fidelity.missing_values", fidelity.missingValueScore());
        if (fidelity.holdoutAccuracy() != null) {
            m.put("fidelity.holdout_accuracy", fidelity.holdoutAccuracy().overall());
            m.put("fidelity.holdout_ceiling", fidelity.holdoutAccuracy().ceiling());
        }
        if (detection != null) {
            m.put("detection.auc", detection.auc());
            m.put("detection.score", detection.score());
        }
        if (privacy != null) {
            m.put("privacy.dcr_share", privacy.dcr().dcrShare());
            m.put("privacy.dcr_median", privacy.dcr().syntheticToTrain().median());
            m.put("privacy.dcr_p5", privacy.dcr().syntheticToTrain().p5());
            m.put("privacy.holdout_dcr_median", privacy.dcr().holdoutToTrain().median());
            m.put("privacy.holdout_dcr_p5", privacy.dcr().holdoutToTrain().p5());
            m.put("privacy.exact_copy_rate", privacy.dcr().exactCopyRate());
            m.put("privacy.holdout_exact_copy_rate", privacy.dcr().holdoutExactCopyRate());
            m.put("privacy.nndr", privacy.dcr().nndrSynthetic());
            m.put("privacy.holdout_nndr", privacy.dcr().nndrHoldout());
            m.put("privacy.mia_auc", privacy.membershipInferenceAuc());
            m.put("privacy.attribute_inference_risk", privacy.attributeInference().stream()
                    .mapToDouble(AttributeInference::risk).max().orElse(Double.NaN));
            m.put("privacy.singling_out_risk", privacy.singlingOut().risk());
        }
        if (utility != null) {
            for (UtilityReport.ModelComparison c : utility.models()) {
                String p = c.model().equals("gradient_boosting") ? "utility." : "utility.logistic_";
                if (p.equals("utility.")) {
                    m.put("utility.auc_real", c.real().auc());
                    m.put("utility.auc_synthetic", c.synthetic().auc());
                    m.put("utility.importance_agreement", c.importanceAgreement());
                }
                m.put(p + "auc_gap", c.gap().auc());
                m.put(p + "f1_gap", c.gap().f1());
                m.put(p + "accuracy_gap", c.gap().accuracy());
                m.put(p + "r2_gap", c.gap().r2());
                m.put(p + "rmse_gap", c.gap().rmse());
            }
        }
        if (bias != null) {
            m.put("bias.demographic_parity_increase", bias.attributes().stream()
                    .mapToDouble(a -> a.demographicParitySynthetic() - a.demographicParityReal())
                    .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN));
            m.put("bias.equal_opportunity_increase", bias.attributes().stream()
                    .mapToDouble(a -> a.equalOpportunitySyntheticModel() - a.equalOpportunityRealModel())
                    .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN));
            m.put("bias.amplified", bias.attributes().stream().anyMatch(BiasReport.AttributeBias::amplified) ? 1.0
                    : 0.0);
        }
        return m;
    }
}
