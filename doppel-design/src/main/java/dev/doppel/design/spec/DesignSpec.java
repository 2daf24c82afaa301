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

    /**
     * This spec with every fixed row count multiplied by {@code factor} (rounded, at least 1 row); tables with
     * children per parent follow their parents, and counted scenarios keep their counts.
     */
    public DesignSpec scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("scale must be a positive number, not " + factor);
        }
        if (factor == 1) {
            return this;
        }
        return new DesignSpec(file, sha256, tables.stream().map(t -> t.rows() instanceof TableSpec.RowCount.Fixed f
                ? new TableSpec(t.name(), new TableSpec.RowCount.Fixed(Math.max(1, Math.round(f.rows() * factor))),
                        t.columns(), t.correlations(), t.scenarios(), t.label(), t.model(), t.constraints())
                : t).toList());
    }

    /** The table named {@code name}, or null. */
    public TableSpec table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
