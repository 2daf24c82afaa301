package dev.doppel.eval;

import dev.doppel.DoppelException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quality gate for CI: a metric of {@link EvaluationReport#metrics()} (or of a database report), a comparison and a threshold, written
 * {@code quality>=0.85}. A list is written comma-separated: {@code quality>=0.85,utility.auc_gap<=0.03}.
 *
 * @param metric    a metric name, checked against the report's names by {@link #parse(String, Collection)}
 * @param operator  {@code >=}, {@code <=}, {@code >} or {@code <}
 * @param threshold the bound
 */
public record Gate(String metric, String operator, double threshold) {
    private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z0-9_.]+)\\s*(>=|<=|>|<)\\s*([-+0-9.eE]+)\\s*");

    public Gate {
        if (!List.of(">=", "<=", ">", "<").contains(operator)) {
            throw new DoppelException("unknown comparison '" + operator + "' in a gate; use >=, <=, > or <");
        }
    }

    /**
     * A failed gate.
     *
     * @param gate    the gate
     * @param value   the metric's value (NaN when it was not computed)
     * @param message e.g. {@code privacy.dcr_share = 0.6120 fails privacy.dcr_share<=0.55}
     */
    public record Failure(Gate gate, double value, String message) {
    }

    /**
     * Parses a comma-separated list of gates on the metrics of a single-table {@link EvaluationReport}.
     *
     * @throws DoppelException naming the bad part, for malformed gates and unknown metric names
     */
    public static List<Gate> parse(String spec) {
        return parse(spec, EvaluationReport.METRIC_NAMES);
    }

    /**
     * Parses a comma-separated list of gates whose metrics must be among {@code known} (a database report's names
     * depend on its tables).
     *
     * @throws DoppelException naming the bad part, for malformed gates and unknown metric names
     */
    public static List<Gate> parse(String spec, Collection<String> known) {
        List<Gate> gates = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return gates;
        }
        for (String part : spec.split(",")) {
            Matcher m = FORM.matcher(part);
            if (!m.matches()) {
                throw new DoppelException("cannot read gate '" + part.trim()
                        + "': expected <metric><op><number> with op one of >=, <=, >, < (e.g. quality>=0.85)");
            }
            double threshold;
            try {
                threshold = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                throw new DoppelException("cannot read gate '" + part.trim() + "': '" + m.group(3)
                        + "' is not a number");
            }
            if (!known.contains(m.group(1))) {
                throw new DoppelException("unknown metric '" + m.group(1) + "' in a gate; known metrics: "
                        + String.join(", ", known));
            }
            gates.add(new Gate(m.group(1), m.group(2), threshold));
        }
        return gates;
    }

    /** Whether {@code value} passes; a metric that was not computed (NaN) never passes. */
    public boolean passes(double value) {
        return switch (operator) {
            case ">=" -> value >= threshold;
            case "<=" -> value <= threshold;
            case ">" -> value > threshold;
            default -> value < threshold;
        };
    }

    /** The gates {@code report} fails, in the given order; empty when all pass. */
    public static List<Failure> evaluate(List<Gate> gates, EvaluationReport report) {
        return evaluate(gates, report.metrics());
    }

    /** The gates that {@code metrics} (name to value, NaN or absent when not computed) fail, in the given order. */
    public static List<Failure> evaluate(List<Gate> gates, Map<String, Double> metrics) {
        List<Failure> failures = new ArrayList<>();
        for (Gate g : gates) {
            double v = metrics.getOrDefault(g.metric(), Double.NaN);
            if (!g.passes(v)) {
                String shown = Double.isNaN(v) ? "not computed (needs a holdout, target or sensitive attributes)"
                        : String.format(Locale.ROOT, "%.4f", v);
                failures.add(new Failure(g, v, g.metric() + " = " + shown + " fails " + g));
            }
        }
        return failures;
    }

    @Override
    public String toString() {
        return metric + operator + (threshold == Math.rint(threshold) && Math.abs(threshold) < 1e15
                ? String.valueOf((long) threshold) : String.valueOf(threshold));
    }
}
