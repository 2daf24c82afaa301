package dev.doppel.synth.trees;

import java.util.ArrayList;
import java.util.List;

/**
 * A fitted binary decision tree, nodes in preorder: a split node's left child is the next node, its right child is
 * at {@link #right}. A split sends a row left when its predictor value is at most the threshold (numeric; nulls by
 * {@code nullsLeft}) or when its class is in the left set (categorical, null being a class). Immutable.
 */
final class Tree {
    /** Deepest tree a model may hold: bounds recursion when reading and sampling. */
    static final int MAX_DEPTH = 64;

    private final int[] column;
    private final double[] atMost;
    private final boolean[] nullsLeft;
    private final boolean[][] classesLeft;
    private final int[] right;
    private final Leaf[] leaves;

    private Tree(Builder b) {
        int n = b.column.size();
        column = new int[n];
        atMost = new double[n];
        nullsLeft = new boolean[n];
        classesLeft = new boolean[n][];
        right = new int[n];
        leaves = new Leaf[n];
        for (int i = 0; i < n; i++) {
            column[i] = b.column.get(i);
            atMost[i] = b.atMost.get(i);
            nullsLeft[i] = b.nullsLeft.get(i);
            classesLeft[i] = b.classesLeft.get(i);
            right[i] = b.right.get(i);
            leaves[i] = b.leaves.get(i);
            if (leaves[i] == null && right[i] <= i + 1) {
                throw new IllegalStateException("split node " + i + " has no right child");
            }
        }
    }

    int nodeCount() {
        return column.length;
    }

    boolean isLeaf(int node) {
        return leaves[node] != null;
    }

    Leaf leaf(int node) {
        return leaves[node];
    }

    /** The predictor column (index in the metadata) a split node tests. */
    int column(int node) {
        return column[node];
    }

    /** For a numeric split: its threshold; NaN for a categorical split. */
    double atMost(int node) {
        return atMost[node];
    }

    boolean nullsLeft(int node) {
        return nullsLeft[node];
    }

    /** For a categorical split: which class indices go left; null for a numeric split. */
    boolean[] classesLeft(int node) {
        return classesLeft[node] == null ? null : classesLeft[node].clone();
    }

    int right(int node) {
        return right[node];
    }

    /** Every leaf, in preorder. */
    List<Leaf> leaves() {
        List<Leaf> out = new ArrayList<>();
        for (Leaf l : leaves) {
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * The leaf row {@code row} reaches.
     *
     * @param numeric per column index, the values so far (NaN = null), or null for non-numeric columns
     * @param classes per column index, the class indices so far, or null for non-categorical columns
     */
    Leaf leafOf(int row, double[][] numeric, int[][] classes) {
        int node = 0;
        while (leaves[node] == null) {
            int c = column[node];
            boolean left;
            boolean[] set = classesLeft[node];
            if (set != null) {
                left = set[classes[c][row]];
            } else {
                double x = numeric[c][row];
                left = Double.isNaN(x) ? nullsLeft[node] : x <= atMost[node];
            }
            node = left ? node + 1 : right[node];
        }
        return leaves[node];
    }

    /** Builds a tree in preorder: add a split, its left subtree, {@link #closeSplit}, then its right subtree. */
    static final class Builder {
        private final List<Integer> column = new ArrayList<>();
        private final List<Double> atMost = new ArrayList<>();
        private final List<Boolean> nullsLeft = new ArrayList<>();
        private final List<boolean[]> classesLeft = new ArrayList<>();
        private final List<Integer> right = new ArrayList<>();
        private final List<Leaf> leaves = new ArrayList<>();

        /** Adds a numeric split; returns its node index. */
        int numericSplit(int predictor, double threshold, boolean nullsGoLeft) {
            return add(predictor, threshold, nullsGoLeft, null, null);
        }

        /** Adds a categorical split; returns its node index. */
        int categoricalSplit(int predictor, boolean[] left) {
            return add(predictor, Double.NaN, false, left.clone(), null);
        }

        void leaf(Leaf leaf) {
            add(-1, Double.NaN, false, null, leaf);
        }

        /** Marks the end of {@code split}'s left subtree: the next node added is its right child. */
        void closeSplit(int split) {
            right.set(split, column.size());
        }

        Tree build() {
            return new Tree(this);
        }

        private int add(int predictor, double threshold, boolean nullsGoLeft, boolean[] left, Leaf leaf) {
            column.add(predictor);
            atMost.add(threshold);
            nullsLeft.add(nullsGoLeft);
            classesLeft.add(left);
            right.add(-1);
            leaves.add(leaf);
            return column.size() - 1;
        }
    }
}
