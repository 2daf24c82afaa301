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
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                writer.write(delimiter);
            }
            String v = values[i];
            if (v == null) {
                writer.write(nullMarker);
            } else if (needsQuotes(v)) {
                writer.write('"');
                writer.write(v.replace("\"", "\"\""));
                writer.write('"');
            } else {
                writer.write(v);
            }
        }
        writer.write('\n');
    }

    private boolean needsQuotes(String v) {
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
