package dev.doppel.synth.trees;

import dev.doppel.synth.fake.FakeColumn;
import java.util.List;

/** How the trees model makes one column. */
sealed interface ColumnPlan {

    /**
     * A categorical or boolean column drawn from the class counts of the leaf its tree reaches.
     *
     * @param classes the classes in index order; a null entry is the null class
     */
    record Categorical(List<String> classes, Tree tree) implements ColumnPlan { }

    /**
     * A numerical or datetime column: {@code nullTree} (classes 0 = value, 1 = null; absent when the column had no
     * nulls) decides whether a row is null, then {@code valueTree}'s leaf sketch gives the value, which is clipped to
     * [low, high]. Without a value tree the column is all null. {@code discrete} columns (at most
     * {@link #DISCRETE_VALUES} distinct values) draw leaf quantiles as they are instead of interpolating.
     */
    record Numeric(double low, double high, boolean discrete, Tree nullTree, Tree valueTree) implements ColumnPlan {
        /** Most distinct values a column may have to be drawn as discrete. */
        static final int DISCRETE_VALUES = 256;
    }

    /** An ID, PII or TEXT column, generated fresh and never learned. */
    record Fake(FakeColumn fake) implements ColumnPlan { }
}
