package dev.doppel.eval.fidelity;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.eval.fidelity.ColumnPairTrendScore.ColumnPairTrend;
import dev.doppel.eval.fidelity.ColumnShapeScore.ColumnShape;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * SDMetrics' single-table Quality Report score: the Column Shapes property (mean of the column scores), the Column
 * Pair Trends property (mean of the pair scores) and their mean, the overall quality. Means skip NaN scores, as
 * SDMetrics' property averages do. ID, PII and TEXT columns are not part of it.
 *
 * @param columnShapes     Column Shapes property score in [0, 1]
 * @param columnPairTrends Column Pair Trends property score in [0, 1]; NaN with a single learned column
 * @param overall          mean of the two properties (of the defined ones)
 * @param shapes           score per column
 * @param pairs            score per pair of columns
 */
public record QualityScore(double columnShapes, double columnPairTrends, double overall, List<ColumnShape> shapes,
                           List<ColumnPairTrend> pairs) {

    public QualityScore {
        shapes = List.copyOf(shapes);
        pairs = List.copyOf(pairs);
    }

    /** The quality of the synthetic table against the real one. */
    public static QualityScore of(AlignedTables tables) {
        return of(tables, Role.REAL, Role.SYNTHETIC);
    }

    /** The quality of table {@code compared} against table {@code reference}. */
    public static QualityScore of(AlignedTables tables, Role reference, Role compared) {
        List<ColumnShape> shapes = ColumnShapeScore.of(tables, reference, compared);
        List<ColumnPairTrend> pairs = ColumnPairTrendScore.of(tables, reference, compared);
        double s = nanMean(shapes, ColumnShape::score);
        double t = nanMean(pairs, ColumnPairTrend::score);
        double overall = Double.isNaN(t) ? s : Double.isNaN(s) ? t : (s + t) / 2.0;
        return new QualityScore(s, t, overall, shapes, pairs);
    }

    static <T> double nanMean(List<T> items, ToDoubleFunction<T> value) {
        double sum = 0;
        int n = 0;
        for (T item : items) {
            double v = value.applyAsDouble(item);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
