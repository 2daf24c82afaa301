package dev.doppel.design.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimal rounding of doubles, as people expect it on paper: the shortest decimal that reads back as the double
 * (what {@link Double#toString} writes) is rounded half away from zero, so {@code 2.675} rounds to {@code 2.68}
 * although the double is slightly below it. {@link BigDecimal} defines the result; a fast path gives the same answer
 * without it whenever the value is not within rounding error of a tie.
 */
final class Decimal {
    /** Below 2^52 a double's floor is exact and the fraction still has at least one bit of resolution. */
    private static final double EXACT_LIMIT = 0x1p52;
    /**
     * The scaled value's relative error: one rounding in the product plus the gap between the double and its
     * shortest decimal, each below 2^-53; a generous margin keeps the fast path away from every tie.
     */
    private static final double TIE_MARGIN = 1e-13;
    private static final double[] POWERS = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    private Decimal() {
    }

    /** {@code x} rounded half away from zero to {@code digits} decimals (negative: to tens, hundreds, …). */
    static double round(double x, int digits) {
        if (digits >= 0 && digits <= 15) {
            double y = Math.abs(x) * POWERS[digits];
            long r = roundedOrMinusOne(y);
            if (r >= 0) {
                // r and 10^digits are exact doubles, so the division is correctly rounded, like BigDecimal's value.
                double value = r / POWERS[digits];
                return x < 0 ? -value : value;
            }
        }
        return BigDecimal.valueOf(x).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code x} written with exactly {@code scale} (0–20) decimals, rounded like {@link #round}; no "-0". */
    static String fixed(double x, int scale) {
        if (scale <= 15) {
            long r = roundedOrMinusOne(Math.abs(x) * POWERS[scale]);
            if (r >= 0) {
                String digits = Long.toString(r);
                StringBuilder out = new StringBuilder(scale + 22);
                if (x < 0 && r != 0) {
                    out.append('-');
                }
                if (scale == 0) {
                    return out.append(digits).toString();
                }
                if (digits.length() <= scale) {
                    out.append("0.");
                    out.append("0".repeat(scale - digits.length()));
                    return out.append(digits).toString();
                }
                int point = digits.length() - scale;
                return out.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
            }
        }
        return BigDecimal.valueOf(x).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    /** round-half-up of {@code y} ≥ 0, or −1 when y is too large or too close to a tie to decide in doubles. */
    private static long roundedOrMinusOne(double y) {
        if (!(y < EXACT_LIMIT)) {
            return -1;
        }
        double floor = Math.floor(y);
        double fraction = y - floor;
        if (Math.abs(fraction - 0.5) <= TIE_MARGIN * Math.max(1, y)) {
            return -1;
        }
        return (long) floor + (fraction > 0.5 ? 1 : 0);
    }
}
