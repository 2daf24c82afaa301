package dev.doppel.eval;

import static dev.doppel.eval.TestTables.cat;
import static dev.doppel.eval.TestTables.num;
import static dev.doppel.eval.TestTables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.io.Json;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static List<Table> thirds;
    private static TableMetadata adultMd;
    private static EvaluationReport thirdsReport;

    @BeforeAll
    static void evaluateAdultThirds() {
        thirds = TestTables.split(TestTables.adult(), 3, 21);
        adultMd = TestTables.adultMetadata(thirds.get(0));
        thirdsReport = Evaluation.builder().real(thirds.get(0)).synthetic(thirds.get(1)).holdout(thirds.get(2))
                .metadata(adultMd).target("class").sensitive(List.of("sex", "race")).threads(2).seed(1).build().run();
    }

    @Test
    void adultThirdAgainstAnotherThirdScoresLikeRealData() {
        Map<String, Double> m = thirdsReport.metrics();
        System.out.println("Adult thirds metrics (" + thirdsReport.provenance().elapsedMillis() + " ms): " + m);
        // n = 10,854 synthetic rows: DCR share standard error sqrt(.25 / n) ≈ 0.005, so ±0.03 is 6 SE
        assertThat(m.get("privacy.dcr_share")).isCloseTo(0.5, within(0.03));
        // out-of-fold AUC of two samples of one population is 0.5 ± ~0.005; 0.9 allows AUC up to 0.55
        assertThat(m.get("detection.score")).isGreaterThanOrEqualTo(0.9);
        // two samples of 10.8k rows: every KS/TVD is below ~0.02, every contingency TVD below ~0.05
        assertThat(m.get("quality")).isGreaterThan(0.95);
        assertThat(m.get("fidelity.holdout_accuracy")).isCloseTo(m.get("fidelity.holdout_ceiling"), within(0.01));
        assertThat(Math.abs(m.get("utility.auc_gap"))).isLessThan(0.02);
        assertThat(m.get("bias.amplified")).isEqualTo(0.0);
        assertThat(m.keySet()).containsExactlyElementsOf(EvaluationReport.METRIC_NAMES);
        // a classification target: only the regression metrics are undefined
        m.forEach((name, v) -> assertThat(v.isNaN()).as(name).isEqualTo(name.contains("r2") || name.contains("rmse")));
    }

    @Test
    void tableAgainstItselfIsPerfectFidelityAndNoPrivacy() {
        EvaluationReport r = Evaluation.builder().real(thirds.get(0)).synthetic(thirds.get(0)).holdout(thirds.get(2))
                .metadata(adultMd).threads(2).seed(1).build().run();
        Map<String, Double> m = r.metrics();
        assertThat(m.get("quality.column_shapes")).isEqualTo(1.0);
        assertThat(m.get("quality.column_pair_trends")).isEqualTo(1.0);
        assertThat(m.get("privacy.exact_copy_rate")).isEqualTo(1.0);
        // Adult's 24 duplicated rows can put a few exact copies in the holdout too (ties count ½): at most
        // 24 / 10,853 / 2 below 1
        assertThat(m.get("privacy.dcr_share")).isGreaterThan(0.998);
        assertThat(r.utility()).isNull();
    }

    @Test
    void jsonCarriesFormatVersionAndMetrics() throws Exception {
        String json = ReportJson.toJson(thirdsReport);
        JsonNode root = Json.newMapper().readTree(json);
        assertThat(root.get("format").asText()).isEqualTo("doppel-evaluation");
        assertThat(root.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(root.get("metrics").get("privacy.dcr_share").asDouble())
                .isEqualTo(thirdsReport.metrics().get("privacy.dcr_share"));
        assertThat(root.get("fidelity").get("quality").get("shapes")).hasSize(15);
        assertThat(root.get("utility").get("models")).hasSize(2);
        assertThat(root.get("bias").get("attributes")).hasSize(2);
        assertThat(root.get("provenance").get("doppelVersion").asText()).isNotBlank();
        assertThat(json).doesNotContain("NaN");
    }

    @Test
    void htmlReportIsSelfContainedWithCharts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("report.html");
        HtmlReport.write(thirdsReport, file);
        String html = java.nio.file.Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        // no network: no scripts, links or remote sources
        assertThat(html).doesNotContain("<script", "<link", "src=\"http", "href=\"http");
        for (String section : List.of("scorecard", "fidelity", "detection", "privacy", "utility", "bias", "provenance")) {
            assertThat(html).contains("<section id=\"" + section + "\">");
        }
        // 15 distributions + 3 correlation maps + 1 pair map + 1 DCR histogram
        assertThat(html.split("<svg class=\"chart\"", -1).length - 1).isEqualTo(20);
        assertThat(html).contains("No manifest was given.");
        // the HTML-escaped class label appears in the utility section
        assertThat(html).contains("&gt;50K");
        if (System.getProperty("doppel.eval.htmlOut") != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("doppel.eval.htmlOut")), html);
        }
    }

    @Test
    void htmlReportShowsTheManifest() throws Exception {
        JsonNode manifest = Json.newMapper().readTree("{\"synthesizer\":\"gaussian-copula\",\"note\":\"<b>\"}");
        String html = HtmlReport.render(thirdsReport.withManifest(manifest));
        assertThat(html).contains("gaussian-copula").contains("&lt;b&gt;").doesNotContain("\"<b>\"");
    }

    @Test
    void gatesNameEachFailureAndItsValue() {
        List<Gate> gates = Gate.parse("quality>=0.85, utility.auc_gap<=0.03,privacy.dcr_share<=0.4,detection.auc<0.1");
        assertThat(gates).hasSize(4);
        List<Gate.Failure> failures = Gate.evaluate(gates, thirdsReport);
        assertThat(failures).extracting(f -> f.gate().metric()).containsExactly("privacy.dcr_share", "detection.auc");
        assertThat(failures.get(0).message()).startsWith("privacy.dcr_share = 0.").endsWith("fails privacy.dcr_share<=0.4");
        assertThat(failures.get(0).value()).isEqualTo(thirdsReport.metrics().get("privacy.dcr_share"));
    }

    @Test
    void gatesRejectUnknownMetricsAndBadSyntax() {
        assertThatThrownBy(() -> Gate.parse("qualty>=0.8")).isInstanceOf(DoppelException.class)
                .hasMessageContaining("unknown metric 'qualty'").hasMessageContaining("quality.column_shapes");
        assertThatThrownBy(() -> Gate.parse("quality=>0.8")).isInstanceOf(DoppelException.class)
                .hasMessageContaining("cannot read gate 'quality=>0.8'");
        assertThat(Gate.parse(" ")).isEmpty();
    }

    @Test
    void gateOnAMetricNotComputedFails() {
        Table t = table(num("x", 1, 2, 3, 4), cat("c", "a", "b", "a", "b"));
        EvaluationReport r = Evaluation.builder().real(t).synthetic(t).metadata(TestTables.metadataOf(t)).threads(1)
                .build().run();
        assertThat(r.privacy()).isNull();
        // four rows per class, three folds: detection runs
        assertThat(r.detection().score()).isNotNaN();
        assertThat(Gate.evaluate(Gate.parse("privacy.dcr_share<=0.55"), r)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("not computed"));
    }

    @Test
    void privacyResultsDoNotDependOnThreadCount() {
        AlignedTables t = AlignedTables.of(adultMd, thirds.get(0), thirds.get(1), thirds.get(2));
        var one = dev.doppel.eval.privacy.PrivacyReport.of(t,
                new dev.doppel.eval.privacy.PrivacyReport.Options(List.of("sex"), 500, 200, 1, 9));
        var two = dev.doppel.eval.privacy.PrivacyReport.of(t,
                new dev.doppel.eval.privacy.PrivacyReport.Options(List.of("sex"), 500, 200, 2, 9));
        assertThat(two).isEqualTo(one);
    }

    @Test
    void idPiiAndTextColumnsAreExcludedAndBooleanAndDatetimeCompared() {
        Table t = table(cat("id", "1", "2", "3", "4"), cat("email", "a@x", "b@x", "c@x", "d@x"),
                cat("note", "x", "y", "z", "w"), cat("flag", "t", "f", "t", "f"), num("when", 0, 86400, 172800, 3600),
                num("v", 1, 2, 3, 4));
        Table s = table(cat("id", "9", "8", "7", "6"), cat("email", "q@x", "r@x", "s@x", "t@x"),
                cat("note", "p", "q", "r", "s"), cat("flag", "t", "f", "t", "f"), num("when", 0, 86400, 172800, 3600),
                num("v", 1, 2, 3, 4));
        TableMetadata md = new TableMetadata(List.of(
                dev.doppel.metadata.ColumnMetadata.id("id", true, null),
                dev.doppel.metadata.ColumnMetadata.pii("email", dev.doppel.metadata.PiiKind.EMAIL),
                dev.doppel.metadata.ColumnMetadata.text("note"),
                dev.doppel.metadata.ColumnMetadata.bool("flag", "t", "f"),
                dev.doppel.metadata.ColumnMetadata.datetime("when", "yyyy-MM-dd"),
                dev.doppel.metadata.ColumnMetadata.numerical("v", true, null, null, 0)));
        EvaluationReport r = Evaluation.builder().real(t).synthetic(s).holdout(t).metadata(md).threads(1).build().run();
        assertThat(r.inputs().excludedColumns()).containsExactly("id", "email", "note");
        assertThat(r.inputs().columns()).containsExactly("flag", "when", "v");
        // different ids, emails and notes do not count: the learned columns are identical
        assertThat(r.metrics().get("quality")).isEqualTo(1.0);
        assertThat(r.fidelity().quality().shapes()).extracting(c -> c.metric())
                .containsExactly("TVComplement", "KSComplement", "KSComplement");
        assertThat(r.metrics().get("privacy.exact_copy_rate")).isEqualTo(1.0);
    }

    @Test
    void detectionIsSkippedForTablesSmallerThanTheFolds() {
        Table t = table(num("x", 1, 2));
        EvaluationReport r = Evaluation.builder().real(t).synthetic(t).metadata(TestTables.metadataOf(t)).threads(1)
                .build().run();
        assertThat(r.metrics().get("detection.score")).isNaN();
        assertThat(r.metrics().get("quality")).isEqualTo(1.0);
    }

    @Test
    void rejectsMismatchedColumns() {
        Table real = table(num("x", 1, 2), cat("c", "a", "b"));
        Table synth = table(num("x", 1, 2), cat("d", "a", "b"));
        assertThatThrownBy(() -> Evaluation.builder().real(real).synthetic(synth).metadata(TestTables.metadataOf(real))
                .build().run()).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("synthetic table").hasMessageContaining("missing [c]")
                .hasMessageContaining("unexpected [d]");
    }

    @Test
    void rejectsAColumnStoredAsTheWrongType() {
        Table real = table(num("x", 1, 2));
        Table synth = table(cat("x", "1", "2"));
        assertThatThrownBy(() -> Evaluation.builder().real(real).synthetic(synth).metadata(TestTables.metadataOf(real))
                .build().run()).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("synthetic table, column x: expected a numeric column");
    }

    @Test
    void rejectsATargetThatDoesNotExist() {
        Table t = table(num("x", 1, 2), cat("c", "a", "b"));
        assertThatThrownBy(() -> Evaluation.builder().real(t).synthetic(t).holdout(t).metadata(TestTables.metadataOf(t))
                .target("income").build().run()).isInstanceOf(InvalidDataException.class)
                .hasMessage("metadata, column income: expected a target column among [x, c], found no column of that name");
    }

    @Test
    void rejectsAnEmptyTable() {
        Table real = table(num("x", 1, 2));
        Table empty = table(num("x"));
        assertThatThrownBy(() -> Evaluation.builder().real(real).synthetic(empty).metadata(TestTables.metadataOf(real))
                .build().run()).isInstanceOf(InvalidDataException.class)
                .hasMessage("synthetic table: expected at least one row, found an empty table");
    }

    @Test
    void rejectsATargetWithOneClass() {
        Table t = table(num("x", 1, 2, 3), cat("y", "yes", "yes", null));
        assertThatThrownBy(() -> Evaluation.builder().real(t).synthetic(t).holdout(t).metadata(TestTables.metadataOf(t))
                .target("y").build().run()).isInstanceOf(InvalidDataException.class)
                .hasMessage("real table, column y: expected a target with at least two classes, found only the class 'yes'");
    }

    @Test
    void rejectsAnUnknownSensitiveAttribute() {
        Table t = table(num("x", 1, 2, 3), cat("y", "a", "b", "a"));
        assertThatThrownBy(() -> Evaluation.builder().real(t).synthetic(t).holdout(t).metadata(TestTables.metadataOf(t))
                .target("y").sensitive(List.of("gender")).build().run()).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("column gender");
    }
}
