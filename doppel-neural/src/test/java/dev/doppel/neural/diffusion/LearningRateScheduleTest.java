package dev.doppel.neural.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.doppel.neural.diffusion.LearningRateSchedule.Decay;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void warmsUpLinearlyThenFallsToZeroByCosineOrLine() {
        LearningRateSchedule cosine = new LearningRateSchedule(0.002, 10, 110, Decay.COSINE);
        assertThat(cosine.rate(0)).isCloseTo(0.0002, offset(1e-12));
        assertThat(cosine.rate(4)).isCloseTo(0.001, offset(1e-12));
        assertThat(cosine.rate(9)).isCloseTo(0.002, offset(1e-12));
        assertThat(cosine.rate(10)).isCloseTo(0.002, offset(1e-12));
        // Half-way through the 100 decay steps the cosine is at half the peak, a quarter of the way at (1 + √½) / 2.
        assertThat(cosine.rate(60)).isCloseTo(0.001, offset(1e-12));
        assertThat(cosine.rate(35)).isCloseTo(0.002 * (1 + Math.sqrt(0.5)) / 2, offset(1e-12));
        assertThat(cosine.rate(109)).isPositive().isLessThan(1e-6);
        assertThat(cosine.rate(110)).isZero();

        LearningRateSchedule linear = new LearningRateSchedule(0.002, 0, 100, Decay.LINEAR);
        assertThat(linear.rate(0)).isCloseTo(0.002, offset(1e-12));
        assertThat(linear.rate(25)).isCloseTo(0.0015, offset(1e-12));
        assertThat(linear.rate(99)).isCloseTo(0.00002, offset(1e-12));

        LearningRateSchedule none = new LearningRateSchedule(0.002, 5, 100, Decay.NONE);
        assertThat(none.rate(2)).isCloseTo(0.0012, offset(1e-12));
        assertThat(none.rate(99)).isEqualTo(0.002);
    }

    @Test
    void neverRisesAfterTheWarmUp() {
        for (Decay decay : Decay.values()) {
            LearningRateSchedule s = new LearningRateSchedule(1e-3, 7, 1000, decay);
            for (long step = 7; step < 1200; step++) {
                assertThat(s.rate(step)).as("%s at %d", decay, step).isLessThanOrEqualTo(s.rate(step - 1));
            }
        }
    }

    @Test
    void settingsGiveStepsPerEpoch() {
        DiffusionParameters p = DiffusionParameters.defaults();
        LearningRateSchedule s = p.learningRateSchedule(23);
        assertThat(s.warmupSteps()).isEqualTo(p.warmupEpochs() * 23);
        assertThat(s.totalSteps()).isEqualTo(p.epochs() * 23L);
        assertThat(s.base()).isEqualTo(p.learningRate());
    }
}
