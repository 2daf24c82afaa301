package dev.doppel.synth.trees;

import java.util.Arrays;

/**
 * Grows one CART tree (Breiman et al., 1984) on {@link TrainingColumns}: classification trees split on Gini impurity,
 * regression trees on the squared error of the target's mid-rank scores (so a few huge values, like Adult's
 * capital-gain of 99,999, do not decide every split). Growth stops at {@link Settings#minLeaf} rows per child,
 * {@link Settings#maxDepth}, or when the best split lowers the impurity by less than {@link Settings#complexity} times
 * the root's impurity.
 *
 * <p>Numeric predictors are scanned in value order (rows kept sorted per predictor and partitioned stably at each
 * split), trying nulls on either side. Categorical predictors order their classes by the target's mean or by one
 * class's share and scan that order once: exact for regression and two classes; for more classes the orders of the
 * node's {@link #CLASS_ORDERINGS} most frequent classes are tried. Classes absent from a node follow the larger child.
 *
 * <p>Deterministic: ties keep the first split found, in predictor order then value order. Not thread safe; one grower
 * per tree.
 */
final class TreeGrower {
    /** How many class-share orders a categorical predictor tries for a target of three classes or more. */
    static final int CLASS_ORDERINGS = 4;

    /**
     * @param minLeaf    fewest training rows in a leaf, at least 1
     * @param maxDepth   most splits from root to leaf, 0..{@link Tree#MAX_DEPTH}
     * @param complexity smallest impurity decrease of a split, as a fraction of the root's impurity, in [0, 1]
     * @param leafKnots  most quantiles a numeric leaf keeps, at least 2
     */
    record Settings(int minLeaf, int maxDepth, double complexity, int leafKnots) {
        Settings {
            if (minLeaf < 1) {
                throw new IllegalArgumentException("minLeaf must be at least 1, not " + minLeaf);
            }
            if (maxDepth < 0 || maxDepth > Tree.MAX_DEPTH) {
                throw new IllegalArgumentException("maxDepth must be 0.." + Tree.MAX_DEPTH + ", not " + maxDepth);
            }
            if (!(complexity >= 0 && complexity <= 1)) {
                throw new IllegalArgumentException("complexity must be in [0, 1], not " + complexity);
            }
            if (leafKnots < 2) {
                throw new IllegalArgumentException("leafKnots must be at least 2, not " + leafKnots);
            }
        }
    }

    private final TrainingColumns data;
    private final int[] predictors;
    private final Settings settings;
    private final int[] targetClass;
    private final int classCount;
    private final double[] targetValue;
    private final double[] targetScore;

    private final int[] rows;
    private final int[][] sorted;
    private final boolean[] goesLeft;
    private final int[] buffer;
    private final Tree.Builder builder = new Tree.Builder();
    private double minDecrease;

    // The best split of the node being searched.
    private double bestDecrease;
    private int bestPredictor;
    private double bestThreshold;
    private boolean bestNullsLeft;
    private boolean[] bestClassesLeft;

    private TreeGrower(TrainingColumns data, int[] predictors, Settings settings, int[] subset, int[] targetClass,
                       int classCount, double[] targetValue) {
        this.data = data;
        this.predictors = predictors.clone();
        this.settings = settings;
        this.targetClass = targetClass;
        this.classCount = classCount;
        this.targetValue = targetValue;
        this.targetScore = targetValue == null ? null : midRankScores(targetValue, subset);
        this.rows = subset.clone();
        this.goesLeft = new boolean[data.rows()];
        this.buffer = new int[subset.length];
        this.sorted = new int[predictors.length][];
        boolean[] member = new boolean[data.rows()];
        for (int r : subset) {
            member[r] = true;
        }
        for (int p = 0; p < predictors.length; p++) {
            if (data.isNumeric(predictors[p])) {
                int[] all = data.sortedRows(predictors[p]);
                int[] mine = new int[subset.length];
                int at = 0;
                for (int r : all) {
                    if (member[r]) {
                        mine[at++] = r;
                    }
                }
                sorted[p] = mine;
            }
        }
    }

    /** A classification tree for {@code target} (class indices 0..classes-1 per row) over all rows. */
    static Tree classification(TrainingColumns data, int[] predictors, int[] target, int classes, Settings settings) {
        int[] all = new int[data.rows()];
        Arrays.setAll(all, i -> i);
        return new TreeGrower(data, predictors, settings, all, target, classes, null).grow();
    }

    /** A regression tree for {@code target} over its non-null rows (at least one); leaves sketch the values. */
    static Tree regression(TrainingColumns data, int[] predictors, double[] target, Settings settings) {
        int[] subset = java.util.stream.IntStream.range(0, data.rows()).filter(r -> !Double.isNaN(target[r])).toArray();
        if (subset.length == 0) {
            throw new IllegalArgumentException("a regression tree needs at least one value");
        }
        return new TreeGrower(data, predictors, settings, subset, null, 0, target).grow();
    }

    private Tree grow() {
        double rootImpurity = impurity(0, rows.length);
        minDecrease = Math.max(settings.complexity() * rootImpurity, 1e-12 * rootImpurity);
        grow(0, rows.length, 0);
        return builder.build();
    }

    private void grow(int from, int to, int depth) {
        int n = to - from;
        if (depth < settings.maxDepth() && n >= 2 * settings.minLeaf() && findSplit(from, to)) {
            int node = bestClassesLeft != null
                    ? builder.categoricalSplit(predictors[bestPredictor], bestClassesLeft)
                    : builder.numericSplit(predictors[bestPredictor], bestThreshold, bestNullsLeft);
            int mid = partition(from, to);
            grow(from, mid, depth + 1);
            builder.closeSplit(node);
            grow(mid, to, depth + 1);
        } else {
            builder.leaf(leaf(from, to));
        }
    }

    private Leaf leaf(int from, int to) {
        if (targetClass != null) {
            int[] counts = new int[classCount];
            for (int i = from; i < to; i++) {
                counts[targetClass[rows[i]]]++;
            }
            return new Leaf.ClassCounts(counts);
        }
        double[] v = new double[to - from];
        for (int i = from; i < to; i++) {
            v[i - from] = targetValue[rows[i]];
        }
        Arrays.sort(v);
        return Leaf.ValueSketch.of(v, settings.leafKnots());
    }

    /** Gini impurity times the row count, or the sum of squared deviations of the scores. */
    private double impurity(int from, int to) {
        int n = to - from;
        if (targetClass != null) {
            long[] counts = new long[classCount];
            for (int i = from; i < to; i++) {
                counts[targetClass[rows[i]]]++;
            }
            long sq = 0;
            for (long c : counts) {
                sq += c * c;
            }
            return n - (double) sq / n;
        }
        double sum = 0;
        double sumSq = 0;
        for (int i = from; i < to; i++) {
            double s = targetScore[rows[i]];
            sum += s;
            sumSq += s * s;
        }
        return Math.max(0, sumSq - sum * sum / n);
    }

    /** Finds the best split of the node; false when none passes the limits. */
    private boolean findSplit(int from, int to) {
        double parent = impurity(from, to);
        if (parent <= 0) {
            return false;
        }
        bestDecrease = 0;
        bestPredictor = -1;
        bestClassesLeft = null;
        for (int p = 0; p < predictors.length; p++) {
            if (sorted[p] != null) {
                if (targetClass != null) {
                    scanNumericForClasses(p, from, to, parent);
                } else {
                    scanNumericForScores(p, from, to, parent);
                }
            } else if (targetClass != null) {
                scanCategoricalForClasses(p, from, to, parent);
            } else {
                scanCategoricalForScores(p, from, to, parent);
            }
        }
        return bestPredictor >= 0 && bestDecrease >= minDecrease;
    }

    private boolean better(double decrease) {
        return decrease > bestDecrease && decrease >= minDecrease;
    }

    private void recordNumeric(int p, double decrease, double threshold, boolean nullsLeft) {
        bestDecrease = decrease;
        bestPredictor = p;
        bestThreshold = threshold;
        bestNullsLeft = nullsLeft;
        bestClassesLeft = null;
    }

    /** A threshold strictly between two adjacent distinct values (the lower one if no double lies between). */
    private static double between(double lower, double upper) {
        double mid = lower + (upper - lower) / 2;
        return mid >= upper || mid < lower ? lower : mid;
    }

    private int nullStart(int[] order, double[] v, int from, int to) {
        int i = to;
        while (i > from && Double.isNaN(v[order[i - 1]])) {
            i--;
        }
        return i;
    }

    private void scanNumericForClasses(int p, int from, int to, double parent) {
        int[] order = sorted[p];
        double[] v = data.values(predictors[p]);
        int n = to - from;
        int nullStart = nullStart(order, v, from, to);
        if (nullStart == from) {
            return;
        }
        boolean hasNulls = nullStart < to;
        long[] total = new long[classCount];
        long[] nullCounts = new long[classCount];
        for (int i = from; i < to; i++) {
            int k = targetClass[order[i]];
            total[k]++;
            if (i >= nullStart) {
                nullCounts[k]++;
            }
        }
        long[] left = new long[classCount];
        long[] right = new long[classCount];
        int minLeaf = settings.minLeaf();
        for (int option = 0; option < (hasNulls ? 2 : 1); option++) {
            boolean nullsLeft = option == 1;
            long sqLeft = 0;
            long sqRight = 0;
            int nLeft = nullsLeft ? to - nullStart : 0;
            for (int k = 0; k < classCount; k++) {
                left[k] = nullsLeft ? nullCounts[k] : 0;
                right[k] = total[k] - left[k];
                sqLeft += left[k] * left[k];
                sqRight += right[k] * right[k];
            }
            for (int i = from; i < nullStart; i++) {
                int r = order[i];
                int k = targetClass[r];
                sqLeft += 2 * left[k] + 1;
                left[k]++;
                sqRight -= 2 * right[k] - 1;
                right[k]--;
                nLeft++;
                int nRight = n - nLeft;
                if (nLeft < minLeaf) {
                    continue;
                }
                if (nRight < minLeaf) {
                    break;
                }
                boolean last = i + 1 == nullStart;
                if (last ? nullsLeft : v[order[i + 1]] <= v[r]) {
                    continue;
                }
                double decrease = parent - (nLeft - (double) sqLeft / nLeft) - (nRight - (double) sqRight / nRight);
                if (better(decrease)) {
                    recordNumeric(p, decrease, last ? v[r] : between(v[r], v[order[i + 1]]), nullsLeft);
                }
            }
        }
    }

    private void scanNumericForScores(int p, int from, int to, double parent) {
        int[] order = sorted[p];
        double[] v = data.values(predictors[p]);
        int n = to - from;
        int nullStart = nullStart(order, v, from, to);
        if (nullStart == from) {
            return;
        }
        boolean hasNulls = nullStart < to;
        double totalSum = 0;
        double totalSq = 0;
        double nullSum = 0;
        double nullSq = 0;
        for (int i = from; i < to; i++) {
            double s = targetScore[order[i]];
            totalSum += s;
            totalSq += s * s;
            if (i >= nullStart) {
                nullSum += s;
                nullSq += s * s;
            }
        }
        int minLeaf = settings.minLeaf();
        for (int option = 0; option < (hasNulls ? 2 : 1); option++) {
            boolean nullsLeft = option == 1;
            double sumLeft = nullsLeft ? nullSum : 0;
            double sqLeft = nullsLeft ? nullSq : 0;
            int nLeft = nullsLeft ? to - nullStart : 0;
            for (int i = from; i < nullStart; i++) {
                int r = order[i];
                double s = targetScore[r];
                sumLeft += s;
                sqLeft += s * s;
                nLeft++;
                int nRight = n - nLeft;
                if (nLeft < minLeaf) {
                    continue;
                }
                if (nRight < minLeaf) {
                    break;
                }
                boolean last = i + 1 == nullStart;
                if (last ? nullsLeft : v[order[i + 1]] <= v[r]) {
                    continue;
                }
                double sumRight = totalSum - sumLeft;
                double sqRight = totalSq - sqLeft;
                double decrease = parent - (sqLeft - sumLeft * sumLeft / nLeft)
                        - (sqRight - sumRight * sumRight / nRight);
                if (better(decrease)) {
                    recordNumeric(p, decrease, last ? v[r] : between(v[r], v[order[i + 1]]), nullsLeft);
                }
            }
        }
    }

    private void scanCategoricalForClasses(int p, int from, int to, double parent) {
        int[] cls = data.classes(predictors[p]);
        int levels = data.classCount(predictors[p]);
        int k = classCount;
        long[] counts = new long[levels * k];
        int[] size = new int[levels];
        long[] total = new long[k];
        for (int i = from; i < to; i++) {
            int r = rows[i];
            counts[cls[r] * k + targetClass[r]]++;
            size[cls[r]]++;
            total[targetClass[r]]++;
        }
        int[] present = presentLevels(size);
        if (present.length < 2) {
            return;
        }
        int[] byShareOf = k == 2 ? new int[] {1} : mostFrequent(total, CLASS_ORDERINGS);
        double[] key = new double[levels];
        long[] left = new long[k];
        int n = to - from;
        for (int target : byShareOf) {
            for (int level : present) {
                key[level] = (double) counts[level * k + target] / size[level];
            }
            int[] order = sortByKey(present, key);
            Arrays.fill(left, 0);
            long sqLeft = 0;
            long sqRight = 0;
            for (long t : total) {
                sqRight += t * t;
            }
            int nLeft = 0;
            for (int j = 0; j < order.length - 1; j++) {
                int level = order[j];
                for (int c = 0; c < k; c++) {
                    long add = counts[level * k + c];
                    if (add != 0) {
                        long right = total[c] - left[c];
                        sqLeft += 2 * left[c] * add + add * add;
                        sqRight += -2 * right * add + add * add;
                        left[c] += add;
                    }
                }
                nLeft += size[level];
                int nRight = n - nLeft;
                if (nLeft < settings.minLeaf() || nRight < settings.minLeaf()) {
                    continue;
                }
                double decrease = parent - (nLeft - (double) sqLeft / nLeft) - (nRight - (double) sqRight / nRight);
                if (better(decrease)) {
                    recordCategorical(p, decrease, order, j, levels, nLeft >= nRight);
                }
            }
        }
    }

    private void scanCategoricalForScores(int p, int from, int to, double parent) {
        int[] cls = data.classes(predictors[p]);
        int levels = data.classCount(predictors[p]);
        double[] sum = new double[levels];
        double[] sq = new double[levels];
        int[] size = new int[levels];
        double totalSum = 0;
        double totalSq = 0;
        for (int i = from; i < to; i++) {
            int r = rows[i];
            double s = targetScore[r];
            sum[cls[r]] += s;
            sq[cls[r]] += s * s;
            size[cls[r]]++;
            totalSum += s;
            totalSq += s * s;
        }
        int[] present = presentLevels(size);
        if (present.length < 2) {
            return;
        }
        double[] key = new double[levels];
        for (int level : present) {
            key[level] = sum[level] / size[level];
        }
        int[] order = sortByKey(present, key);
        int n = to - from;
        double sumLeft = 0;
        double sqLeft = 0;
        int nLeft = 0;
        for (int j = 0; j < order.length - 1; j++) {
            int level = order[j];
            sumLeft += sum[level];
            sqLeft += sq[level];
            nLeft += size[level];
            int nRight = n - nLeft;
            if (nLeft < settings.minLeaf() || nRight < settings.minLeaf()) {
                continue;
            }
            double sumRight = totalSum - sumLeft;
            double sqRight = totalSq - sqLeft;
            double decrease = parent - (sqLeft - sumLeft * sumLeft / nLeft) - (sqRight - sumRight * sumRight / nRight);
            if (better(decrease)) {
                recordCategorical(p, decrease, order, j, levels, nLeft >= nRight);
            }
        }
    }

    private void recordCategorical(int p, double decrease, int[] order, int lastLeft, int levels, boolean absentLeft) {
        boolean[] left = new boolean[levels];
        Arrays.fill(left, absentLeft);
        for (int j = 0; j < order.length; j++) {
            left[order[j]] = j <= lastLeft;
        }
        bestDecrease = decrease;
        bestPredictor = p;
        bestThreshold = Double.NaN;
        bestNullsLeft = false;
        bestClassesLeft = left;
    }

    private static int[] presentLevels(int[] size) {
        return java.util.stream.IntStream.range(0, size.length).filter(l -> size[l] > 0).toArray();
    }

    /** The {@code limit} classes with the highest counts (ties by index), only those that occur. */
    private static int[] mostFrequent(long[] total, int limit) {
        int[] present = java.util.stream.IntStream.range(0, total.length).filter(c -> total[c] > 0).toArray();
        double[] key = new double[total.length];
        for (int c : present) {
            key[c] = -total[c];
        }
        int[] order = sortByKey(present, key);
        return Arrays.copyOf(order, Math.min(limit, order.length));
    }

    /** {@code items} sorted by ascending key, ties by item; insertion sort, since there are few items. */
    private static int[] sortByKey(int[] items, double[] key) {
        int[] out = items.clone();
        for (int i = 1; i < out.length; i++) {
            int x = out[i];
            int j = i - 1;
            while (j >= 0 && (key[out[j]] > key[x] || (key[out[j]] == key[x] && out[j] > x))) {
                out[j + 1] = out[j];
                j--;
            }
            out[j + 1] = x;
        }
        return out;
    }

    /** Moves the node's rows going left before those going right in every row list, keeping their order. */
    private int partition(int from, int to) {
        int c = predictors[bestPredictor];
        if (bestClassesLeft != null) {
            int[] cls = data.classes(c);
            for (int i = from; i < to; i++) {
                goesLeft[rows[i]] = bestClassesLeft[cls[rows[i]]];
            }
        } else {
            double[] v = data.values(c);
            for (int i = from; i < to; i++) {
                double x = v[rows[i]];
                goesLeft[rows[i]] = Double.isNaN(x) ? bestNullsLeft : x <= bestThreshold;
            }
        }
        int mid = stablePartition(rows, from, to);
        for (int[] order : sorted) {
            if (order != null) {
                stablePartition(order, from, to);
            }
        }
        return mid;
    }

    private int stablePartition(int[] a, int from, int to) {
        int l = from;
        int r = 0;
        for (int i = from; i < to; i++) {
            if (goesLeft[a[i]]) {
                a[l++] = a[i];
            } else {
                buffer[r++] = a[i];
            }
        }
        System.arraycopy(buffer, 0, a, l, r);
        return l;
    }

    /** Mid-rank of each row's value among the subset's values, divided by their count: in (0, 1]. */
    private static double[] midRankScores(double[] values, int[] subset) {
        double[] sortedValues = new double[subset.length];
        for (int i = 0; i < subset.length; i++) {
            sortedValues[i] = values[subset[i]];
        }
        Arrays.sort(sortedValues);
        double[] scores = new double[values.length];
        int n = subset.length;
        for (int r : subset) {
            double x = values[r];
            int below = lowerBound(sortedValues, x);
            int atOrBelow = lowerBound(sortedValues, Math.nextUp(x));
            scores[r] = (below + (atOrBelow - below + 1) / 2.0) / n;
        }
        return scores;
    }

    private static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
