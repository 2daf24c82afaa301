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
 */
public record TableModel(String name, List<String> columns, String nullMarker, String delimiter, int rows,
        String countKey, List<String> context, Map<String, Double> nullShares, int droppedRows,
        FittedModel model, Provenance provenance) {

    /** Prefix of the columns counting a row's children. */
    public static final String COUNT_PREFIX = "__count.";
    /** Prefix of the parent's columns copied into a child table's model. */
    public static final String CONTEXT_PREFIX = "__parent.";

    public TableModel {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        context = List.copyOf(context);
        nullShares = Map.copyOf(nullShares);
    }

    /** The column, in the parent's model, counting the rows of {@code child} that reference a row by {@code fk}. */
    public static String countColumn(String child, String fk) {
        return COUNT_PREFIX + child + "." + fk;
    }
}
