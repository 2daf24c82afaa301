package dev.doppel.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Java arrays copied into memory that PyTorch allocates, every time a network computes on them.
 *
 * <p>DJL's {@code NDManager.create} wraps a direct buffer of the JVM without copying it, so PyTorch's kernels read
 * memory aligned only as the JVM's allocator happened to align it, which differs from run to run with what the JVM's
 * other threads allocated before. MKL's kernels (matrix products, logarithms, roots) take other paths on other
 * alignments and round differently in the last bit; a GAN amplifies such a bit into another model. One-thread ctgan
 * fits of the same seed on a busy machine gave different models (and once NaN) until every array was copied here
 * first; PyTorch's own allocations are 64-byte aligned. The copy costs less than a microsecond per thousand values.
 */
public final class OwnedArrays {
    private OwnedArrays() {
    }

    /** {@code values} in PyTorch's memory, shaped {@code shape}, attached to {@code manager}. */
    public static NDArray copyOf(NDManager manager, float[] values, Shape shape) {
        return copy(manager.create(values, shape));
    }

    /** {@code values} in PyTorch's memory, one-dimensional, attached to {@code manager}. */
    public static NDArray copyOf(NDManager manager, float[] values) {
        return copy(manager.create(values));
    }

    /** {@code values} in PyTorch's memory, shaped {@code shape}, attached to {@code manager}. */
    public static NDArray copyOf(NDManager manager, long[] values, Shape shape) {
        return copy(manager.create(values, shape));
    }

    private static NDArray copy(NDArray wrapped) {
        // duplicate() is PyTorch's clone: a fresh, owned allocation; the wrapper over the JVM's buffer goes at once.
        NDArray owned = wrapped.duplicate();
        wrapped.close();
        return owned;
    }
}
