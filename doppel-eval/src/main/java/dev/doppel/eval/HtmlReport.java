package dev.doppel.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.doppel.DoppelException;
import dev.doppel.eval.bias.BiasReport;
import dev.doppel.eval.fidelity.ColumnDistribution;
import dev.doppel.eval.fidelity.ColumnPairTrendScore.ColumnPairTrend;
import dev.doppel.eval.fidelity.ColumnShapeScore.ColumnShape;
import dev.doppel.eval.fidelity.CorrelationMatrix;
import dev.doppel.eval.fidelity.FidelityReport;
import dev.doppel.eval.fidelity.HoldoutAccuracy;
import dev.doppel.eval.fidelity.MissingValueRate;
import dev.doppel.eval.privacy.AttributeInference;
import dev.doppel.eval.privacy.DistanceToClosestRecord;
import dev.doppel.eval.privacy.PrivacyReport;
import dev.doppel.eval.utility.ModelScores;
import dev.doppel.eval.utility.UtilityReport;
import dev.doppel.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation as one self-contained HTML file: no scripts, no external resources; every chart is inline SVG.
 * Sections: scorecard, fidelity (column scores, real vs synthetic distribution per column, correlation heat maps for
 * real, synthetic and their difference, pair-trend heat map, missing values, holdout accuracy), detection, privacy
 * (DCR histograms and attack results), utility, bias, provenance (inputs, report provenance, the synthetic data's
 * manifest). Every chart is an {@code <svg class="chart">} element.
 */
public final class HtmlReport {
    static final String REAL = "#3b6fb6";
    static final String SYNTH = "#e07b39";

    final StringBuilder out = new StringBuilder(1 << 16);

    HtmlReport() {
    }

    /** Writes the report for {@code report} to {@code file} (UTF-8). */
    public static void write(EvaluationReport report, Path file) {
        try {
            Files.writeString(file, render(report));
        } catch (IOException e) {
            throw new DoppelException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The HTML text for {@code report}. */
    public static String render(EvaluationReport report) {
        HtmlReport h = new HtmlReport();
        h.document(report);
        return h.out.toString();
    }

    private void document(EvaluationReport r) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Doppel evaluation report</title><style>").append(CSS).append("</style></head><body>\n")
                .append("<h1>Doppel evaluation report</h1>\n<p class=\"sub\">")
                .append(esc(r.inputs().syntheticRows() + " synthetic rows vs " + r.inputs().realRows()
                        + " real training rows" + (r.inputs().holdoutRows() > 0 ? " and " + r.inputs().holdoutRows()
                        + " holdout rows" : "") + "; " + r.inputs().columns().size() + " learned columns"))
                .append("</p>\n");
        scorecard(r);
        fidelity(r.fidelity());
        detection(r);
        if (r.privacy() != null) {
            privacy(r.privacy());
        }
        if (r.utility() != null) {
            utility(r.utility());
        }
        if (r.bias() != null) {
            bias(r.bias());
        }
        provenance(r);
        out.append("</body></html>\n");
    }

    // ---- scorecard ----

    private void scorecard(EvaluationReport r) {
        Map<String, Double> m = r.metrics();
        out.append("<section id=\"scorecard\"><h2>Scorecard</h2><div class=\"cards\">\n");
        card("Quality", m.get("quality"), "SDMetrics quality: mean of column shapes and pair trends", status(
                m.get("quality"), 0.85, 0.7, true));
        card("Column shapes", m.get("quality.column_shapes"), "1 − KS / 1 − TVD per column",
                status(m.get("quality.column_shapes"), 0.85, 0.7, true));
        card("Column pair trends", m.get("quality.column_pair_trends"), "correlation / contingency similarity",
                status(m.get("quality.column_pair_trends"), 0.85, 0.7, true));
        card("Detection", m.get("detection.score"), "1 − 2·max(AUC − 0.5, 0); 1 = indistinguishable",
                status(m.get("detection.score"), 0.7, 0.4, true));
        card("DCR share", m.get("privacy.dcr_share"), "share of synthetic rows nearer to train than holdout; 0.5 ideal",
                status(Math.abs(m.get("privacy.dcr_share") - 0.5), 0.05, 0.15, false));
        card("Exact copies", m.get("privacy.exact_copy_rate"), "holdout's own rate: "
                + num(m.get("privacy.holdout_exact_copy_rate")), status(m.get("privacy.exact_copy_rate")
                - m.get("privacy.holdout_exact_copy_rate"), 0.01, 0.05, false));
        card("Membership AUC", m.get("privacy.mia_auc"), "distance attack; 0.5 ideal",
                status(m.get("privacy.mia_auc") - 0.5, 0.03, 0.1, false));
        card("Utility AUC gap", m.get("utility.auc_gap"), "TRTR − TSTR on the holdout, boosted trees",
                status(m.get("utility.auc_gap"), 0.03, 0.08, false));
        card("Bias amplified", m.get("bias.amplified"), "1 when a group gap grows by > 0.05",
                status(m.get("bias.amplified"), 0.5, 0.5, false));
        out.append("</div></section>\n");
    }

    /** good / warn / bad for a value against two thresholds; higherIsBetter flips the comparison. */
    static String status(double v, double good, double bad, boolean higherIsBetter) {
        if (Double.isNaN(v)) {
            return "na";
        }
        if (higherIsBetter) {
            return v >= good ? "good" : v >= bad ? "warn" : "bad";
        }
        return v <= good ? "good" : v <= bad ? "warn" : "bad";
    }

    void card(String title, double value, String note, String status) {
        out.append("<div class=\"card ").append(status).append("\"><div class=\"k\">").append(esc(title))
                .append("</div><div class=\"v\">").append(Double.isNaN(value) ? "n/a" : num(value))
                .append("</div><div class=\"n\">").append(esc(note)).append("</div></div>\n");
    }

    // ---- fidelity ----

    private void fidelity(FidelityReport f) {
        fidelity(f, "fidelity", "Fidelity");
    }

    /** The fidelity section, under {@code <section id="id">} with heading {@code heading}. */
    void fidelity(FidelityReport f, String id, String heading) {
        out.append("<section id=\"").append(esc(id)).append("\"><h2>").append(esc(heading))
                .append("</h2>\n<p>Quality <b>").append(num(f.quality().overall()))
                .append("</b> = mean of Column Shapes <b>").append(num(f.quality().columnShapes()))
                .append("</b> and Column Pair Trends <b>").append(num(f.quality().columnPairTrends()))
                .append("</b>, as defined by the SDMetrics Quality Report.</p>\n");
        out.append("<h3>Column shapes</h3><table><tr><th>column</th><th>metric</th><th>score</th><th></th></tr>\n");
        for (ColumnShape s : f.quality().shapes()) {
            out.append("<tr><td>").append(esc(s.column())).append("</td><td>").append(esc(s.metric()))
                    .append("</td><td>").append(num(s.score())).append("</td><td>").append(meter(s.score()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n<h3>Distributions, real vs synthetic</h3>")
                .append("<p class=\"legend\"><span style=\"background:").append(REAL).append("\"></span>real ")
                .append("<span style=\"background:").append(SYNTH).append("\"></span>synthetic</p><div class=\"grid\">\n");
        for (ColumnDistribution d : f.distributions()) {
            out.append("<figure>");
            barChart(d.labels(), d.real(), d.synthetic());
            out.append("<figcaption>").append(esc(d.column())).append("</figcaption></figure>\n");
        }
        out.append("</div>\n");
        CorrelationMatrix c = f.correlations();
        if (c.columns().size() >= 2) {
            out.append("<h3>Correlations of numeric columns</h3><div class=\"grid\">\n");
            double[][] real = toArray(c.real());
            double[][] synth = toArray(c.synthetic());
            double[][] diff = new double[real.length][real.length];
            for (int i = 0; i < real.length; i++) {
                for (int j = 0; j < real.length; j++) {
                    diff[i][j] = synth[i][j] - real[i][j];
                }
            }
            heatFigure("real", c.columns(), real, true);
            heatFigure("synthetic", c.columns(), synth, true);
            heatFigure("synthetic − real", c.columns(), diff, true);
            out.append("</div>\n");
        }
        pairTrendHeatMap(f);
        out.append("<h3>Missing values</h3><table><tr><th>column</th><th>real null share</th>")
                .append("<th>synthetic null share</th><th>score</th></tr>\n");
        for (MissingValueRate m : f.missingValues()) {
            out.append("<tr><td>").append(esc(m.column())).append("</td><td>").append(num(m.real()))
                    .append("</td><td>").append(num(m.synthetic())).append("</td><td>").append(num(m.score()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
        HoldoutAccuracy h = f.holdoutAccuracy();
        if (h != null) {
            out.append("<h3>Holdout-referenced accuracy</h3><p>1 − TVD on binned tables; the holdout's own score ")
                    .append("against the training data is the ceiling.</p><table><tr><th></th><th>synthetic vs train")
                    .append("</th><th>holdout vs train (ceiling)</th></tr>\n");
            row3("univariate", h.univariate(), h.ceilingUnivariate());
            row3("bivariate", h.bivariate(), h.ceilingBivariate());
            row3("overall", h.overall(), h.ceiling());
            out.append("</table>\n");
        }
        out.append("</section>\n");
    }

    private void pairTrendHeatMap(FidelityReport f) {
        List<String> names = new ArrayList<>();
        f.quality().shapes().forEach(s -> names.add(s.column()));
        if (names.size() < 2) {
            return;
        }
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            idx.put(names.get(i), i);
        }
        double[][] m = new double[names.size()][names.size()];
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                m[i][j] = i == j ? 1.0 : Double.NaN;
            }
        }
        for (ColumnPairTrend p : f.quality().pairs()) {
            int a = idx.get(p.columnA());
            int b = idx.get(p.columnB());
            m[a][b] = p.score();
            m[b][a] = p.score();
        }
        out.append("<h3>Column pair trend scores</h3><div class=\"grid\">\n");
        heatFigure("pair score: white = 1 (same trend), red = 0.5 or less", names, m, false);
        out.append("</div>\n");
    }

    private void heatFigure(String caption, List<String> names, double[][] values, boolean diverging) {
        out.append("<figure>");
        heatMap(names, values, diverging);
        out.append("<figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
    }

    private void row3(String label, double a, double b) {
        out.append("<tr><td>").append(label).append("</td><td>").append(num(a)).append("</td><td>").append(num(b))
                .append("</td></tr>\n");
    }

    // ---- detection ----

    private void detection(EvaluationReport r) {
        if (r.detection() == null) {
            return;
        }
        out.append("<section id=\"detection\"><h2>Detection</h2><p>Gradient-boosted trees trying to tell ")
                .append(r.detection().rowsPerClass()).append(" real from as many synthetic rows, ")
                .append(r.detection().folds()).append("-fold cross-validated: AUC <b>").append(num(r.detection().auc()))
                .append("</b>, score 1 − 2·max(AUC − 0.5, 0) = <b>").append(num(r.detection().score()))
                .append("</b>.</p></section>\n");
    }

    // ---- privacy ----

    private void privacy(PrivacyReport p) {
        DistanceToClosestRecord d = p.dcr();
        out.append("<section id=\"privacy\"><h2>Privacy</h2>\n<h3>Distance to closest record</h3>")
                .append("<p class=\"legend\"><span style=\"background:").append(SYNTH)
                .append("\"></span>synthetic → train <span style=\"background:").append(REAL)
                .append("\"></span>holdout → train</p><div class=\"grid\"><figure>");
        List<String> labels = new ArrayList<>();
        for (int k = 0; k + 1 < d.histogramEdges().size(); k++) {
            labels.add(String.format(Locale.ROOT, "%.3f", d.histogramEdges().get(k)));
        }
        barChart(labels, d.holdoutToTrain().histogram(), d.syntheticToTrain().histogram(), 720);
        out.append("<figcaption>share of rows per distance bin</figcaption></figure></div>\n<table>")
                .append("<tr><th></th><th>synthetic → train</th><th>holdout → train</th></tr>\n");
        row3("median DCR", d.syntheticToTrain().median(), d.holdoutToTrain().median());
        row3("5th percentile DCR", d.syntheticToTrain().p5(), d.holdoutToTrain().p5());
        row3("mean DCR", d.syntheticToTrain().mean(), d.holdoutToTrain().mean());
        row3("exact-copy rate", d.exactCopyRate(), d.holdoutExactCopyRate());
        row3("median NNDR", d.nndrSynthetic(), d.nndrHoldout());
        out.append("</table>\n<p>DCR share <b>").append(num(d.dcrShare())).append("</b> (0.5 ideal); ")
                .append("membership-inference AUC <b>").append(num(p.membershipInferenceAuc()))
                .append("</b> (0.5 ideal).</p>\n");
        if (!p.attributeInference().isEmpty()) {
            out.append("<h3>Attribute inference</h3><table><tr><th>secret</th><th>attack accuracy</th>")
                    .append("<th>control accuracy</th><th>random-guess accuracy</th><th>risk (95 % interval)</th></tr>\n");
            for (AttributeInference a : p.attributeInference()) {
                out.append("<tr><td>").append(esc(a.secret())).append("</td><td>").append(num(a.attackAccuracy()))
                        .append("</td><td>").append(num(a.controlAccuracy())).append("</td><td>")
                        .append(num(a.baselineAccuracy())).append("</td><td>").append(num(a.risk())).append(" (")
                        .append(num(a.riskLow())).append("–").append(num(a.riskHigh())).append(")</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("<h3>Singling out</h3><p>").append(p.singlingOut().queries())
                .append(" univariate predicates: success on training rows <b>")
                .append(num(p.singlingOut().attackRate())).append("</b>, on holdout rows <b>")
                .append(num(p.singlingOut().controlRate())).append("</b>, risk <b>").append(num(p.singlingOut().risk()))
                .append("</b> (95 % interval ").append(num(p.singlingOut().riskLow())).append("–")
                .append(num(p.singlingOut().riskHigh())).append(").</p></section>\n");
    }

    // ---- utility ----

    private void utility(UtilityReport u) {
        out.append("<section id=\"utility\"><h2>Utility</h2><p>Target <b>").append(esc(u.target())).append("</b>")
                .append(u.regression() ? " (regression)" : " (positive class <b>" + esc(u.positiveClass()) + "</b>)")
                .append(": each model trained on real data (TRTR) and on synthetic data (TSTR), tested on ")
                .append(u.holdoutRows()).append(" holdout rows.</p><table><tr><th>model</th><th>trained on</th>");
        List<String> cols = u.regression() ? List.of("R²", "RMSE") : List.of("AUC", "F1", "accuracy");
        cols.forEach(c -> out.append("<th>").append(c).append("</th>"));
        out.append("<th>importance agreement</th></tr>\n");
        for (UtilityReport.ModelComparison m : u.models()) {
            utilityRow(m.model(), "real", m.real(), u.regression(), num(m.importanceAgreement()));
            utilityRow("", "synthetic", m.synthetic(), u.regression(), "");
            utilityRow("", "gap", m.gap(), u.regression(), "");
        }
        out.append("</table></section>\n");
    }

    private void utilityRow(String model, String on, ModelScores s, boolean regression, String agreement) {
        out.append("<tr><td>").append(esc(model)).append("</td><td>").append(on).append("</td>");
        double[] v = regression ? new double[] {s.r2(), s.rmse()} : new double[] {s.auc(), s.f1(), s.accuracy()};
        for (double x : v) {
            out.append("<td>").append(num(x)).append("</td>");
        }
        out.append("<td>").append(agreement).append("</td></tr>\n");
    }

    // ---- bias ----

    private void bias(BiasReport b) {
        out.append("<section id=\"bias\"><h2>Bias</h2><p>Positive class <b>").append(esc(b.positiveClass()))
                .append("</b> of <b>").append(esc(b.target())).append("</b>. Demographic parity difference: ")
                .append("max − min positive rate over groups; equal opportunity difference: max − min true-positive ")
                .append("rate on the holdout.</p>\n");
        for (BiasReport.AttributeBias a : b.attributes()) {
            out.append("<h3>").append(esc(a.attribute())).append(a.amplified()
                    ? " <span class=\"flag\">bias amplified</span>" : "").append("</h3>")
                    .append("<p>demographic parity difference real <b>").append(num(a.demographicParityReal()))
                    .append("</b>, synthetic <b>").append(num(a.demographicParitySynthetic()))
                    .append("</b>; equal opportunity difference real-trained <b>")
                    .append(num(a.equalOpportunityRealModel())).append("</b>, synthetic-trained <b>")
                    .append(num(a.equalOpportunitySyntheticModel())).append("</b></p>")
                    .append("<table><tr><th>group</th><th>real share</th><th>synthetic share</th>")
                    .append("<th>real positive rate</th><th>synthetic positive rate</th><th>TPR real-trained</th>")
                    .append("<th>TPR synthetic-trained</th><th>holdout positives</th></tr>\n");
            for (BiasReport.Group g : a.groups()) {
                out.append("<tr><td>").append(esc(g.group())).append("</td><td>").append(num(g.realShare()))
                        .append("</td><td>").append(num(g.syntheticShare())).append("</td><td>")
                        .append(num(g.realPositiveRate())).append("</td><td>").append(num(g.syntheticPositiveRate()))
                        .append("</td><td>").append(num(g.realModelTpr())).append("</td><td>")
                        .append(num(g.syntheticModelTpr())).append("</td><td>").append(g.holdoutPositives())
                        .append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("</section>\n");
    }

    // ---- provenance ----

    private void provenance(EvaluationReport r) {
        EvaluationReport.Inputs in = r.inputs();
        out.append("<section id=\"provenance\"><h2>Provenance</h2><table>\n");
        kv("Doppel version", r.provenance().doppelVersion());
        kv("report created", r.provenance().createdAt());
        kv("evaluation time", r.provenance().elapsedMillis() + " ms");
        kv("seed", String.valueOf(in.seed()));
        kv("threads", String.valueOf(in.threads()));
        kv("columns compared", String.join(", ", in.columns()));
        kv("columns not compared (ID, PII, TEXT)", in.excludedColumns().isEmpty() ? "none"
                : String.join(", ", in.excludedColumns()));
        kv("target", in.target() == null ? "none" : in.target());
        kv("sensitive attributes", in.sensitive().isEmpty() ? "none" : String.join(", ", in.sensitive()));
        out.append("</table>\n<h3>Synthetic data manifest</h3>");
        if (r.provenance().manifest() == null) {
            out.append("<p>No manifest was given.</p>");
        } else {
            try {
                out.append("<pre>").append(esc(Json.newMapper().writeValueAsString(r.provenance().manifest())))
                        .append("</pre>");
            } catch (JsonProcessingException e) {
                out.append("<p>The manifest could not be shown: ").append(esc(e.getMessage())).append("</p>");
            }
        }
        out.append("</section>\n");
    }

    void kv(String k, String v) {
        out.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    // ---- charts ----

    /** Grouped bars: series a (real colour) and b (synthetic colour) per label. */
    void barChart(List<String> labels, List<Double> a, List<Double> b) {
        barChart(labels, a, b, 360);
    }

    void barChart(List<String> labels, List<Double> a, List<Double> b, int w) {
        int n = labels.size();
        int h = 200;
        int left = 36;
        int bottom = 60;
        int top = 8;
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.max(val(a.get(i)), val(b.get(i))));
        }
        max = max > 0 ? max : 1;
        double slot = (double) (w - left - 4) / Math.max(1, n);
        double plotH = h - bottom - top;
        out.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ')
                .append(h).append("\" width=\"").append(w).append("\" height=\"").append(h).append("\" role=\"img\">");
        out.append("<line x1=\"").append(left).append("\" y1=\"").append(top + plotH).append("\" x2=\"").append(w - 4)
                .append("\" y2=\"").append(top + plotH).append("\" stroke=\"#888\"/>");
        out.append("<text x=\"").append(left - 4).append("\" y=\"").append(top + 8).append("\" class=\"ax\" ")
                .append("text-anchor=\"end\">").append(String.format(Locale.ROOT, "%.2f", max)).append("</text>");
        for (int i = 0; i < n; i++) {
            double x0 = left + i * slot;
            double bw = Math.max(1, slot * 0.4);
            bar(x0 + slot * 0.1, bw, val(a.get(i)) / max * plotH, top + plotH, REAL, labels.get(i), a.get(i));
            bar(x0 + slot * 0.1 + bw, bw, val(b.get(i)) / max * plotH, top + plotH, SYNTH, labels.get(i), b.get(i));
            if (n <= 24) {
                double tx = x0 + slot / 2;
                double ty = top + plotH + 6;
                out.append("<text class=\"ax\" transform=\"translate(").append(f1(tx)).append(',').append(f1(ty))
                        .append(") rotate(50)\">").append(esc(shorten(labels.get(i)))).append("</text>");
            }
        }
        out.append("</svg>");
    }

    private void bar(double x, double w, double height, double base, String colour, String label, double value) {
        out.append("<rect x=\"").append(f1(x)).append("\" y=\"").append(f1(base - height)).append("\" width=\"")
                .append(f1(w)).append("\" height=\"").append(f1(height)).append("\" fill=\"").append(colour)
                .append("\"><title>").append(esc(label)).append(": ").append(num(value)).append("</title></rect>");
    }

    /**
     * A square heat map; diverging maps [-1, 1] blue–white–red, otherwise a score where 1 is white and 0.5 or less
     * full red: pair scores of usable data lie between 0.8 and 1, so a [0, 1] scale would paint them all alike.
     */
    private void heatMap(List<String> names, double[][] v, boolean diverging) {
        int n = names.size();
        int cell = Math.max(14, Math.min(36, 320 / n));
        int left = 110;
        int top = 6;
        int w = left + n * cell + 6;
        int h = top + n * cell + 110;
        out.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ')
                .append(h).append("\" width=\"").append(w).append("\" height=\"").append(h).append("\" role=\"img\">");
        for (int i = 0; i < n; i++) {
            out.append("<text class=\"ax\" x=\"").append(left - 4).append("\" y=\"").append(top + i * cell + cell / 2 + 4)
                    .append("\" text-anchor=\"end\">").append(esc(shorten(names.get(i)))).append("</text>");
            double tx = left + i * cell + cell / 2.0;
            double ty = top + n * cell + 6;
            out.append("<text class=\"ax\" transform=\"translate(").append(f1(tx)).append(',').append(f1(ty))
                    .append(") rotate(60)\">").append(esc(shorten(names.get(i)))).append("</text>");
            for (int j = 0; j < n; j++) {
                double x = v[i][j];
                out.append("<rect x=\"").append(left + j * cell).append("\" y=\"").append(top + i * cell)
                        .append("\" width=\"").append(cell).append("\" height=\"").append(cell).append("\" fill=\"")
                        .append(colour(x, diverging)).append("\" stroke=\"#fff\"><title>").append(esc(names.get(i)))
                        .append(" × ").append(esc(names.get(j))).append(": ").append(num(x)).append("</title></rect>");
            }
        }
        out.append("</svg>");
    }

    private static String colour(double x, boolean diverging) {
        if (Double.isNaN(x)) {
            return "#dddddd";
        }
        if (diverging) {
            // positive towards red, negative towards blue, 0 white
            double t = Math.max(-1, Math.min(1, x));
            int fade = (int) Math.round(255 * (1 - Math.abs(t)));
            return t >= 0 ? String.format(Locale.ROOT, "#ff%02x%02x", fade, fade)
                    : String.format(Locale.ROOT, "#%02x%02xff", fade, fade);
        }
        int fade = (int) Math.round(255 * Math.max(0, Math.min(1, (x - 0.5) / 0.5)));
        return String.format(Locale.ROOT, "#ff%02x%02x", fade, fade);
    }

    static String meter(double score) {
        double w = Double.isNaN(score) ? 0 : Math.max(0, Math.min(1, score)) * 100;
        return "<svg class=\"meter\" xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"10\">"
                + "<rect width=\"100\" height=\"10\" fill=\"#eee\"/><rect width=\"" + f1(w)
                + "\" height=\"10\" fill=\"#4a9d5b\"/></svg>";
    }

    private static double[][] toArray(List<List<Double>> rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = rows.get(i).stream().mapToDouble(Double::doubleValue).toArray();
        }
        return out;
    }

    private static double val(Double d) {
        return d == null || d.isNaN() ? 0 : d;
    }

    private static String shorten(String s) {
        return s.length() > 16 ? s.substring(0, 15) + "…" : s;
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%.1f" : "%.4f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1200px;\
            color:#222;padding:0 16px}
            h1{margin-bottom:2px}h2{border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:32px}
            .sub{color:#666;margin-top:0}
            .cards{display:flex;flex-wrap:wrap;gap:10px}
            .card{border-radius:8px;padding:10px 14px;width:190px;border:1px solid #ddd;border-left-width:6px}
            .card .k{font-weight:600}.card .v{font-size:26px}.card .n{font-size:12px;color:#555}
            .good{border-left-color:#4a9d5b}.warn{border-left-color:#e0b030}.bad{border-left-color:#c94040}\
            .na{border-left-color:#bbb}
            table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}
            th{background:#f5f5f5}
            .grid{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0}figcaption{text-align:center;font-weight:600}
            .ax{font-size:9px;fill:#444}
            .legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 10px;vertical-align:middle}
            .flag{background:#c94040;color:#fff;border-radius:4px;padding:1px 6px;font-size:12px}
            pre{background:#f7f7f7;padding:10px;overflow:auto;max-height:400px}
            """;
}
