package dev.doppel.design.spec;

import java.util.List;

/**
 * A validated doppel-spec: tables in generation order (every table after the tables it references).
 *
 * @param file   the spec file's name
 * @param sha256 SHA-256 of the spec's bytes, recorded in manifests
 * @param tables the tables, parents first
 */
public record DesignSpec(String file, String sha256, List<TableSpec> tables) {
    public static final String FORMAT = "doppel-spec";
    public static final int FORMAT_VERSION = 1;

    public DesignSpec {
        tables = List.copyOf(tables);
    }

    /** The table named {@code name}, or null. */
    public TableSpec table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
