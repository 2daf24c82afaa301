package dev.doppel.jdbc;

import dev.doppel.relational.DatabaseSchema;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A database read through DuckDB. The relational synthesizer learns from a folder of CSV files, so a source hands
 * its tables over in that form: the CSV path's type inference, key checks and error messages then apply unchanged.
 */
public interface TableSource extends AutoCloseable {
    /** The tables, primary keys and foreign keys the store declares; empty when it declares none (Parquet). */
    Optional<DatabaseSchema> declaredSchema();

    /** Writes every table of {@code schema} as a CSV file named {@code table.file()} into {@code folder}. */
    void exportCsv(DatabaseSchema schema, Path folder);

    @Override
    void close();
}
