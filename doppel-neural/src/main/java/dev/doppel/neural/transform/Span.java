package dev.doppel.neural.transform;

/**
 * A run of adjacent features of the encoded table that a network's output activation treats together.
 *
 * @param start  first feature
 * @param width  features, at least 1
 * @param kind   {@link Kind#VALUE}: one feature in [-1, 1] (tanh); {@link Kind#ONE_HOT}: a one-hot choice (softmax)
 * @param column index of the table column the span encodes
 */
public record Span(int start, int width, Kind kind, int column) {
    /** How a span's features are produced. */
    public enum Kind { VALUE, ONE_HOT }

    public Span {
        if (start < 0 || width < 1 || (kind == Kind.VALUE && width != 1)) {
            throw new IllegalArgumentException("bad span " + start + "+" + width + " " + kind);
        }
    }

    public int end() {
        return start + width;
    }
}
