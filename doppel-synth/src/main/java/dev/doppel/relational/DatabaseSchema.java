package dev.doppel.relational;

import dev.doppel.DoppelException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tables of a database and how they refer to each other. The constructor checks that every foreign key points to
 * a table of the schema that has a single-column primary key, that no column is two foreign keys, and that foreign
 * keys form no cycle other than a table referring to itself (such as an employee's manager).
 */
public record DatabaseSchema(List<TableSchema> tables) {
    public DatabaseSchema {
        tables = List.copyOf(tables);
        Map<String, TableSchema> byName = new LinkedHashMap<>();
        for (TableSchema t : tables) {
            if (byName.putIfAbsent(t.name(), t) != null) {
                throw new DoppelException("table " + t.name() + " is listed twice in the schema");
            }
        }
        if (tables.isEmpty()) {
            throw new DoppelException("the schema lists no table");
        }
        for (TableSchema t : tables) {
            Set<String> columns = new HashSet<>();
            for (ForeignKey f : t.foreignKeys()) {
                TableSchema parent = byName.get(f.parentTable());
                if (parent == null) {
                    throw new DoppelException("foreign key " + t.name() + "." + f.column() + " references table "
                            + f.parentTable() + ", which is not in the schema (tables: "
                            + String.join(", ", byName.keySet()) + ")");
                }
                if (parent.primaryKey() == null) {
                    throw new DoppelException("foreign key " + t.name() + "." + f.column() + " references table "
                            + f.parentTable() + ", which has no single-column primary key");
                }
                if (!columns.add(f.column())) {
                    throw new DoppelException("column " + t.name() + "." + f.column() + " is two foreign keys; "
                            + "a column may reference one table");
                }
                if (f.column().equals(t.primaryKey())) {
                    throw new DoppelException("column " + t.name() + "." + f.column() + " is both the primary key "
                            + "and a foreign key; one-to-one tables sharing a key are not supported yet");
                }
            }
        }
        order(tables, byName);
    }

    public Optional<TableSchema> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The tables with every parent before its children (ties in schema order); self-references are ignored. */
    public List<TableSchema> parentsFirst() {
        Map<String, TableSchema> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        return order(tables, byName);
    }

    /** The tables that reference {@code parent} (other than itself), in schema order. */
    public List<TableSchema> childrenOf(String parent) {
        return tables.stream().filter(t -> t.parentKeys().stream().anyMatch(f -> f.parentTable().equals(parent)))
                .toList();
    }

    private static List<TableSchema> order(List<TableSchema> tables, Map<String, TableSchema> byName) {
        // Repeatedly take the first table (in schema order) whose parents are all placed: stable and simple; the
        // schemas are small, so the quadratic cost does not matter.
        List<TableSchema> placed = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (placed.size() < tables.size()) {
            TableSchema next = null;
            for (TableSchema t : tables) {
                if (!done.contains(t.name())
                        && t.parentKeys().stream().allMatch(f -> done.contains(f.parentTable()))) {
                    next = t;
                    break;
                }
            }
            if (next == null) {
                List<String> left = tables.stream().map(TableSchema::name).filter(n -> !done.contains(n)).toList();
                throw new DoppelException("the foreign keys form a cycle among tables " + String.join(", ", left)
                        + " (" + describeCycle(left, byName) + "); only a table referring to itself is supported");
            }
            placed.add(next);
            done.add(next.name());
        }
        return placed;
    }

    private static String describeCycle(List<String> left, Map<String, TableSchema> byName) {
        // Walk parent links among the unplaced tables until a table repeats: that walk is a cycle.
        List<String> path = new ArrayList<>();
        String at = left.get(0);
        while (!path.contains(at)) {
            path.add(at);
            String current = at;
            at = byName.get(current).parentKeys().stream().map(ForeignKey::parentTable)
                    .filter(left::contains).findFirst().orElseThrow();
        }
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        cycle.add(at);
        return String.join(" -> ", cycle);
    }
}
