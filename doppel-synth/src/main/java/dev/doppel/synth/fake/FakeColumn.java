package dev.doppel.synth.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.synth.ParameterReader;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A column whose values are never learned (ID, PII, TEXT): only its null rate (and for text the word counts) is
 * kept, and fresh values are generated. Implementations are immutable.
 */
public sealed interface FakeColumn permits IdValues, PiiValues, TextValues {
    /** Probability that a generated value is null, in [0, 1]. */
    double nullProbability();

    /**
     * Rows {@code [firstRow, firstRow + rows)} of the column, a pure function of the arguments.
     *
     * @param seed     already specific to the block and column
     * @param firstRow global index of the first row (block * block rows)
     */
    CategoricalColumn sample(String name, long seed, long firstRow, int rows);

    /** The fake column standing for {@code column}, which {@code meta} says is not learned (ID, PII or TEXT). */
    static FakeColumn fit(ColumnMetadata meta, Column column) {
        int n = column.size();
        double nullProbability = n == 0 ? 1.0 : (double) column.nullCount() / n;
        return switch (meta.type()) {
            case ID -> new IdValues(Boolean.TRUE.equals(meta.integer()), meta.format(), nullProbability);
            case PII -> new PiiValues(meta.pii(), nullProbability);
            default -> {
                String[] texts = new String[n];
                for (int i = 0; i < n; i++) {
                    texts[i] = column instanceof CategoricalColumn k ? k.get(i)
                            : column.isNull(i) ? null : Double.toString(((NumericColumn) column).get(i));
                }
                yield TextValues.fit(texts, nullProbability);
            }
        };
    }

    /** Writes what {@link #read} needs into a model's column entry. */
    default void writeTo(ObjectNode node) {
        node.put("nullProbability", nullProbability());
        if (this instanceof TextValues t) {
            ArrayNode q = node.putArray("wordCountQuantiles");
            for (double w : t.wordCountQuantiles()) {
                q.add(w);
            }
        }
    }

    /** Reads a column entry written by {@link #writeTo}, validating each field. */
    static FakeColumn read(ParameterReader r, ColumnMetadata meta, JsonNode node, String path) {
        double p = r.probability(node, "nullProbability", path + ".nullProbability");
        return switch (meta.type()) {
            case ID -> new IdValues(Boolean.TRUE.equals(meta.integer()), meta.format(), p);
            case PII -> new PiiValues(meta.pii(), p);
            default -> new TextValues(r.nonDecreasing(node, "wordCountQuantiles", path + ".wordCountQuantiles", 2), p);
        };
    }

    /** Builds a column from generated values (null entries are nulls); the dictionary is the non-null values. */
    static CategoricalColumn column(String name, String[] values) {
        int[] codes = new int[values.length];
        List<String> dictionary = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                codes[i] = CategoricalColumn.NULL;
            } else {
                codes[i] = dictionary.size();
                dictionary.add(values[i]);
            }
        }
        return new CategoricalColumn(name, codes, dictionary);
    }

    /** Which rows are null, drawn independently with the column's null probability. */
    static boolean[] nullRows(double nullProbability, SplittableRandom random, int rows) {
        boolean[] out = new boolean[rows];
        if (nullProbability > 0) {
            for (int i = 0; i < rows; i++) {
                out[i] = random.nextDouble() < nullProbability;
            }
        }
        return out;
    }
}
