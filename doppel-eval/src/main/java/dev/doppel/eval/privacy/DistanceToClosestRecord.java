package dev.doppel.eval.privacy;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.eval.privacy.MixedDistance.RowMatrix;
import dev.doppel.eval.privacy.NearestNeighbours.Neighbours;
import java.util.Arrays;
import java.util.List;

/**
 * Distance to closest record (DCR) under {@link MixedDistance}: how near synthetic rows lie to the training rows,
 * compared with how near genuinely unseen real rows (the holdout) lie to them.
 *
 * @param syntheticToTrain     DCR of every synthetic row to the training table
 * @param holdoutToTrain       DCR of every holdout row to the training table: what "not copied" looks like
 * @param histogramEdges       bin edges shared by both histograms
 * @param dcrShare             share of synthetic rows strictly closer to the training rows than to the holdout rows,
 *                             ties counted ½; the training table is first subsampled to the holdout's size (as
 *                             SDMetrics' {@code DCROverfittingProtection} does) so 0.5 is ideal and 1.0 means every
 *                             synthetic row sits on a training row
 * @param exactCopyRate        share of synthetic rows at distance 0 from some training row
 * @param holdoutExactCopyRate share of holdout rows at distance 0 from some training row (natural duplicates)
 * @param nndrSynthetic        median nearest-neighbour distance ratio d1/d2 of synthetic rows to training rows (0/0 = 0)
 * @param nndrHoldout          the same for holdout rows
 */
public record DistanceToClosestRecord(DistanceDistribution syntheticToTrain, DistanceDistribution holdoutToTrain,
                                      List<Double> histogramEdges, double dcrShare, double exactCopyRate,
                                      double holdoutExactCopyRate, double nndrSynthetic, double nndrHoldout) {
    static final int HISTOGRAM_BINS = 20;

    public DistanceToClosestRecord {
        histogramEdges = List.copyOf(histogramEdges);
    }

    /**
     * Computes the DCR metrics.
     *
     * @param tables        tables with a holdout
     * @param distance      the row distance
     * @param trainSample   training rows, as many as the holdout has, used for the DCR share
     * @param threads       threads for the search
     */
    public static DistanceToClosestRecord of(AlignedTables tables, MixedDistance distance, int[] trainSample,
                                             int threads) {
        RowMatrix train = distance.encode(tables, Role.REAL, null);
        RowMatrix synth = distance.encode(tables, Role.SYNTHETIC, null);
        RowMatrix hold = distance.encode(tables, Role.HOLDOUT, null);
        Neighbours synthTrain = NearestNeighbours.search(distance, synth, train, threads);
        Neighbours holdTrain = NearestNeighbours.search(distance, hold, train, threads);
        RowMatrix trainSubset = distance.encode(tables, Role.REAL, trainSample);
        Neighbours synthSubset = trainSample.length == train.rows() ? synthTrain
                : NearestNeighbours.search(distance, synth, trainSubset, threads);
        Neighbours synthHold = NearestNeighbours.search(distance, synth, hold, threads);
        return of(synthTrain, holdTrain, synthSubset.nearest(), synthHold.nearest());
    }

    /** The metrics from already computed neighbours. */
    static DistanceToClosestRecord of(Neighbours synthTrain, Neighbours holdTrain, double[] synthToTrainSample,
                                      double[] synthToHoldout) {
        double max = Math.max(Arrays.stream(synthTrain.nearest()).max().orElse(0),
                Arrays.stream(holdTrain.nearest()).max().orElse(0));
        double[] edges = new double[HISTOGRAM_BINS + 1];
        for (int k = 0; k <= HISTOGRAM_BINS; k++) {
            edges[k] = max > 0 ? max * k / HISTOGRAM_BINS : (double) k / HISTOGRAM_BINS;
        }
        return new DistanceToClosestRecord(DistanceDistribution.of(synthTrain.nearest(), edges),
                DistanceDistribution.of(holdTrain.nearest(), edges), Arrays.stream(edges).boxed().toList(),
                dcrShare(synthToTrainSample, synthToHoldout), zeroShare(synthTrain.nearest()),
                zeroShare(holdTrain.nearest()), medianRatio(synthTrain), medianRatio(holdTrain));
    }

    /** Share of rows with {@code toTrain < toHoldout}, ties counted ½. */
    public static double dcrShare(double[] toTrain, double[] toHoldout) {
        double s = 0;
        for (int i = 0; i < toTrain.length; i++) {
            s += toTrain[i] < toHoldout[i] ? 1.0 : toTrain[i] == toHoldout[i] ? 0.5 : 0.0;
        }
        return s / toTrain.length;
    }

    static double zeroShare(double[] d) {
        return (double) Arrays.stream(d).filter(v -> v == 0.0).count() / d.length;
    }

    static double medianRatio(Neighbours nb) {
        double[] r = new double[nb.nearest().length];
        for (int i = 0; i < r.length; i++) {
            double d1 = nb.nearest()[i];
            double d2 = nb.secondNearest()[i];
            // an exact copy among several identical rows (0/0) is as close as it gets: ratio 0
            r[i] = d1 == 0 ? 0 : Double.isInfinite(d2) ? 1 : d1 / d2;
        }
        Arrays.sort(r);
        return DistanceDistribution.percentile(r, 50);
    }
}
