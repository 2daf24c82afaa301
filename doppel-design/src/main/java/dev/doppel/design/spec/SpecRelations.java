package dev.doppel.design.spec;

import dev.doppel.DoppelException;
import dev.doppel.relational.DatabaseSchema;
import dev.doppel.relational.ForeignKey;
import dev.doppel.relational.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys a spec's tables have, as the relational schema {@code doppel db fit} learns a database with: a table's
 * primary key is the sequence column other tables reference (else its first sequence column, else none), its
 * foreign keys are its reference columns.
 */
public final class SpecRelations {
    private SpecRelations() {
    }

    /** The schema of the tables {@code spec} generates, each table in {@code <name>.<extension>}. */
    public static DatabaseSchema schema(DesignSpec spec, String extension) {
        Map<String, String> referenced = new HashMap<>();
        for (TableSpec t : spec.tables()) {
            for (ColumnSpec c : t.columns()) {
                if (c.source() instanceof ColumnSource.Reference r) {
                    String earlier = referenced.putIfAbsent(r.table(), r.column());
                    if (earlier != null && !earlier.equals(r.column())) {
                        throw new DoppelException("table " + r.table() + " is referenced through two columns ("
                                + earlier + " and " + r.column() + "); a database schema has one key per table");
                    }
                }
            }
        }
        List<TableSchema> tables = new ArrayList<>();
        for (TableSpec t : spec.tables()) {
            String key = referenced.get(t.name());
            if (key == null) {
                key = t.columns().stream().filter(c -> c.source() instanceof ColumnSource.Sequence)
                        .map(ColumnSpec::name).findFirst().orElse(null);
            }
            List<ForeignKey> foreignKeys = new ArrayList<>();
            for (ColumnSpec c : t.columns()) {
                if (c.source() instanceof ColumnSource.Reference r) {
                    foreignKeys.add(new ForeignKey(c.name(), r.table()));
                }
            }
            tables.add(new TableSchema(t.name(), t.name() + "." + extension, key, foreignKeys));
        }
        return new DatabaseSchema(tables);
    }
}
