package dev.doppel.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrozenDenseTest {
    @Test
    void javaForwardAgreesWithPyTorch() {
        try (ParameterSet parameters = new ParameterSet(new Compute("cpu", 1).start())) {
            Dense dense = parameters.dense("d", 17, 9, new SplittableRandom(5));
            float[] x = SeededDraws.normal(new SplittableRandom(6), 33 * 17);
            float[] expected;
            try (NDManager scope = parameters.manager().newSubManager()) {
                expected = dense.forward(scope.create(x, new Shape(33, 17))).toFloatArray();
            }
            FrozenDense frozen = FrozenDense.of(WeightsBlock.of(parameters.snapshot()), "d");
            float[] actual = frozen.forward(x, 33);
            // 17 products of magnitude ≲ 1 in float32: summation order alone moves results by ~1e-6.
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-5f));
            }
        }
    }
}
