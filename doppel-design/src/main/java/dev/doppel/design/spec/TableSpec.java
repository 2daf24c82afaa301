package dev.doppel.design.spec;

import java.util.List;

/**
 * One table of a spec.
 *
 * @param name         table name (also the output file's base name)
 * @param rows         how many rows
 * @param columns      columns in output order
 * @param correlations Gaussian-copula correlations among drawn columns
 * @param scenarios    edge cases injected into rows, in priority order
 * @param label        name of an extra last column holding the scenario of each row (empty for none), or null
 * @param model        a learned model whose sampled rows are the table's base (hybrid), or null
 * @param constraints  boolean expressions over the model's learned columns that every learned row satisfies (the
 *                     model is sampled again for rows that fail); empty without a model
 */
public record TableSpec(String name, RowCount rows, List<ColumnSpec> columns, List<Correlation> correlations,
        List<Scenario> scenarios, String label, dev.doppel.synth.SyntheticModel model, List<String> constraints) {
    public TableSpec {
        columns = List.copyOf(columns);
        correlations = List.copyOf(correlations);
        scenarios = List.copyOf(scenarios);
        constraints = List.copyOf(constraints);
    }

    /** A table without constraints on its learned rows. */
    public TableSpec(String name, RowCount rows, List<ColumnSpec> columns, List<Correlation> correlations,
            List<Scenario> scenarios, String label, dev.doppel.synth.SyntheticModel model) {
        this(name, rows, columns, correlations, scenarios, label, model, List.of());
    }

    /** The column named {@code name}, or -1. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /** How many rows a table has. */
    public sealed interface RowCount {
        /** Exactly {@code rows}. */
        record Fixed(long rows) implements RowCount { }

        /**
         * For each row of the table {@code referenceColumn} references, a number of child rows: drawn from
         * {@code children} (rounded down, at least 0), or, with {@code events}, the parent's events of a simulated
         * process (one row per event, in time order). Exactly one of the two is given; children of one parent are
         * consecutive.
         */
        record PerParent(String referenceColumn, Distribution children, Events events) implements RowCount { }

        /**
         * A per-parent event stream ({@link dev.doppel.design.process.EventProcess}) over local times
         * [{@code from}, {@code to}), the cycles' clock being the times as written (UTC offset 0).
         */
        record Events(dev.doppel.design.process.EventProfile profile, java.time.LocalDateTime from,
                java.time.LocalDateTime to) { }
    }

    /**
     * Columns whose draws are tied by a Gaussian copula with this correlation matrix (of the latent normal scores).
     *
     * @param matrix symmetric, unit diagonal, positive-definite
     */
    public record Correlation(List<String> columns, double[][] matrix) {
        public Correlation {
            columns = List.copyOf(columns);
            double[][] copy = new double[matrix.length][];
            for (int i = 0; i < matrix.length; i++) {
                copy[i] = matrix[i].clone();
            }
            matrix = copy;
        }

        /** L with L·Lᵀ = {@code matrix}, or null when the matrix is not positive-definite. */
        public static double[][] lowerFactor(double[][] matrix) {
            try {
                return new org.hipparchus.linear.CholeskyDecomposition(
                        org.hipparchus.linear.MatrixUtils.createRealMatrix(matrix), 1e-12, 1e-10).getL().getData();
            } catch (org.hipparchus.exception.MathIllegalArgumentException e) {
                return null;
            }
        }
    }
}
