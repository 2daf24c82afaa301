package dev.doppel.synth.copula;

import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The training rows as standard normal scores, one array per copula variable, and their Pearson correlation. Each
 * variable has its own seeded generator and each correlation entry is summed in row order, so results do not depend
 * on the number of threads.
 */
record NormalScores(int threads) {
    /** Scores are kept in (1e-9, 1 - 1e-9) before Φ⁻¹, so no score is infinite (|z| ≤ 6.0). */
    static final double U_FLOOR = 1e-9;

    double[][] scores(Table table, List<ColumnPlan> plans, long seed) {
        List<IntFunction<double[]>> tasks = new ArrayList<>();
        int n = table.rowCount();
        for (int c = 0; c < plans.size(); c++) {
            int column = c;
            ColumnPlan plan = plans.get(c);
            if (plan instanceof ColumnPlan.Numeric p) {
                if (p.marginal() != null) {
                    tasks.add(v -> numericScores((NumericColumn) table.column(column), random(seed, v)));
                }
                if (p.hasIndicator()) {
                    FrequencyIntervals intervals = p.indicator();
                    tasks.add(v -> indicatorScores((NumericColumn) table.column(column), intervals,
                            random(seed, v)));
                }
            } else if (plan instanceof ColumnPlan.Categorical p) {
                tasks.add(v -> categoricalScores((CategoricalColumn) table.column(column), p, random(seed, v)));
            }
        }
        return run(tasks.size(), v -> tasks.get(v).apply(v));
    }

    private static SplittableRandom random(long seed, int variable) {
        return new SplittableRandom(NormalSource.mix(seed, variable));
    }

    private static double score(double u) {
        return NormalDistributionFunctions.quantile(Math.min(1 - U_FLOOR, Math.max(U_FLOOR, u)));
    }

    /** Mid-rank with uniform jitter inside the tie interval; nulls get an independent N(0, 1) score. */
    private static double[] numericScores(NumericColumn column, SplittableRandom random) {
        double[] sorted = column.sortedNonNull();
        int m = sorted.length;
        NormalSource normals = new NormalSource(random);
        double[] z = new double[column.size()];
        for (int i = 0; i < z.length; i++) {
            double x = column.get(i);
            if (Double.isNaN(x)) {
                z[i] = normals.next();
                continue;
            }
            int lo = lowerBound(sorted, x);
            int hi = upperBound(sorted, x);
            z[i] = score((lo + random.nextDouble() * (hi - lo)) / m);
        }
        return z;
    }

    private static double[] indicatorScores(NumericColumn column, FrequencyIntervals intervals,
                                            SplittableRandom random) {
        double[] z = new double[column.size()];
        for (int i = 0; i < z.length; i++) {
            z[i] = score(intervals.pointIn(column.isNull(i) ? 1 : 0, random.nextDouble()));
        }
        return z;
    }

    private static double[] categoricalScores(CategoricalColumn column, ColumnPlan.Categorical plan,
                                              SplittableRandom random) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < plan.values().size(); k++) {
            index.put(plan.values().get(k), k);
        }
        int[] byCode = new int[column.dictionary().size()];
        for (int code = 0; code < byCode.length; code++) {
            byCode[code] = index.getOrDefault(column.dictionary().get(code), -1);
        }
        int nullIndex = index.getOrDefault(null, -1);
        double[] z = new double[column.size()];
        for (int i = 0; i < z.length; i++) {
            int code = column.code(i);
            int k = code == CategoricalColumn.NULL ? nullIndex : byCode[code];
            z[i] = score(plan.intervals().pointIn(k, random.nextDouble()));
        }
        return z;
    }

    private static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Pearson correlation of the score arrays; 0 off the diagonal where a variable has no spread. */
    double[][] correlation(double[][] scores) {
        int d = scores.length;
        int n = d == 0 ? 0 : scores[0].length;
        double[] mean = new double[d];
        double[][] centred = new double[d][];
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (double x : scores[j]) {
                s += x;
            }
            mean[j] = n == 0 ? 0 : s / n;
            centred[j] = new double[n];
            for (int i = 0; i < n; i++) {
                centred[j][i] = scores[j][i] - mean[j];
            }
        }
        // Row j of the lower triangle per task.
        double[][] cov = run(d, j -> {
            double[] row = new double[j + 1];
            for (int k = 0; k <= j; k++) {
                double s = 0;
                double[] a = centred[j];
                double[] b = centred[k];
                for (int i = 0; i < n; i++) {
                    s += a[i] * b[i];
                }
                row[k] = s;
            }
            return row;
        });
        double[][] corr = new double[d][d];
        for (int j = 0; j < d; j++) {
            corr[j][j] = 1.0;
            for (int k = 0; k < j; k++) {
                double den = Math.sqrt(cov[j][j] * cov[k][k]);
                double r = den > 0 ? cov[j][k] / den : 0.0;
                r = Math.max(-1, Math.min(1, r));
                corr[j][k] = r;
                corr[k][j] = r;
            }
        }
        return corr;
    }

    private double[][] run(int count, IntFunction<double[]> task) {
        double[][] out = new double[count][];
        if (threads == 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                out[i] = task.apply(i);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count));
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int v = i;
                futures.add(pool.submit(() -> task.apply(v)));
            }
            for (int i = 0; i < count; i++) {
                out[i] = futures.get(i).get();
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
