package dev.doppel.neural.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.neural.Compute;
import dev.doppel.neural.ParameterSet;
import dev.doppel.neural.TrainingLoop;
import dev.doppel.neural.TrainingProgress;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian reverse process on its own, in model space (no quantile transform to straighten the data): trained on
 * a 1-D mixture 0.3·N(-2, 0.25²) + 0.7·N(2, 0.25²), it must put its samples back into the two modes with their
 * weights.
 */
class ReverseProcessTest {
    @Test
    void reproducesTheModesOfAKnownMixture() {
        int n = 4000;
        SplittableRandom random = new SplittableRandom(21);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((random.nextDouble() < 0.3 ? -2 : 2) + 0.25 * random.nextGaussian());
        }
        TabularCoding.Encoded data = new TabularCoding.Encoded(n, x, new int[0]);
        TabularCoding.Encoded validation = new TabularCoding.Encoded(400, java.util.Arrays.copyOf(x, 400), new int[0]);
        DiffusionParameters p = new DiffusionParameters(80, 256, 50, "cosine", List.of(64, 64), 16, 3e-3, "cosine", 2, 0.99,
                0.1, 80, 0, 0,
                new Compute("cpu", 1), "", 10);
        Denoiser.Architecture a = new Denoiser.Architecture(1, new int[0], p.timeDims(), p.hiddenWidths());
        Denoiser denoiser;
        try (ParameterSet weights = new ParameterSet(p.compute().start())) {
            DiffusionTrainer trainer = new DiffusionTrainer(p, a, weights, new SplittableRandom(1), data, validation,
                    new SplittableRandom(2));
            TrainingLoop.run(new TrainingLoop.Schedule(p.epochs(), p.patience(), 3, Optional.empty(), 10, "mixture"),
                    trainer, TrainingProgress.NONE);
            denoiser = trainer.denoiser();
        }
        TableMetadata metadata = new TableMetadata(List.of(ColumnMetadata.numerical("x", false, null, null, 4)));
        TabularCoding coding = TabularCoding.fit(new Table(List.of(new NumericColumn("x", new double[] {0, 1}))),
                metadata, 0);
        DiffusionModel model = new DiffusionModel(coding, p.schedule(), denoiser);
        float[] sample = model.generate(n, new SplittableRandom(4), new boolean[0][]).gaussian();

        int upper = 0;
        int gap = 0;
        double upperSum = 0;
        double lowerSum = 0;
        for (float v : sample) {
            if (v > 0) {
                upper++;
                upperSum += v;
            } else {
                lowerSum += v;
            }
            if (Math.abs(v) < 1) {
                gap++;
            }
        }
        // Mixture weight 0.7: the binomial sd at n = 4000 is 0.007; 0.05 leaves room for the small network's error.
        assertThat((double) upper / n).isCloseTo(0.7, offset(0.05));
        // Each mode's mean has a standard error below 0.01; 0.2 is under one mode's sd, so modes pulled towards each
        // other or smeared over the gap fail.
        assertThat(upperSum / upper).isCloseTo(2.0, offset(0.2));
        assertThat(lowerSum / (n - upper)).isCloseTo(-2.0, offset(0.2));
        // The true mixture puts 3e-5 of its mass within ±1 (4 sd from either mode); a blurred fit puts far more there.
        assertThat((double) gap / n).isLessThan(0.05);
    }
}
