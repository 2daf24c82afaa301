package dev.doppel.eval.privacy;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Singling-out risk as in Anonymeter's {@code SinglingOutEvaluator} (univariate mode): the attacker writes predicates
 * on one column that pick exactly one synthetic row, namely {@code column == v} for a value held by one synthetic row,
 * and {@code column <= min} / {@code column >= max} of the synthetic values for numeric columns. A predicate singles
 * out a person when exactly one row of a real table satisfies it. The attack is scored on training rows and on the
 * holdout (control) of the same size; risk = {@code max(0, (attack − control) / (1 − control))}.
 *
 * @param queries     number of predicates tried (at most the configured number, drawn with the seed)
 * @param attackRate  share of predicates that single out one training row
 * @param controlRate share that single out one holdout row
 * @param risk        Anonymeter's risk, 0 when no predicate could be made
 * @param riskLow     lower end of the risk's 95 % interval (see {@link AttackRisk})
 * @param riskHigh    upper end of the risk's 95 % interval
 */
public record SinglingOutRisk(int queries, double attackRate, double controlRate, double risk, double riskLow,
                              double riskHigh) {

    /** One univariate predicate: {@code op} is 0 for ==, −1 for <=, +1 for >=. */
    record Predicate(int column, int op, double value) {
    }

    /**
     * Runs the attack.
     *
     * @param trainRows  training rows (as many as the holdout has)
     * @param maxQueries most predicates to try
     */
    public static SinglingOutRisk of(AlignedTables tables, int[] trainRows, int maxQueries, long seed) {
        List<Predicate> all = predicates(tables);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = all.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Predicate t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        List<Predicate> used = all.subList(0, Math.min(maxQueries, all.size()));
        if (used.isEmpty()) {
            return new SinglingOutRisk(0, 0, 0, 0, 0, 0);
        }
        int[] holdRows = new int[tables.rowCount(Role.HOLDOUT)];
        for (int i = 0; i < holdRows.length; i++) {
            holdRows[i] = i;
        }
        double attack = successRate(tables, Role.REAL, trainRows, used);
        double control = successRate(tables, Role.HOLDOUT, holdRows, used);
        AttackRisk risk = AttackRisk.of(attack, used.size(), control, used.size());
        return new SinglingOutRisk(used.size(), attack, control, risk.risk(), risk.low(), risk.high());
    }

    static List<Predicate> predicates(AlignedTables tables) {
        List<Predicate> out = new ArrayList<>();
        for (int j = 0; j < tables.columnCount(); j++) {
            Map<Double, Integer> counts = new HashMap<>();
            if (tables.isNumeric(j)) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double v : tables.numeric(j, Role.SYNTHETIC)) {
                    if (!Double.isNaN(v)) {
                        counts.merge(v, 1, Integer::sum);
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                if (lo <= hi) {
                    out.add(new Predicate(j, -1, lo));
                    out.add(new Predicate(j, 1, hi));
                }
            } else {
                for (int c : tables.codes(j, Role.SYNTHETIC)) {
                    if (c >= 0) {
                        counts.merge((double) c, 1, Integer::sum);
                    }
                }
            }
            int column = j;
            counts.entrySet().stream().filter(e -> e.getValue() == 1).map(Map.Entry::getKey).sorted()
                    .forEach(v -> out.add(new Predicate(column, 0, v)));
        }
        return out;
    }

    private static double successRate(AlignedTables tables, Role role, int[] rows, List<Predicate> predicates) {
        int hits = 0;
        for (Predicate p : predicates) {
            int matches = 0;
            for (int r : rows) {
                double v = tables.isNumeric(p.column()) ? tables.numeric(p.column(), role)[r]
                        : tables.codes(p.column(), role)[r] < 0 ? Double.NaN : tables.codes(p.column(), role)[r];
                if (!Double.isNaN(v) && (p.op() == 0 ? v == p.value() : p.op() < 0 ? v <= p.value() : v >= p.value())) {
                    if (++matches > 1) {
                        break;
                    }
                }
            }
            hits += matches == 1 ? 1 : 0;
        }
        return (double) hits / predicates.size();
    }
}
