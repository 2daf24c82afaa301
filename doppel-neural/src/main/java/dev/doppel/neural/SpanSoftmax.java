package dev.doppel.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.doppel.neural.transform.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Softmax and log-softmax of every one-hot span of a row of network outputs, in a few PyTorch calls whatever the
 * number of spans. A slice and a softmax per span cost two calls each and as many graph nodes, which dominated a
 * training step on tables of a few dozen spans; here spans of similar width are gathered into one padded
 * {@code [rows, spans, width]} block (widths rounded up to a power of two, so padding at most doubles a block), the
 * softmax runs along the last axis, and one more gather puts every feature back in its place.
 *
 * <p>Index arrays depend on the batch's row count (PyTorch's gather wants an index of the input's rank); they are
 * built once per row count and kept until {@link #close()}.
 */
public final class SpanSoftmax implements AutoCloseable {
    /** Padding logit: exp of it is 0 in float, and it stays finite so 0 · padding is 0, not NaN. */
    private static final float PADDING = -1e9f;

    private final List<int[]> blocks = new ArrayList<>();
    private final int[] blockWidths;
    private final int[] outputColumn;
    private final NDManager manager;
    private final Map<Integer, Indexes> byRows = new HashMap<>();

    private record Indexes(NDArray[] blocks, NDArray output) { }

    /**
     * @param spans  the spans of a row of {@code width} features
     * @param parent the manager whose lifetime bounds the cached index arrays
     */
    public SpanSoftmax(List<Span> spans, int width, NDManager parent) {
        this.manager = parent.newSubManager();
        TreeMap<Integer, List<Span>> byWidth = new TreeMap<>();
        for (Span span : spans) {
            if (span.kind() == Span.Kind.ONE_HOT) {
                byWidth.computeIfAbsent(Integer.highestOneBit(span.width() * 2 - 1), k -> new ArrayList<>()).add(span);
            }
        }
        blockWidths = new int[byWidth.size()];
        outputColumn = new int[width];
        for (int j = 0; j < width; j++) {
            outputColumn[j] = j;
        }
        int b = 0;
        int at = width;
        for (Map.Entry<Integer, List<Span>> e : byWidth.entrySet()) {
            int padded = e.getKey();
            List<Span> members = e.getValue();
            int[] columns = new int[members.size() * padded];
            java.util.Arrays.fill(columns, width);
            for (int s = 0; s < members.size(); s++) {
                Span span = members.get(s);
                for (int k = 0; k < span.width(); k++) {
                    columns[s * padded + k] = span.start() + k;
                    outputColumn[span.start() + k] = at + s * padded + k;
                }
            }
            blocks.add(columns);
            blockWidths[b++] = padded;
            at += columns.length;
        }
    }

    /** Whether there is no one-hot span. */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /**
     * {@code [rows, width]}: one-hot features the softmax of {@code logits} within their span, other features taken
     * from {@code values}.
     */
    public NDArray activate(NDArray values, NDArray logits) {
        if (isEmpty()) {
            return values;
        }
        int rows = (int) logits.getShape().get(0);
        Indexes idx = indexes(rows);
        NDArray padded = pad(logits, PADDING);
        NDList parts = new NDList(values);
        for (int b = 0; b < blocks.size(); b++) {
            int n = blocks.get(b).length;
            parts.add(padded.gather(idx.blocks()[b], 1).reshape(rows, n / blockWidths[b], blockWidths[b])
                    .softmax(2).reshape(rows, n));
        }
        return NDArrays.concat(parts, 1).gather(idx.output(), 1);
    }

    /**
     * Σ over rows and one-hot spans of {@code target · log softmax(logits)} within each span, a scalar: the negative
     * cross-entropy of one-hot (or probability) targets, summed. Features of {@code target} outside one-hot spans are
     * ignored.
     */
    public NDArray logLikelihood(NDArray logits, NDArray target) {
        if (isEmpty()) {
            return logits.getManager().create(0f);
        }
        int rows = (int) logits.getShape().get(0);
        Indexes idx = indexes(rows);
        NDArray paddedLogits = pad(logits, PADDING);
        NDArray paddedTarget = pad(target, 0f);
        NDArray total = null;
        for (int b = 0; b < blocks.size(); b++) {
            int n = blocks.get(b).length;
            NDArray logSoftmax = paddedLogits.gather(idx.blocks()[b], 1)
                    .reshape(rows, n / blockWidths[b], blockWidths[b]).logSoftmax(2).reshape(rows, n);
            NDArray term = logSoftmax.mul(paddedTarget.gather(idx.blocks()[b], 1)).sum();
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    private NDArray pad(NDArray x, float value) {
        NDArray column = x.getManager().full(new Shape(x.getShape().get(0), 1), value);
        return NDArrays.concat(new NDList(x, column), 1);
    }

    private Indexes indexes(int rows) {
        return byRows.computeIfAbsent(rows, r -> {
            NDArray[] b = new NDArray[blocks.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = repeated(blocks.get(i), r);
            }
            return new Indexes(b, repeated(outputColumn, r));
        });
    }

    private NDArray repeated(int[] columns, int rows) {
        long[] v = new long[rows * columns.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < columns.length; j++) {
                v[r * columns.length + j] = columns[j];
            }
        }
        return OwnedArrays.copyOf(manager, v, new Shape(rows, columns.length));
    }

    @Override
    public void close() {
        manager.close();
    }
}
