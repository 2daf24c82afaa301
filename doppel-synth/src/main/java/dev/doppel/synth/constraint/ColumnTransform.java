package dev.doppel.synth.constraint;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.Constraint;
import dev.doppel.table.Column;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reversible change of representation that makes one constraint impossible to violate: the inner synthesizer learns
 * the table in "model space" ({@link #forward}), and sampled model-space values are mapped back ({@link #backward})
 * into values that satisfy the constraint by construction. Immutable.
 */
sealed interface ColumnTransform permits DifferenceTransform, RelativePositionTransform, CombinationTransform,
        FormulaTransform, SignTransform {
    /** The constraint this transform guarantees. */
    Constraint constraint();

    /** The real columns {@link #backward} restores. */
    List<String> produces();

    /** The real columns {@link #backward} reads; they are restored first. */
    List<String> reads();

    /** False when the model-space column is the real column itself (then conditions on it still work). */
    boolean reshapes();

    /** Rewrites the model-space metadata: replaces, merges or removes the produced columns. */
    void describe(LinkedHashMap<String, ColumnMetadata> model);

    /** Rewrites real columns into model space; reads the real table, writes {@code model}. */
    void forward(Table real, LinkedHashMap<String, Column> model);

    /**
     * Restores the produced columns in {@code columns} (model space in, real values out, as written); every column in
     * {@link #reads()} is already real.
     */
    void backward(LinkedHashMap<String, Column> columns, int rows);

    /** Puts {@code value} under {@code newKey} where {@code oldKey} was, keeping the order of the others. */
    static <V> void replace(LinkedHashMap<String, V> map, String oldKey, String newKey, V value) {
        List<Map.Entry<String, V>> entries = new ArrayList<>(map.entrySet());
        map.clear();
        for (Map.Entry<String, V> e : entries) {
            if (e.getKey().equals(oldKey)) {
                map.put(newKey, value);
            } else {
                map.put(e.getKey(), e.getValue());
            }
        }
    }

    /** A numerical model-space column's metadata: decimals kept so the inner model does not round it away. */
    static ColumnMetadata modelNumber(String name, boolean integer) {
        return ColumnMetadata.numerical(name, integer, null, null, integer ? 0 : 17);
    }
}
