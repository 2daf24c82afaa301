package dev.doppel.eval.bias;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.eval.fidelity.EqualWidthBins;
import dev.doppel.eval.utility.Target;
import dev.doppel.eval.utility.UtilityReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the synthetic data shifts bias, per sensitive attribute (e.g. sex, race): how large each group is, how often
 * each group has the positive target (demographic parity), and how often the boosted model trained on real vs on
 * synthetic data finds the group's true positives in the holdout (equal opportunity). Numeric sensitive attributes
 * are cut into {@value #NUMERIC_GROUPS} equal-width bins over the training range; nulls form a group.
 *
 * <p>Differences are max − min over groups with at least {@value #MIN_GROUP_ROWS} rows in the table concerned (and,
 * for true-positive rates, at least {@value #MIN_GROUP_POSITIVES} holdout positives): tiny groups would make them
 * noise. Amplification is flagged when a synthetic-side difference exceeds the real-side one by more than
 * {@value #AMPLIFICATION_MARGIN}.
 *
 * @param target        target column
 * @param positiveClass its positive class
 * @param attributes    one entry per sensitive attribute
 */
public record BiasReport(String target, String positiveClass, List<AttributeBias> attributes) {
    static final int NUMERIC_GROUPS = 5;
    static final int MIN_GROUP_ROWS = 30;
    static final int MIN_GROUP_POSITIVES = 10;
    static final double AMPLIFICATION_MARGIN = 0.05;

    public BiasReport {
        attributes = List.copyOf(attributes);
    }

    /**
     * One group of a sensitive attribute.
     *
     * @param group                 value (or bin) of the attribute
     * @param realShare             share of real training rows in the group
     * @param syntheticShare        share of synthetic rows in the group
     * @param realPositiveRate      share of the group's labelled real rows with the positive class
     * @param syntheticPositiveRate the same in the synthetic table
     * @param realModelTpr          true-positive rate on the group's holdout rows, model trained on real data
     * @param syntheticModelTpr     the same, model trained on synthetic data
     * @param holdoutPositives      positive holdout rows in the group
     */
    public record Group(String group, double realShare, double syntheticShare, double realPositiveRate,
                        double syntheticPositiveRate, double realModelTpr, double syntheticModelTpr,
                        int holdoutPositives) {
    }

    /**
     * The bias of one sensitive attribute.
     *
     * @param attribute                       column name
     * @param groups                          its groups
     * @param demographicParityReal           max − min positive rate over groups, real table
     * @param demographicParitySynthetic      the same, synthetic table
     * @param equalOpportunityRealModel       max − min TPR over groups, model trained on real data
     * @param equalOpportunitySyntheticModel  the same, model trained on synthetic data
     * @param amplified                       true when a synthetic-side difference exceeds the real one by more than
     *                                        the margin
     */
    public record AttributeBias(String attribute, List<Group> groups, double demographicParityReal,
                                double demographicParitySynthetic, double equalOpportunityRealModel,
                                double equalOpportunitySyntheticModel, boolean amplified) {
        public AttributeBias {
            groups = List.copyOf(groups);
        }
    }

    /**
     * Computes the bias report from the utility outcome (whose holdout predictions give the true-positive rates).
     *
     * @param sensitive learned columns to examine; must not be the target
     */
    public static BiasReport of(AlignedTables tables, Target target, UtilityReport.Outcome outcome,
                                List<String> sensitive) {
        if (target.regression()) {
            throw new IllegalArgumentException("bias metrics need a classification target");
        }
        List<AttributeBias> out = new ArrayList<>();
        for (String name : sensitive) {
            int j = tables.indexOf(name);
            if (j < 0 || j == target.column()) {
                throw new IllegalArgumentException("sensitive attribute " + name
                        + (j < 0 ? " is not a learned column" : " is the target"));
            }
            out.add(attribute(tables, target, outcome, j));
        }
        return new BiasReport(target.name(), target.positiveClass(), out);
    }

    private static AttributeBias attribute(AlignedTables tables, Target target, UtilityReport.Outcome outcome, int j) {
        List<String> labels = new ArrayList<>();
        int[][] groupOf = new int[3][];
        Role[] roles = {Role.REAL, Role.SYNTHETIC, Role.HOLDOUT};
        if (tables.isNumeric(j)) {
            EqualWidthBins bins = EqualWidthBins.of(tables.numeric(j, Role.REAL), NUMERIC_GROUPS);
            double[] e = bins.interiorEdges();
            for (int k = 0; k < NUMERIC_GROUPS; k++) {
                labels.add(k == 0 ? String.format(Locale.ROOT, "< %.4g", e[0])
                        : k == NUMERIC_GROUPS - 1 ? String.format(Locale.ROOT, ">= %.4g", e[k - 1])
                        : String.format(Locale.ROOT, "[%.4g, %.4g)", e[k - 1], e[k]));
            }
            labels.add("(null)");
            for (int r = 0; r < 3; r++) {
                groupOf[r] = bins.codes(tables.numeric(j, roles[r]));
            }
        } else {
            labels.addAll(tables.dictionary(j));
            labels.add("(null)");
            int nullGroup = labels.size() - 1;
            for (int r = 0; r < 3; r++) {
                int[] c = tables.codes(j, roles[r]).clone();
                for (int i = 0; i < c.length; i++) {
                    c[i] = c[i] < 0 ? nullGroup : c[i];
                }
                groupOf[r] = c;
            }
        }
        int g = labels.size();
        double[][] rows = new double[2][g];
        double[][] labelled = new double[2][g];
        double[][] positives = new double[2][g];
        for (int r = 0; r < 2; r++) {
            int[] lab = target.labelledRows(tables, roles[r]);
            float[] y = target.labels(tables, roles[r], lab);
            for (int grp : groupOf[r]) {
                rows[r][grp]++;
            }
            for (int i = 0; i < lab.length; i++) {
                labelled[r][groupOf[r][lab[i]]]++;
                positives[r][groupOf[r][lab[i]]] += y[i];
            }
        }
        int[] holdPos = new int[g];
        double[][] found = new double[2][g];
        for (int i = 0; i < outcome.holdoutRows().length; i++) {
            if (outcome.labels()[i] > 0.5f) {
                int grp = groupOf[2][outcome.holdoutRows()[i]];
                holdPos[grp]++;
                found[0][grp] += outcome.realModel()[i] >= 0.5 ? 1 : 0;
                found[1][grp] += outcome.syntheticModel()[i] >= 0.5 ? 1 : 0;
            }
        }
        int nReal = tables.rowCount(Role.REAL);
        int nSynth = tables.rowCount(Role.SYNTHETIC);
        List<Group> groups = new ArrayList<>();
        double[] dp = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        double[] eo = dp.clone();
        for (int k = 0; k < g; k++) {
            if (rows[0][k] == 0 && rows[1][k] == 0) {
                continue;
            }
            double pr = labelled[0][k] > 0 ? positives[0][k] / labelled[0][k] : Double.NaN;
            double ps = labelled[1][k] > 0 ? positives[1][k] / labelled[1][k] : Double.NaN;
            double tr = holdPos[k] > 0 ? found[0][k] / holdPos[k] : Double.NaN;
            double ts = holdPos[k] > 0 ? found[1][k] / holdPos[k] : Double.NaN;
            groups.add(new Group(labels.get(k), rows[0][k] / nReal, rows[1][k] / nSynth, pr, ps, tr, ts, holdPos[k]));
            if (labelled[0][k] >= MIN_GROUP_ROWS) {
                dp[0] = Math.min(dp[0], pr);
                dp[1] = Math.max(dp[1], pr);
            }
            if (labelled[1][k] >= MIN_GROUP_ROWS) {
                dp[2] = Math.min(dp[2], ps);
                dp[3] = Math.max(dp[3], ps);
            }
            if (holdPos[k] >= MIN_GROUP_POSITIVES) {
                eo[0] = Math.min(eo[0], tr);
                eo[1] = Math.max(eo[1], tr);
                eo[2] = Math.min(eo[2], ts);
                eo[3] = Math.max(eo[3], ts);
            }
        }
        double dpReal = spread(dp[0], dp[1]);
        double dpSynth = spread(dp[2], dp[3]);
        double eoReal = spread(eo[0], eo[1]);
        double eoSynth = spread(eo[2], eo[3]);
        boolean amplified = dpSynth > dpReal + AMPLIFICATION_MARGIN || eoSynth > eoReal + AMPLIFICATION_MARGIN;
        return new AttributeBias(tables.columns().get(j).name(), groups, dpReal, dpSynth, eoReal, eoSynth, amplified);
    }

    private static double spread(double min, double max) {
        return min <= max ? max - min : Double.NaN;
    }
}
