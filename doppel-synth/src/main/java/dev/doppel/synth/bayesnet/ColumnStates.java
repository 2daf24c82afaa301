package dev.doppel.synth.bayesnet;

import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How a learned column becomes the discrete states of a network variable, and back. */
sealed interface ColumnStates {
    /** Number of states, the null state included. */
    int count();

    /** The null state, or -1 when the column had no missing values. */
    int nullState();

    /**
     * A numeric column: contiguous bins, each with a sketch of its values, plus a null state after the bins when the
     * column has missing values.
     *
     * @param round whether sampled values are rounded to whole numbers (integers, datetimes in seconds)
     * @param low   lowest value written (sampled values are clipped to [low, high])
     */
    record Numeric(List<BinSketch> bins, boolean hasNull, boolean round, double low, double high)
            implements ColumnStates {
        /** Fewest training rows in a piece cut from a wide bin. */
        static final int MIN_PIECE_ROWS = 20;

        public Numeric {
            bins = List.copyOf(bins);
            for (int b = 1; b < bins.size(); b++) {
                if (!(bins.get(b).low() >= bins.get(b - 1).high())) {
                    throw new IllegalArgumentException("bins must be ordered and not overlap");
                }
            }
        }

        @Override
        public int count() {
            return bins.size() + (hasNull ? 1 : 0);
        }

        @Override
        public int nullState() {
            return hasNull ? bins.size() : -1;
        }

        /** Bins of the column's values: one per distinct value when there are at most {@code maxBins}. */
        static Numeric fit(NumericColumn column, int maxBins, int maxKnots, boolean round, Double min, Double max) {
            double[] v = column.sortedNonNull();
            boolean hasNull = column.nullCount() > 0;
            List<BinSketch> bins = new ArrayList<>();
            int n = v.length;
            if (n == 0) {
                return new Numeric(bins, true, round, 0, 0);
            }
            int distinct = 1;
            for (int i = 1; i < n; i++) {
                if (v[i] != v[i - 1]) {
                    distinct++;
                }
            }
            List<int[]> ranges = new ArrayList<>();
            int start = 0;
            while (start < n) {
                int end;
                if (distinct <= maxBins) {
                    end = start + 1;
                } else {
                    // Equal mass over what is left, so a large point mass (e.g. zeros) does not starve later bins.
                    int binsLeft = Math.max(1, maxBins - ranges.size());
                    end = start + Math.max(1, (int) Math.ceil((double) (n - start) / binsLeft));
                    end = Math.min(end, n);
                }
                while (end < n && v[end] == v[end - 1]) {
                    end++;
                }
                ranges.add(new int[] {start, end});
                start = end;
            }
            if (distinct > maxBins) {
                ranges = splitWide(v, ranges, (v[n - 1] - v[0]) / maxBins);
            }
            for (int[] r : ranges) {
                bins.add(BinSketch.of(v, r[0], r[1], maxKnots));
            }
            double low = v[0];
            double high = v[n - 1];
            if (min != null && max != null && min <= low && max >= high) {
                low = min;
                high = max;
            }
            return new Numeric(bins, hasNull, round, low, high);
        }

        /**
         * Equal-mass bins are wide where data is sparse, and a value drawn in a wide bin ignores the other columns:
         * a rare class living in the tail would be mixed with the common values next to it. So bins wider than
         * {@code width} are cut into pieces of that width; pieces of fewer than {@link #MIN_PIECE_ROWS} rows join
         * their neighbour, so no bin holds a handful of (identifiable) training values.
         */
        private static List<int[]> splitWide(double[] v, List<int[]> ranges, double width) {
            List<int[]> out = new ArrayList<>();
            for (int[] r : ranges) {
                if (!(v[r[1] - 1] - v[r[0]] > width) || width <= 0) {
                    out.add(r);
                    continue;
                }
                List<int[]> pieces = new ArrayList<>();
                int from = r[0];
                while (from < r[1]) {
                    double limit = v[from] + width;
                    int to = from + 1;
                    while (to < r[1] && v[to] < limit) {
                        to++;
                    }
                    pieces.add(new int[] {from, to});
                    from = to;
                }
                List<int[]> merged = new ArrayList<>();
                for (int[] piece : pieces) {
                    if (!merged.isEmpty() && (piece[1] - piece[0] < MIN_PIECE_ROWS
                            || merged.get(merged.size() - 1)[1] - merged.get(merged.size() - 1)[0] < MIN_PIECE_ROWS)) {
                        merged.get(merged.size() - 1)[1] = piece[1];
                    } else {
                        merged.add(piece.clone());
                    }
                }
                out.addAll(merged);
            }
            return out;
        }

        int[] encode(NumericColumn column) {
            double[] lows = new double[bins.size()];
            for (int b = 0; b < lows.length; b++) {
                lows[b] = bins.get(b).low();
            }
            int[] states = new int[column.size()];
            for (int i = 0; i < states.length; i++) {
                if (column.isNull(i)) {
                    states[i] = nullState();
                } else {
                    int pos = Arrays.binarySearch(lows, column.get(i));
                    states[i] = pos >= 0 ? pos : Math.max(0, -pos - 2);
                }
            }
            return states;
        }

        /** The value for a probability {@code u} inside bin {@code state}: rounded if asked, clipped to the range. */
        double value(int state, double u) {
            double x = bins.get(state).quantile(u);
            if (round) {
                x = Math.rint(x);
            }
            return Math.min(high, Math.max(low, x));
        }
    }

    /** A categorical or boolean column: one state per value seen, the null state (value null) among them. */
    record Categorical(List<String> values) implements ColumnStates {
        public Categorical {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }

        @Override
        public int count() {
            return values.size();
        }

        @Override
        public int nullState() {
            return values.indexOf(null);
        }

        /** Values in dictionary order, then null if the column has missing values. */
        static Categorical fit(CategoricalColumn column) {
            int[] counts = column.counts();
            List<String> values = new ArrayList<>();
            for (int code = 0; code < counts.length; code++) {
                if (counts[code] > 0) {
                    values.add(column.dictionary().get(code));
                }
            }
            if (column.nullCount() > 0 || values.isEmpty()) {
                values.add(null);
            }
            return new Categorical(values);
        }

        int[] encode(CategoricalColumn column) {
            Map<String, Integer> index = new HashMap<>();
            for (int s = 0; s < values.size(); s++) {
                index.put(values.get(s), s);
            }
            int[] byCode = new int[column.dictionary().size()];
            for (int code = 0; code < byCode.length; code++) {
                byCode[code] = index.getOrDefault(column.dictionary().get(code), -1);
            }
            int nullState = nullState();
            int[] states = new int[column.size()];
            for (int i = 0; i < states.length; i++) {
                int code = column.code(i);
                states[i] = code == CategoricalColumn.NULL ? nullState : byCode[code];
            }
            return states;
        }
    }
}
