package dev.doppel.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Java arrays copied into memory that PyTorch allocates, every time a network computes on them.
 *
 * <p>DJL's {@code NDManager.create} wraps a direct buffer of the JVM without copying it, so PyTorch's kernels would read
 * memory aligned only as the JVM's allocator happened to align it, which differs from run to run with what the JVM's
 * other threads allocated before; MKL may take other paths on other alignments. One-thread one-epoch ctgan fits of
 * Adult with the same seed on a busy machine gave 3 different models in 6 runs (and one NaN) with JVM-owned arrays,
 * 1 outlier in 14 runs with every array copied here (docs/BENCHMARKS.md, issue 5): fewer, not none, so this is one
 * cause among others still unknown. PyTorch's own allocations are 64-byte aligned; the copy costs less than a
 * microsecond per thousand values.
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
