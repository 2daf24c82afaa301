package dev.doppel.synth.copula;

import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/**
 * Makes a symmetric matrix with unit diagonal into a positive-definite correlation matrix: eigenvalues are clipped to
 * at least {@link #MIN_EIGENVALUE} and the result is rescaled to unit diagonal (the "eigenvalue clipping" repair,
 * Rousseeuw and Molenberghs 1993), and lower-triangular Cholesky factors.
 */
final class CorrelationRepair {
    static final double MIN_EIGENVALUE = 1e-6;

    private CorrelationRepair() {
    }

    /** A positive-definite correlation matrix close to {@code matrix} (which is not changed). */
    static double[][] repair(double[][] matrix) {
        int d = matrix.length;
        if (d == 0) {
            return new double[0][0];
        }
        double[][] sym = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                sym[i][j] = i == j ? 1.0 : (matrix[i][j] + matrix[j][i]) / 2;
            }
        }
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(sym, false));
        double[] values = eigen.getEigenvalues();
        if (Arrays.stream(values).allMatch(v -> v >= MIN_EIGENVALUE)) {
            return sym;
        }
        RealMatrix v = eigen.getV();
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += v.getEntry(i, k) * Math.max(values[k], MIN_EIGENVALUE) * v.getEntry(j, k);
                }
                out[i][j] = s;
            }
        }
        double[] scale = new double[d];
        for (int i = 0; i < d; i++) {
            scale[i] = 1 / Math.sqrt(out[i][i]);
        }
        double[][] result = new double[d][d];
        for (int i = 0; i < d; i++) {
            result[i][i] = 1.0;
            for (int j = 0; j < i; j++) {
                double r = (out[i][j] + out[j][i]) / 2 * scale[i] * scale[j];
                result[i][j] = r;
                result[j][i] = r;
            }
        }
        return result;
    }

    /** The lower-triangular L with L·Lᵀ = a, or null when a is not positive definite. */
    static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }
}
