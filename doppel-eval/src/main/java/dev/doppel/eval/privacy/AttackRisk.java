package dev.doppel.eval.privacy;

/**
 * Anonymeter's privacy risk of an attack, {@code (attack − control) / (1 − control)} clipped to [0, 1], with a 95 %
 * interval from Wilson score intervals of the attack and control success rates. Near-perfect control rates make
 * the point estimate jumpy (a few rows out of a thousand can read as 0.3), so reports show the interval beside it.
 *
 * @param risk the point estimate
 * @param low  lower end of the interval (0 when the excess could be chance)
 * @param high upper end of the interval
 */
public record AttackRisk(double risk, double low, double high) {
    private static final double Z = 1.959964;

    /** The risk of {@code attackRate} over {@code attackTrials} trials against {@code controlRate} over its trials. */
    public static AttackRisk of(double attackRate, int attackTrials, double controlRate, int controlTrials) {
        double[] a = wilson(attackRate, attackTrials);
        double[] c = wilson(controlRate, controlTrials);
        return new AttackRisk(risk(attackRate, controlRate), risk(a[0], c[1]), risk(a[1], c[0]));
    }

    private static double risk(double attack, double control) {
        return control >= 1.0 ? 0.0 : Math.min(1.0, Math.max(0.0, (attack - control) / (1.0 - control)));
    }

    /** The 95 % Wilson score interval of a success rate {@code p} over {@code n} trials; [0, 1] when n = 0. */
    static double[] wilson(double p, int n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
