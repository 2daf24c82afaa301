package dev.doppel.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Java arrays copied into memory that PyTorch allocates, every time a network computes on them.
 *
 * <p>DJL's {@code NDManager.create} wraps a direct buffer of the JVM without copying it, so PyTorch's kernels would read
 * memory the JVM frees when its buffer object is collected, aligned only as the JVM's allocator happened to align it.
 * Every array a network computes on is copied into PyTorch's own (64-byte aligned) memory instead. This was a
 * suspect in same-seed fits that differed between runs; it is not their cause (docs/BENCHMARKS.md, issue 5), but
 * computing on memory whose lifetime and alignment PyTorch controls is the sound default, and the copy costs less
 * than a microsecond per thousand values.
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
