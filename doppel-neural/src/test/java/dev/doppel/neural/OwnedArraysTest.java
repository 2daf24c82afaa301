package dev.doppel.neural;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Scalars a graph keeps for its backward pass must outlive garbage collections between the passes. */
class OwnedArraysTest {
    /** The gradient of sum(x / 4) after collections and reuse of freed direct memory between the passes. */
    private static float[] gradientAfterCollections(BiFunction<NDManager, NDArray, NDArray> quarter) {
        try (NDManager m = Compute.pytorch().newBaseManager()) {
            NDArray x = OwnedArrays.copyOf(m, new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(8));
            x.setRequiresGradient(true);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray y = quarter.apply(m, x).sum();
                churn();
                gc.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /** Collects garbage (and with it unreachable direct buffers) and fills the freed memory with other values. */
    private static void churn() {
        List<ByteBuffer> keep = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            System.gc();
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4 + i % 61);
                while (b.hasRemaining()) {
                    b.put((byte) 0x7f);
                }
                keep.add(b);
            }
        }
        keep.clear();
    }

    /**
     * With DJL's {@code x.div(4f)} in place of the owned scalar this fails: the gradient comes out of freed memory
     * (checked when the bug was found).
     */
    @Test
    void aScalarInTheGraphSurvivesCollectionsBeforeTheBackwardPass() {
        float[] gradient = gradientAfterCollections((m, x) -> x.div(OwnedArrays.scalar(m, 4f)));
        assertThat(gradient).containsOnly(0.25f);
    }

    @Test
    void copiesHoldTheirValuesAndShape() {
        try (NDManager m = Compute.pytorch().newBaseManager()) {
            NDArray a = OwnedArrays.copyOf(m, new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            churn();
            assertThat(a.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(a.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(OwnedArrays.copyOf(m, new long[] {7, 8}, new Shape(2)).toLongArray()).containsExactly(7, 8);
            assertThat(OwnedArrays.scalar(m, 2.5f).getShape().dimension()).isZero();
        }
    }
}
