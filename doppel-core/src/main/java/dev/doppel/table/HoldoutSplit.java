package dev.doppel.table;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded random split of row indices into train and holdout, each kept in file order. The holdout has
 * {@code round(rows × fraction)} rows, at least one of each side when there are two rows or more.
 *
 * @param train   row indices for training, ascending
 * @param holdout row indices held out, ascending
 */
public record HoldoutSplit(int[] train, int[] holdout) {

    public static HoldoutSplit of(int rows, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the holdout fraction must be between 0 and 1, not " + fraction);
        }
        if (rows < 2) {
            throw new IllegalArgumentException("a split needs at least 2 rows, not " + rows);
        }
        int holdoutRows = (int) Math.min(rows - 1, Math.max(1, Math.round(rows * fraction)));
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        // Fisher–Yates on a seeded SplittableRandom: the same seed gives the same split on every JDK.
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] holdout = Arrays.copyOf(order, holdoutRows);
        int[] train = Arrays.copyOfRange(order, holdoutRows, rows);
        Arrays.sort(holdout);
        Arrays.sort(train);
        return new HoldoutSplit(train, holdout);
    }
}
