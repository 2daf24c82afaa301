package dev.doppel.neural.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.neural.Compute;
import dev.doppel.neural.NamedTensor;
import dev.doppel.neural.ParameterSet;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training details: the weight average that becomes the model, and resuming a fit from its checkpoint. */
class DiffusionTrainingTest {
    private static final int ROWS = 200;

    /** One Gaussian coordinate tied to a 3-category one; rows ≤ batch size, so one epoch is one gradient step. */
    private static TabularCoding.Encoded data(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] g = new float[rows];
        int[] k = new int[rows];
        for (int i = 0; i < rows; i++) {
            k[i] = random.nextInt(3);
            g[i] = (float) (k[i] - 1 + 0.3 * random.nextGaussian());
        }
        return new TabularCoding.Encoded(rows, g, k);
    }

    private static DiffusionParameters parameters(double emaDecay) {
        return new DiffusionParameters(12, 256, 20, "cosine", List.of(16), 8, 1e-2, "linear", 2, emaDecay, 0.1, 5,
                0, 0.2, new Compute("cpu", 1), "", 10);
    }

    /** The raw weights after each of {@code steps} one-step epochs, the initial weights first. */
    private static List<List<NamedTensor>> trajectory(DiffusionTrainer trainer, int steps) {
        List<List<NamedTensor>> out = new ArrayList<>();
        out.add(trainer.rawWeights());
        for (int e = 0; e < steps; e++) {
            trainer.trainEpoch(e, new SplittableRandom(StreamSeeds.mix(5, e)));
            out.add(trainer.rawWeights());
        }
        return out;
    }

    @Test
    void theModelIsTheExponentialAverageOfTheRawWeightsWhichItDoesNotDisturb() {
        Denoiser.Architecture a = new Denoiser.Architecture(1, new int[] {3}, 8, new int[] {16});
        int steps = 12;
        double decay = 0.5;
        List<List<NamedTensor>> raw;
        try (ParameterSet w = new ParameterSet(new Compute("cpu", 1).start())) {
            raw = trajectory(new DiffusionTrainer(parameters(0), a, w, new SplittableRandom(1), data(ROWS, 2),
                    data(20, 3), new SplittableRandom(4)), steps);
        }
        try (ParameterSet w = new ParameterSet(new Compute("cpu", 1).start())) {
            DiffusionTrainer averaged = new DiffusionTrainer(parameters(decay), a, w, new SplittableRandom(1),
                    data(ROWS, 2), data(20, 3), new SplittableRandom(4));
            List<List<NamedTensor>> rawWithAverage = trajectory(averaged, steps);
            List<NamedTensor> model = averaged.denoiser().weights().tensors();
            for (int p = 0; p < model.size(); p++) {
                // Averaging only reads the weights: the training path is bit-for-bit the same.
                assertThat(rawWithAverage.get(steps).get(p).values()).isEqualTo(raw.get(steps).get(p).values());
                float[] expected = raw.get(0).get(p).values().clone();
                for (int n = 0; n < steps; n++) {
                    double d = WeightAverage.rate(decay, n);
                    float[] next = raw.get(n + 1).get(p).values();
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = (float) (d * expected[i] + (1 - d) * next[i]);
                    }
                }
                float[] stored = model.get(p).values();
                assertThat(model.get(p).name()).isEqualTo(raw.get(0).get(p).name());
                for (int i = 0; i < stored.length; i++) {
                    assertThat(stored[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
                }
                // With a learning rate of 0.01 the last iterate has moved away from the average.
                assertThat(stored).isNotEqualTo(raw.get(steps).get(p).values());
            }
        }
        assertThat(WeightAverage.rate(0.999, 0)).isEqualTo(0.1);
        assertThat(WeightAverage.rate(0.999, 10_000)).isEqualTo(0.999);
    }

    @Test
    void aDiscreteNumericColumnKeepsItsValuesAndFollowsItsCategory() {
        // level is 10, 20 or 30 by group in 90 % of rows, another of the three otherwise, null in 10 %.
        int rows = 2000;
        SplittableRandom random = new SplittableRandom(12);
        int[] group = new int[rows];
        double[] level = new double[rows];
        for (int i = 0; i < rows; i++) {
            group[i] = random.nextInt(3);
            int l = random.nextDouble() < 0.9 ? group[i] : (group[i] + 1 + random.nextInt(2)) % 3;
            level[i] = random.nextDouble() < 0.1 ? Double.NaN : 10 * (l + 1);
        }
        TableMetadata metadata = new TableMetadata(List.of(ColumnMetadata.categorical("group"),
                ColumnMetadata.numerical("level", true, null, null, 0)));
        Table table = new Table(List.of(new CategoricalColumn("group", group, List.of("a", "b", "c")),
                new NumericColumn("level", level)));
        DiffusionModel model = new DiffusionSynthesizer(new DiffusionParameters(40, 256, 30, "cosine",
                List.of(64, 64), 8, 3e-3, "cosine", 1, 0.99, 0.1, 40, 20, 0.2, new Compute("cpu", 1), "", 10),
                (e, n, l, v) -> { }).fit(table, metadata, 5);
        Table synthetic = Sampler.sampleTable(model, rows, 1, 1);
        CategoricalColumn g = (CategoricalColumn) synthetic.column("group");
        NumericColumn y = (NumericColumn) synthetic.column("level");
        int agree = 0;
        int known = 0;
        for (int i = 0; i < rows; i++) {
            if (y.isNull(i)) {
                continue;
            }
            assertThat(y.get(i)).isIn(10.0, 20.0, 30.0);
            known++;
            if (y.get(i) == 10 * (g.get(i).charAt(0) - 'a' + 1)) {
                agree++;
            }
        }
        // Real agreement 0.9 (binomial sd 0.007 at n = 1800) against 1/3 for a lost dependency; 0.8 leaves room
        // for the small network's error. Null share 0.1, sd 0.007; 0.04 likewise.
        assertThat((double) agree / known).isGreaterThan(0.8);
        assertThat((double) (rows - known) / rows).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.04));
    }

    @Test
    void aResumedFitMakesTheSameModelAsAnUninterruptedOne(@TempDir Path dir) {
        Table table = DiffusionSynthesizerTest.dependentTable(300, new SplittableRandom(8));
        var metadata = DiffusionSynthesizerTest.dependentMetadata();
        Path checkpoint = dir.resolve("fit.checkpoint");
        DiffusionParameters p = new DiffusionParameters(9, 64, 20, "cosine", List.of(32), 8, 3e-3, "cosine", 1, 0.9,
                0.2, 50, 0, 0.2, new Compute("cpu", 1), "", 2);
        byte[] expected = new DiffusionSynthesizer(p, (e, n, l, v) -> { }).fit(table, metadata, 3)
                .binaryParts().get("weights");
        DiffusionParameters withCheckpoint = new DiffusionParameters(p.epochs(), p.batchSize(), p.steps(),
                p.scheduleKind(), p.hidden(), p.timeDims(), p.learningRate(), p.learningRateDecay(),
                p.warmupEpochs(), p.emaDecay(), p.validationShare(), p.patience(), p.discreteLimit(), p.cleanShare(),
                p.compute(), checkpoint.toString(), 2);
        assertThatThrownBy(() -> new DiffusionSynthesizer(withCheckpoint, (epoch, n, l, v) -> {
            if (epoch == 5) {
                throw new IllegalStateException("interrupted");
            }
        }).fit(table, metadata, 3)).hasMessage("interrupted");
        assertThat(checkpoint).exists();
        List<Integer> reported = new ArrayList<>();
        byte[] resumed = new DiffusionSynthesizer(withCheckpoint, (e, n, l, v) -> reported.add(e))
                .fit(table, metadata, 3).binaryParts().get("weights");
        // The checkpoint of epoch 4 was the last before the interruption: the fit goes on from there, and the raw
        // weights, Adam's moments and the average all come back exactly.
        assertThat(reported).containsExactly(5, 6, 7, 8, 9);
        assertThat(resumed).isEqualTo(expected);
        assertThat(Files.exists(checkpoint)).isFalse();
    }
}
