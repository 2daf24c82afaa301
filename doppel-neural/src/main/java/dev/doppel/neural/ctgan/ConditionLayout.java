package dev.doppel.neural.ctgan;

import dev.doppel.neural.transform.ColumnEncoding;
import dev.doppel.neural.transform.ModeSpecificTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each categorical column sits in CTGAN's conditional vector (the one-hots of all categorical columns, side by
 * side) and in the transform's features.
 *
 * @param encodings    the categorical columns, as indices into the transform's encodings
 * @param offsets      each one's first position in the conditional vector
 * @param sizes        each one's number of classes
 * @param featureStart each one's first feature in the transform's rows
 * @param width        the conditional vector's length (0 when the table has no categorical column)
 */
record ConditionLayout(int[] encodings, int[] offsets, int[] sizes, int[] featureStart, int width) {
    static ConditionLayout of(ModeSpecificTransform transform) {
        List<int[]> parts = new ArrayList<>();
        int at = 0;
        for (int e = 0; e < transform.encodings().size(); e++) {
            if (transform.encodings().get(e) instanceof ColumnEncoding.Categorical k) {
                parts.add(new int[] {e, at, k.width(), transform.firstFeature(e)});
                at += k.width();
            }
        }
        return new ConditionLayout(parts.stream().mapToInt(p -> p[0]).toArray(),
                parts.stream().mapToInt(p -> p[1]).toArray(), parts.stream().mapToInt(p -> p[2]).toArray(),
                parts.stream().mapToInt(p -> p[3]).toArray(), at);
    }

    int columns() {
        return encodings.length;
    }

    /** The position of transform encoding {@code encoding} among the categorical columns, or -1. */
    int indexOf(int encoding) {
        for (int i = 0; i < encodings.length; i++) {
            if (encodings[i] == encoding) {
                return i;
            }
        }
        return -1;
    }
}
