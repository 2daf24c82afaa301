package dev.doppel.relational;

import dev.doppel.provenance.Provenance;
import dev.doppel.synth.FittedModel;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What was learned about one table of a database.
 *
 * <p>The single-table {@link #model} is fitted on the table's non-key columns, plus one {@code __count.<child>.<fk>}
 * column per foreign key of another table pointing here (how many child rows reference each row), plus, for a child
 * table, {@code __parent.<column>} copies of a few of its count parent's categorical columns. The counts are thus
 * learned jointly with the row's own attributes, and child rows are learned together with their parent's context.
 *
 * @param name        the table's name in the schema
 * @param columns     the table's columns in file order, as written on output
 * @param nullMarker  the token for a missing value in the source file
 * @param delimiter   the source file's delimiter
 * @param rows        real rows
 * @param countKey    the foreign key whose parent decides how many rows this table gets (its {@code __count} column);
 *                    null for a root table, whose row count is {@code rows} times the scale
 * @param context     the count parent's columns copied into this table's model as {@code __parent.<column>}
 * @param nullShares  for every foreign key other than {@code countKey}: the share of real rows where it is missing
 * @param droppedRows real rows left out of the model because their {@code countKey} was missing or pointed to no
 *                    parent row (orphans)
 * @param model       the fitted model; null when the table has no column to learn (only keys)
 * @param provenance  how {@code model} was made; null with it
 * @param inherited   columns copied from the count parent's synthetic row instead of learned: child column to parent
 *                    column, found at fit time where the child's value equals its parent's in at least
 *                    {@value #INHERITED_SHARE} of the rows (Invoice.BillingCity = Customer.City)
 * @param childCounts for each {@code __count} column of this table's model: the real rows' counts, sorted (at most
 *                    {@value #COUNT_QUANTILES} of them, evenly spaced, for a larger table), which replace the sampled
 *                    counts by rank (see docs/RELATIONAL.md); empty in models written before they were kept
 */
public record TableModel(String name, List<String> columns, String nullMarker, String delimiter, int rows,
        String countKey, List<String> context, Map<String, Double> nullShares, int droppedRows,
        FittedModel model, Provenance provenance, Map<String, String> inherited,
        Map<String, List<Integer>> childCounts) {

    /** Share of rows in which a child column must equal a parent column to be inherited rather than learned. */
    public static final double INHERITED_SHARE = 0.99;
    /** At most this many real child counts are kept per {@code __count} column (see {@link #childCounts}). */
    public static final int COUNT_QUANTILES = 1001;

    /** Prefix of the columns counting a row's children. */
    public static final String COUNT_PREFIX = "__count.";
    /** Prefix of the parent's columns copied into a child table's model. */
    public static final String CONTEXT_PREFIX = "__parent.";

    public TableModel {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        context = List.copyOf(context);
        nullShares = Map.copyOf(nullShares);
        inherited = Map.copyOf(inherited);
        Map<String, List<Integer>> counts = new java.util.TreeMap<>();
        childCounts.forEach((k, v) -> counts.put(k, List.copyOf(v)));
        childCounts = java.util.Collections.unmodifiableMap(counts);
        for (String column : inherited.keySet()) {
            if (countKey == null || !columns.contains(column)) {
                throw new IllegalArgumentException("table " + name + ": inherited column " + column
                        + " needs a count key and must be one of the table's columns");
            }
        }
    }

    /** The column, in the parent's model, counting the rows of {@code child} that reference a row by {@code fk}. */
    public static String countColumn(String child, String fk) {
        return COUNT_PREFIX + child + "." + fk;
    }
}
