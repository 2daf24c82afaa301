package dev.doppel.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.doppel.DoppelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop on a linear regression y = 2·x1 − 3·x2 + 1 + noise(σ = 0.1), small enough to train in milliseconds. */
class TrainingLoopTest {
    private static final int ROWS = 512;
    private static final float[] X = SeededDraws.normal(new SplittableRandom(1), 2 * ROWS);
    private static final float[] Y = new float[ROWS];

    static {
        float[] noise = SeededDraws.normal(new SplittableRandom(2), ROWS);
        for (int i = 0; i < ROWS; i++) {
            Y[i] = 2 * X[2 * i] - 3 * X[2 * i + 1] + 1 + 0.1f * noise[i];
        }
    }

    /** Trains on rows 0..383, validates on 384..511; stops after {@code failAt} epochs when positive. */
    static final class Regression implements TrainingLoop.Run, AutoCloseable {
        final ParameterSet parameters;
        final Dense layer;
        final Adam adam;
        int failAt = -1;
        int divergeAt = -1;

        Regression(long seed) {
            Device device = new Compute("cpu", 1).start();
            parameters = new ParameterSet(device);
            layer = parameters.dense("linear", 2, 1, new SplittableRandom(seed));
            adam = new Adam(parameters, 0.05f, 0.9f, 0.999f, 0);
        }

        @Override
        public double trainEpoch(int epoch, SplittableRandom random) {
            if (epoch == failAt) {
                throw new IllegalStateException("interrupted");
            }
            if (epoch == divergeAt) {
                // What a diverged network looks like: NaN weights and a NaN loss.
                parameters.replace(new NamedTensor("linear.weight", new int[] {2, 1}, new float[] {Float.NaN, 0}));
                return Double.NaN;
            }
            int[] order = SeededDraws.permutation(random, 384);
            double total = 0;
            for (int start = 0; start < order.length; start += 64) {
                float[] x = new float[128];
                float[] y = new float[64];
                for (int i = 0; i < 64; i++) {
                    int r = order[start + i];
                    x[2 * i] = X[2 * r];
                    x[2 * i + 1] = X[2 * r + 1];
                    y[i] = Y[r];
                }
                try (NDManager scope = parameters.manager().newSubManager()) {
                    try (GradientCollector gc = scope.getEngine().newGradientCollector()) {
                        NDArray loss = layer.forward(scope.create(x, new Shape(64, 2)))
                                .sub(scope.create(y, new Shape(64, 1))).square().mean();
                        gc.backward(loss);
                        total += loss.getFloat();
                    }
                    adam.step();
                }
            }
            return total / 6;
        }

        @Override
        public double validationLoss() {
            try (NDManager scope = parameters.manager().newSubManager()) {
                float[] x = java.util.Arrays.copyOfRange(X, 768, 1024);
                float[] y = java.util.Arrays.copyOfRange(Y, 384, 512);
                return layer.forward(scope.create(x, new Shape(128, 2))).sub(scope.create(y, new Shape(128, 1)))
                        .square().mean().getFloat();
            }
        }

        @Override
        public List<NamedTensor> weights() {
            return parameters.snapshot();
        }

        @Override
        public void loadWeights(List<NamedTensor> weights) {
            parameters.load(weights);
        }

        @Override
        public List<NamedTensor> optimizerState() {
            return adam.state("adam");
        }

        @Override
        public void restoreOptimizerState(WeightsBlock checkpoint) {
            adam.restore("adam", checkpoint);
        }

        @Override
        public void close() {
            adam.close();
            parameters.close();
        }
    }

    private static TrainingLoop.Schedule schedule(int epochs, int patience, Path checkpoint, String key) {
        return new TrainingLoop.Schedule(epochs, patience, 9, Optional.ofNullable(checkpoint), 1, key);
    }

    @Test
    void lossFallsToTheNoiseLevelAndProgressIsReported() {
        try (Regression r = new Regression(3)) {
            int[] reports = new int[1];
            TrainingLoop.Outcome outcome = TrainingLoop.run(schedule(60, 0, null, "k"), r,
                    (epoch, epochs, train, validation) -> {
                        assertThat(epoch).isEqualTo(++reports[0]);
                        assertThat(epochs).isEqualTo(60);
                    });
            assertThat(reports[0]).isEqualTo(60);
            assertThat(outcome.trainLosses()[59]).isLessThan(outcome.trainLosses()[0] / 50);
            // The noise variance is 0.01; a fitted line leaves about that on held-out rows.
            assertThat(outcome.validationLosses()[59]).isBetween(0.005, 0.02);
        }
    }

    @Test
    void aDivergedEpochStopsTrainingAndTheLastSoundWeightsAreKept() {
        try (Regression r = new Regression(3)) {
            r.divergeAt = 4;
            List<List<NamedTensor>> afterEpoch = new java.util.ArrayList<>();
            List<Double> reported = new java.util.ArrayList<>();
            TrainingLoop.Outcome outcome = TrainingLoop.run(schedule(20, 0, null, "k"), r,
                    (epoch, epochs, train, validation) -> {
                        afterEpoch.add(r.weights());
                        reported.add(train);
                    });
            assertThat(outcome.divergedAt()).isEqualTo(5);
            assertThat(outcome.epochsRun()).isEqualTo(4);
            assertThat(outcome.bestEpoch()).isEqualTo(4);
            assertThat(reported).hasSize(5);
            assertThat(reported.get(4)).isNaN();
            assertThat(r.weights().get(0).values()).containsExactly(afterEpoch.get(3).get(0).values());
            assertThat(r.validationLoss()).isFinite();
        }
    }

    @Test
    void aFirstEpochThatDivergesIsAnError() {
        try (Regression r = new Regression(3)) {
            r.divergeAt = 0;
            assertThatThrownBy(() -> TrainingLoop.run(schedule(20, 0, null, "k"), r, TrainingProgress.NONE))
                    .isInstanceOf(dev.doppel.DoppelException.class)
                    .hasMessageContaining("training diverged in epoch 1");
        }
    }

    @Test
    void earlyStoppingKeepsTheBestEpochsWeights() {
        try (Regression r = new Regression(3)) {
            TrainingLoop.Outcome outcome = TrainingLoop.run(schedule(400, 5, null, "k"), r, TrainingProgress.NONE);
            assertThat(outcome.epochsRun()).isLessThan(400);
            assertThat(outcome.epochsRun() - outcome.bestEpoch()).isEqualTo(5);
            double best = java.util.Arrays.stream(outcome.validationLosses()).min().orElseThrow();
            assertThat(outcome.validationLosses()[outcome.bestEpoch() - 1]).isEqualTo(best);
            assertThat((float) r.validationLoss()).isEqualTo((float) best);
        }
    }

    @Test
    void aResumedFitEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path dir) {
        List<NamedTensor> expected;
        try (Regression r = new Regression(4)) {
            TrainingLoop.run(schedule(12, 0, null, "k"), r, TrainingProgress.NONE);
            expected = r.weights();
        }
        Path checkpoint = dir.resolve("model.doppel.checkpoint");
        try (Regression r = new Regression(4)) {
            r.failAt = 7;
            assertThatThrownBy(() -> TrainingLoop.run(schedule(12, 0, checkpoint, "k"), r, TrainingProgress.NONE))
                    .hasMessage("interrupted");
        }
        assertThat(checkpoint).exists();
        try (Regression other = new Regression(4)) {
            assertThatThrownBy(() -> TrainingLoop.run(schedule(12, 0, checkpoint, "other"), other,
                    TrainingProgress.NONE)).isInstanceOf(DoppelException.class).hasMessageContaining("another fit");
        }
        // A fresh process would start from other initial weights: the checkpoint must override them.
        try (Regression r = new Regression(99)) {
            TrainingLoop.Outcome outcome = TrainingLoop.run(schedule(12, 0, checkpoint, "k"), r, TrainingProgress.NONE);
            assertThat(outcome.resumedAt()).isEqualTo(7);
            assertThat(outcome.trainLosses()).hasSize(12);
            List<NamedTensor> resumed = r.weights();
            for (int i = 0; i < expected.size(); i++) {
                assertThat(resumed.get(i).sameAs(expected.get(i))).isTrue();
            }
        }
        assertThat(Files.exists(checkpoint)).isFalse();
    }
}
