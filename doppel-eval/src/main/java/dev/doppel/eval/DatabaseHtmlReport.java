package dev.doppel.eval;

import static dev.doppel.eval.HtmlReport.esc;
import static dev.doppel.eval.HtmlReport.num;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.doppel.eval.DatabaseEvaluationReport.ForeignKeyResult;
import dev.doppel.eval.DatabaseEvaluationReport.TableResult;
import dev.doppel.eval.database.ChildCountDistribution;
import dev.doppel.eval.database.ParentChildTrend;
import dev.doppel.io.AtomicOutput;
import dev.doppel.io.Json;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link DatabaseEvaluationReport} as one self-contained HTML file (no scripts, no external resources, inline SVG
 * charts as in {@link HtmlReport}): database scorecard, a cross-table section (per foreign key: integrity, the
 * child-count histogram real vs synthetic, parent–child trends), one section per table with its single-table
 * fidelity, and provenance.
 */
public final class DatabaseHtmlReport {
    private final HtmlReport page = new HtmlReport();

    private DatabaseHtmlReport() {
    }

    /** Writes the report to {@code file} (UTF-8) through a temporary file. */
    public static void write(DatabaseEvaluationReport report, Path file) {
        AtomicOutput.writeString(file, render(report));
    }

    /** The HTML text for {@code report}. */
    public static String render(DatabaseEvaluationReport report) {
        DatabaseHtmlReport h = new DatabaseHtmlReport();
        h.document(report);
        return h.page.out.toString();
    }

    private void document(DatabaseEvaluationReport r) {
        StringBuilder out = page.out;
        int realRows = r.tables().stream().mapToInt(TableResult::realRows).sum();
        int synthRows = r.tables().stream().mapToInt(TableResult::syntheticRows).sum();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Doppel database evaluation report</title><style>").append(HtmlReport.CSS)
                .append("</style></head><body>\n<h1>Doppel database evaluation report</h1>\n<p class=\"sub\">")
                .append(esc(r.tables().size() + " tables, " + r.foreignKeys().size() + " foreign keys; "
                        + synthRows + " synthetic rows vs " + realRows + " real rows"))
                .append("</p>\n");
        scorecard(r);
        crossTable(r);
        out.append("<section id=\"tables\"><h2>Tables</h2><table><tr><th>table</th><th>real rows</th>")
                .append("<th>synthetic rows</th><th>column shapes</th><th>pair trends</th><th>exact copies</th>")
                .append("<th>real duplicates</th></tr>\n");
        for (TableResult t : r.tables()) {
            out.append("<tr><td>").append(t.fidelity() == null ? esc(t.name())
                    : "<a href=\"#" + esc(tableId(t)) + "\">" + esc(t.name()) + "</a>").append("</td><td>")
                    .append(t.realRows()).append("</td><td>").append(t.syntheticRows()).append("</td><td>")
                    .append(t.fidelity() == null ? "n/a" : num(t.fidelity().quality().columnShapes()))
                    .append("</td><td>")
                    .append(t.fidelity() == null ? "n/a" : num(t.fidelity().quality().columnPairTrends()))
                    .append("</td><td>").append(num(t.exactCopyRate())).append("</td><td>")
                    .append(num(t.realDuplicateRate())).append("</td></tr>\n");
        }
        out.append("</table><p>Tables without a learned column (only keys, names or free text) are counted but not "
                + "compared.</p></section>\n");
        for (TableResult t : r.tables()) {
            if (t.fidelity() != null) {
                page.fidelity(t.fidelity(), tableId(t), "Table " + t.name());
            }
        }
        provenance(r);
        out.append("</body></html>\n");
    }

    private static String tableId(TableResult t) {
        return "table-" + t.name();
    }

    private void scorecard(DatabaseEvaluationReport r) {
        Map<String, Double> m = r.metrics();
        page.out.append("<section id=\"scorecard\"><h2>Scorecard</h2><div class=\"cards\">\n");
        page.card("Quality", m.get("database.quality"),
                "mean of column shapes, pair trends, child-count shapes and parent–child trends",
                HtmlReport.status(m.get("database.quality"), 0.85, 0.7, true));
        page.card("Integrity", m.get("database.integrity"), "share of foreign key values with a parent row",
                HtmlReport.status(m.get("database.integrity"), 1.0, 0.999, true));
        page.card("Column shapes", m.get("database.column_shapes"), "mean over tables; lowest "
                + num(m.get("database.column_shapes_min")),
                HtmlReport.status(m.get("database.column_shapes"), 0.85, 0.7, true));
        page.card("Column pair trends", m.get("database.column_pair_trends"), "mean over tables",
                HtmlReport.status(m.get("database.column_pair_trends"), 0.85, 0.7, true));
        page.card("Child counts, worst KS", m.get("database.child_count_ks_max"),
                "largest KS of children per parent row", HtmlReport.status(m.get("database.child_count_ks_max"),
                        0.1, 0.2, false));
        page.card("Parent–child trends", m.get("database.parent_child_trends"),
                "parent columns × child count and means", HtmlReport.status(m.get("database.parent_child_trends"),
                        0.85, 0.7, true));
        page.card("Exact copies, worst table", m.get("database.exact_copy_rate_max"),
                "share of synthetic rows equal to a real row", "na");
        page.out.append("</div></section>\n");
    }

    private void crossTable(DatabaseEvaluationReport r) {
        StringBuilder out = page.out;
        out.append("<section id=\"cross-table\"><h2>Across tables</h2>\n<table><tr><th>foreign key</th>")
                .append("<th>parent</th><th>integrity</th><th>dangling</th><th>children per parent, real</th>")
                .append("<th>synthetic</th><th>KS</th><th>KS 5 % critical</th><th>count shape</th><th>parent–child trends</th></tr>\n");
        for (ForeignKeyResult f : r.foreignKeys()) {
            ChildCountDistribution c = f.childCounts();
            out.append("<tr><td>").append(esc(f.name())).append("</td><td>").append(esc(f.parent()))
                    .append("</td><td>").append(num(f.integrity())).append("</td><td>").append(f.danglingValues())
                    .append("</td><td>").append(num(c.realMean())).append("</td><td>").append(num(c.syntheticMean()))
                    .append("</td><td>").append(num(c.ks())).append("</td><td>").append(num(c.ksCritical()))
                    .append("</td><td>").append(num(c.shape()))
                    .append("</td><td>").append(num(f.trendScore())).append("</td></tr>\n");
        }
        out.append("</table>\n<h3>Children per parent row, real vs synthetic</h3><p class=\"legend\">")
                .append("<span style=\"background:").append(HtmlReport.REAL).append("\"></span>real ")
                .append("<span style=\"background:").append(HtmlReport.SYNTH)
                .append("\"></span>synthetic (share of parent rows)</p><div class=\"grid\">\n");
        for (ForeignKeyResult f : r.foreignKeys()) {
            out.append("<figure>");
            page.barChart(f.childCounts().labels(), f.childCounts().real(), f.childCounts().synthetic());
            out.append("<figcaption>").append(esc(f.child() + " per " + f.parent() + " (" + f.column() + ")"))
                    .append("</figcaption></figure>\n");
        }
        out.append("</div>\n<h3>Parent columns and child aggregates</h3><p>Scored like column pair trends: ")
                .append("1 − |r<sub>real</sub> − r<sub>synthetic</sub>| / 2 for numeric pairs, 1 − TVD of the joint ")
                .append("frequencies otherwise.</p>\n");
        for (ForeignKeyResult f : r.foreignKeys()) {
            if (f.trends().isEmpty()) {
                continue;
            }
            out.append("<h4>").append(esc(f.name() + " → " + f.parent())).append("</h4><table><tr>")
                    .append("<th>parent column</th><th>child aggregate</th><th>metric</th><th>real r</th>")
                    .append("<th>synthetic r</th><th>score</th><th></th></tr>\n");
            for (ParentChildTrend t : f.trends()) {
                out.append("<tr><td>").append(esc(t.parentColumn())).append("</td><td>")
                        .append(esc(t.childAggregate())).append("</td><td>").append(esc(t.metric()))
                        .append("</td><td>").append(num(t.realCorrelation())).append("</td><td>")
                        .append(num(t.syntheticCorrelation())).append("</td><td>").append(num(t.score()))
                        .append("</td><td>").append(HtmlReport.meter(t.score())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("</section>\n");
    }

    private void provenance(DatabaseEvaluationReport r) {
        StringBuilder out = page.out;
        out.append("<section id=\"provenance\"><h2>Provenance</h2><table>\n");
        page.kv("Doppel version", r.provenance().doppelVersion());
        page.kv("report created", r.provenance().createdAt());
        page.kv("evaluation time", r.provenance().elapsedMillis() + " ms");
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
}
