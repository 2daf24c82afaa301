package dev.doppel.synth.condition;

import dev.doppel.synth.SyntheticModel;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A conjunction of column conditions, at most one per column; synthetic rows sampled under it satisfy every part. See
 * {@link SyntheticModel#given(Condition)} and {@link ConditionParser} for the text form.
 */
public record Condition(List<ColumnCondition> parts) {
    public Condition {
        parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
        Set<String> seen = new HashSet<>();
        for (ColumnCondition p : parts) {
            if (!seen.add(p.column())) {
                throw new IllegalArgumentException("column " + p.column() + " is conditioned twice");
            }
        }
    }

    /** True when row {@code row} of a typed table satisfies every part; for checks and tests. */
    public boolean holds(Table table, int row) {
        for (ColumnCondition part : parts) {
            if (part instanceof ColumnCondition.OneOf oneOf) {
                CategoricalColumn c = (CategoricalColumn) table.column(part.column());
                if (!oneOf.allows(c.get(row))) {
                    return false;
                }
            } else {
                NumericColumn c = (NumericColumn) table.column(part.column());
                if (c.isNull(row) || !((ColumnCondition.Range) part).allows(c.get(row))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return parts.toString();
    }
}
