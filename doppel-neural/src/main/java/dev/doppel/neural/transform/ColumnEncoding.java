package dev.doppel.neural.transform;

import java.util.List;

/** How one learned column becomes features and back. */
public sealed interface ColumnEncoding {
    /** Features the column takes. */
    int width();

    /**
     * A numerical or datetime column: value, then a one-hot of its mixture mode, then (when the column has nulls) a
     * one-hot of "present, missing". The value is {@code (x − μ_k) / (4σ_k)} clipped to ±0.99 (Xu et al. 2019).
     *
     * @param low   smallest value produced
     * @param high  largest value produced
     * @param round whether values are whole (integers, datetimes in epoch seconds)
     */
    record Numeric(GaussianMixture mixture, double low, double high, boolean round, boolean nullable)
            implements ColumnEncoding {
        @Override
        public int width() {
            return 1 + mixture.components() + (nullable ? 2 : 0);
        }
    }

    /**
     * A categorical or boolean column: a one-hot over its classes, a missing value being a class (null).
     *
     * @param classes distinct, null for missing
     */
    record Categorical(List<String> classes) implements ColumnEncoding {
        public Categorical {
            classes = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(classes));
        }

        @Override
        public int width() {
            return classes.size();
        }
    }
}
