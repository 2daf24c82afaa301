package dev.doppel.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes rows as RFC 4180 CSV (UTF-8, LF, no BOM) to a file that appears only on {@link #commit()}. A null is written
 * as the null marker; a value that would read back as null or could break the row is quoted.
 */
public final class CsvRowWriter implements AutoCloseable {
    private final AtomicOutput output;
    private final Writer writer;
    private final char delimiter;
    private final String nullMarker;
    private final int columns;
    private long rows;

    public CsvRowWriter(Path target, char delimiter, String nullMarker, List<String> header) {
        this.output = AtomicOutput.create(target);
        this.writer = new OutputStreamWriter(output.stream(), StandardCharsets.UTF_8);
        this.delimiter = delimiter;
        this.nullMarker = nullMarker;
        this.columns = header.size();
        try {
            writeFields(header.toArray(String[]::new));
        } catch (IOException e) {
            output.close();
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes one row; {@code values.length} must equal the header's length; null elements are missing values. */
    public void writeRow(String[] values) throws IOException {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values, header has " + columns);
        }
        writeFields(values);
        rows++;
    }

    private void writeFields(String[] values) throws IOException {
        StringBuilder line = new StringBuilder(16 * values.length);
        appendRow(line, values, delimiter, nullMarker);
        writer.append(line);
    }

    /**
     * Appends one row, as {@link #writeRow} writes it (fields quoted where needed, LF at the end), to {@code out}.
     * Lets callers encode rows on other threads and hand the bytes to {@link #writeEncodedRows}.
     */
    public static void appendRow(StringBuilder out, String[] values, char delimiter, String nullMarker) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            appendField(out, values[i], delimiter, nullMarker);
        }
        out.append('\n');
    }

    /** Appends one field as {@link #appendRow} does: the null marker for null, quoted where needed. */
    public static void appendField(StringBuilder out, String value, char delimiter, String nullMarker) {
        if (value == null) {
            out.append(nullMarker);
        } else if (needsQuotes(value, delimiter, nullMarker)) {
            out.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            out.append(value);
        }
    }

    /**
     * Writes {@code rows} rows already encoded by {@link #appendRow} (with this writer's delimiter and null marker)
     * as UTF-8 bytes.
     */
    public void writeEncodedRows(byte[] utf8, int rows) throws IOException {
        writer.flush();
        output.stream().write(utf8);
        this.rows += rows;
    }

    private static boolean needsQuotes(String v, char delimiter, String nullMarker) {
        if (v.isEmpty() || v.equals(nullMarker) || CsvFormat.DEFAULT.nullMarkers().contains(v)) {
            // Unquoted, these would read back as null with the usual markers; quoted they stay values.
            return true;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Data rows written so far (the header not counted). */
    public long rowsWritten() {
        return rows;
    }

    /** Flushes and makes the file appear. */
    public void commit() throws IOException {
        writer.flush();
        output.commit();
    }

    /** Discards the output unless committed. */
    @Override
    public void close() {
        output.close();
    }
}
