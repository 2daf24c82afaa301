package dev.doppel.design.generate;

import dev.doppel.design.spec.TableSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@link DesignGenerator} stores each table: {@link #CSV} and {@link #JSONL} are written block by block; a format
 * made by {@link #convertedFromCsv} is written as CSV first and converted by the caller's {@link CsvConversion}
 * before the folder appears (Parquet: the CLI converts with DuckDB, which this module does not depend on).
 *
 * @param name       the name users give ({@code --format}) and the manifest records
 * @param extension  the table files' extension, without the dot
 * @param conversion null for formats written directly
 */
public record OutputFormat(String name, String extension, CsvConversion conversion) {
    /** RFC 4180 CSV, UTF-8, an empty field for a missing value. */
    public static final OutputFormat CSV = new OutputFormat("csv", "csv", null);
    /**
     * JSON Lines: one object per row, keys in column order; numbers and booleans as JSON numbers and booleans,
     * dates, date-times and text as strings (as in the CSV), a missing value as {@code null}.
     */
    public static final OutputFormat JSONL = new OutputFormat("jsonl", "jsonl", null);

    public OutputFormat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(extension, "extension");
    }

    /** A format written as CSV and then converted by {@code conversion}. */
    public static OutputFormat convertedFromCsv(String name, String extension, CsvConversion conversion) {
        return new OutputFormat(name.toLowerCase(Locale.ROOT), extension, Objects.requireNonNull(conversion));
    }

    /** Turns a table's complete CSV file into the format's file. */
    @FunctionalInterface
    public interface CsvConversion {
        /**
         * Writes {@code target} from {@code csv}, which holds {@code table}'s header and rows (its columns' kinds
         * and decimals say how to type them; the label column, if any, is last and text).
         */
        void convert(TableSpec table, Path csv, Path target) throws IOException;
    }
}
