package dev.doppel.synth.copula;

import dev.doppel.synth.fake.FakeColumn;
import java.util.List;

/** How the model makes one column: from copula variables (numeric or categorical) or as fake values. */
sealed interface ColumnPlan {

    /** Number of copula variables the column uses. */
    int variables();

    /**
     * A numeric column: a marginal for its values (null when it has none) and, when it has both values and nulls,
     * a "null" indicator variable with P(null) = {@code nullProbability}.
     */
    record Numeric(NumericMarginal marginal, double low, double high, double nullProbability)
            implements ColumnPlan {
        boolean hasIndicator() {
            return marginal != null && nullProbability > 0;
        }

        /** Intervals of the indicator: index 0 = value present, 1 = null. */
        FrequencyIntervals indicator() {
            return new FrequencyIntervals(new double[] {1 - nullProbability, nullProbability});
        }

        @Override
        public int variables() {
            return (marginal == null ? 0 : 1) + (hasIndicator() ? 1 : 0);
        }
    }

    /** A categorical or boolean column; {@code values} are in interval order, a null entry is the null category. */
    record Categorical(List<String> values, FrequencyIntervals intervals) implements ColumnPlan {
        @Override
        public int variables() {
            return 1;
        }
    }

    /** An ID, PII or TEXT column, generated without the copula. */
    record Fake(FakeColumn fake) implements ColumnPlan {
        @Override
        public int variables() {
            return 0;
        }
    }
}
