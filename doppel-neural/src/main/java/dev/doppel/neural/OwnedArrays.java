package dev.doppel.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Java arrays copied into memory that PyTorch allocates, every time a network computes on them.
 *
 * <p>DJL's {@code NDManager.create} wraps a direct buffer of the JVM without copying it: PyTorch would then compute
 * on memory the JVM frees when that buffer's wrapper is collected, at a time no one controls, and aligned only as the
 * JVM's allocator happened to align it. Arrays copied here are PyTorch's own, kept alive by PyTorch as long as any
 * graph needs them (see {@link #scalar}); the copy costs less than a microsecond per thousand values.
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

    /**
     * A 0-dimensional array holding {@code value}, in PyTorch's memory: use it instead of DJL's {@code mul(Number)},
     * {@code div(Number)} and kin on any array a gradient flows through. Those make the scalar with {@code create},
     * a view of a JVM direct buffer, run the operation, then close the scalar; PyTorch's graph keeps the scalar for
     * the backward pass, and when the JVM collects the buffer in between, the backward pass reads freed memory. That
     * was the cause of ctgan fits of one seed differing between runs, of their NaN epochs and of a broken 300-epoch
     * model: a generator step's gradient computed from garbage whenever a garbage collection fell between its forward
     * and backward passes (docs/BENCHMARKS.md, issue 5).
     */
    public static NDArray scalar(NDManager manager, float value) {
        return copyOf(manager, new float[] {value}, new Shape());
    }

    private static NDArray copy(NDArray wrapped) {
        // duplicate() is PyTorch's clone: a fresh, owned allocation; the wrapper over the JVM's buffer goes at once.
        NDArray owned = wrapped.duplicate();
        wrapped.close();
        return owned;
    }
}
