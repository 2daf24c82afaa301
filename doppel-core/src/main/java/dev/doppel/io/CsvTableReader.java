package dev.doppel.io;

import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF, optional UTF-8 BOM) into a
 * {@link CsvTable} of dictionary-encoded string columns. Strict: the file must be UTF-8, have a header with unique
 * non-empty names, at least one data row, and the header's field count on every row; anything else is an
 * {@link InvalidDataException} naming the line (and column where there is one). Blank lines are skipped.
 *
 * <p>Hand-written rather than built on a CSV library because it must tell a quoted {@code "NA"} (a value) from an
 * unquoted NA (missing), and report the exact line of an unterminated quote or a bad byte.
 */
public final class CsvTableReader {
    private final CsvFormat format;

    public CsvTableReader(CsvFormat format) {
        this.format = format;
    }

    public CsvTable read(Path file) {
        String name = file.getFileName().toString();
        return parse(decode(InputFile.readBytes(file), name), name);
    }

    public CsvTable read(InputStream in, String sourceName) {
        try {
            return parse(decode(in.readAllBytes(), sourceName), sourceName);
        } catch (IOException e) {
            throw new DoppelException("cannot read " + sourceName + ": " + e.getMessage(), e);
        }
    }

    private static char[] decode(byte[] bytes, String name) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            for (int i = start; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InvalidDataException(name, line, null, "valid UTF-8 text",
                    String.format("the byte 0x%02X", bytes[bad] & 0xFF));
        }
        decoder.flush(out);
        return Arrays.copyOf(out.array(), out.position());
    }

    private CsvTable parse(char[] text, String name) {
        Parser parser = new Parser(text, format.delimiter(), name);
        List<String> header = new ArrayList<>();
        if (parser.nextRecord((index, value, quoted) -> header.add(value)) < 0) {
            throw new InvalidDataException(name, 1, null, "a header row", "an empty file");
        }
        int width = header.size();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < width; i++) {
            String columnName = header.get(i);
            if (columnName.isBlank()) {
                throw new InvalidDataException(name, parser.recordLine, Integer.toString(i + 1),
                        "a column name in the header", "an empty name");
            }
            Integer before = seen.putIfAbsent(columnName, i);
            if (before != null) {
                throw new InvalidDataException(name, parser.recordLine, columnName,
                        "unique column names", "a duplicate column name '" + columnName + "' at positions "
                                + (before + 1) + " and " + (i + 1));
            }
        }
        ColumnBuilder[] columns = new ColumnBuilder[width];
        for (int i = 0; i < width; i++) {
            columns[i] = new ColumnBuilder();
        }
        Map<String, Integer> markerCounts = new LinkedHashMap<>();
        for (String marker : format.nullMarkers()) {
            markerCounts.put(marker, 0);
        }
        int[] lines = new int[1024];
        int rows = 0;
        // Fields go straight into the column builders; a ragged row aborts the whole read, so the values it
        // already added never reach a table.
        FieldSink sink = (index, value, quoted) -> {
            if (index >= width) {
                return;
            }
            if (!quoted && markerCounts.containsKey(value)) {
                markerCounts.merge(value, 1, Integer::sum);
                columns[index].addNull();
            } else {
                columns[index].add(value);
            }
        };
        int fields;
        while ((fields = parser.nextRecord(sink)) >= 0) {
            if (fields != width) {
                throw new InvalidDataException(name, parser.recordLine, null,
                        width + " fields as in the header", fields + (fields == 1 ? " field" : " fields"));
            }
            if (rows == lines.length) {
                lines = Arrays.copyOf(lines, rows * 2);
            }
            lines[rows++] = parser.recordLine;
        }
        if (rows == 0) {
            throw new InvalidDataException(name, parser.recordLine + 1, null, "at least one data row after the header",
                    "the end of the file");
        }
        String nullMarker = "";
        int best = 0;
        for (Map.Entry<String, Integer> e : markerCounts.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                nullMarker = e.getKey();
            }
        }
        List<Column> built = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            built.add(columns[i].build(header.get(i)));
        }
        return new CsvTable(name, new dev.doppel.table.Table(built), Arrays.copyOf(lines, rows), nullMarker,
                format.delimiter());
    }

    /** Dictionary-encodes one column as it is read. */
    private static final class ColumnBuilder {
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> dictionary = new ArrayList<>();
        private int[] values = new int[1024];
        private int size;

        void add(String value) {
            int next = dictionary.size();
            Integer code = codes.putIfAbsent(value, next);
            if (code == null) {
                dictionary.add(value);
                append(next);
            } else {
                append(code);
            }
        }

        void addNull() {
            append(CategoricalColumn.NULL);
        }

        private void append(int code) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = code;
        }

        CategoricalColumn build(String name) {
            return new CategoricalColumn(name, Arrays.copyOf(values, size), dictionary);
        }
    }

    /** Receives the fields of one record in order. */
    @FunctionalInterface
    private interface FieldSink {
        void field(int index, String value, boolean quoted);
    }

    /** An RFC 4180 state machine over the decoded text. */
    private static final class Parser {
        private final char[] text;
        private final char delimiter;
        private final String name;
        private final StringBuilder quotedField = new StringBuilder();
        private int pos;
        private int line = 1;
        /** The line where the last record read starts. */
        int recordLine;

        Parser(char[] text, char delimiter, String name) {
            this.text = text;
            this.delimiter = delimiter;
            this.name = name;
        }

        /** Reads the next non-blank record into {@code sink}; returns its number of fields, or -1 at the end. */
        int nextRecord(FieldSink sink) {
            while (pos < text.length && (text[pos] == '\n' || text[pos] == '\r')) {
                if (text[pos] == '\n') {
                    line++;
                }
                pos++;
            }
            if (pos >= text.length) {
                return -1;
            }
            recordLine = line;
            int index = 0;
            while (true) {
                if (pos < text.length && text[pos] == '"') {
                    sink.field(index, quoted(index), true);
                } else {
                    int start = pos;
                    while (pos < text.length && text[pos] != delimiter && text[pos] != '\n' && text[pos] != '\r') {
                        if (text[pos] == '"') {
                            throw new InvalidDataException(name, line, Integer.toString(index + 1),
                                    "quotes only around a whole field (write \"\" for a quote inside quotes)",
                                    "a quote inside an unquoted field");
                        }
                        pos++;
                    }
                    sink.field(index, new String(text, start, pos - start), false);
                }
                index++;
                if (pos >= text.length) {
                    return index;
                }
                char c = text[pos];
                if (c == delimiter) {
                    pos++;
                    continue;
                }
                // Line end: CRLF, LF or a lone CR.
                pos++;
                if (c == '\r' && pos < text.length && text[pos] == '\n') {
                    pos++;
                }
                line++;
                return index;
            }
        }

        private String quoted(int index) {
            int quoteLine = line;
            quotedField.setLength(0);
            pos++;
            while (true) {
                if (pos >= text.length) {
                    throw new InvalidDataException(name, quoteLine, Integer.toString(index + 1),
                            "a closing quote for the field opened here", "the end of the file");
                }
                char c = text[pos++];
                if (c == '"') {
                    if (pos < text.length && text[pos] == '"') {
                        quotedField.append('"');
                        pos++;
                    } else {
                        break;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    quotedField.append(c);
                }
            }
            if (pos < text.length && text[pos] != delimiter && text[pos] != '\n' && text[pos] != '\r') {
                throw new InvalidDataException(name, line, Integer.toString(index + 1),
                        "a delimiter or line end after a closing quote", "'" + text[pos] + "'");
            }
            return quotedField.toString();
        }
    }
}
