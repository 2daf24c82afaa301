package dev.doppel.design.generate;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.doppel.design.spec.ColumnSpec;
import dev.doppel.design.spec.ValueKind;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A block of a table as JSON Lines ({@link OutputFormat#JSONL}), encoded on the block's thread. */
final class JsonLinesBlock {
    private JsonLinesBlock() {
    }

    static TableGenerator.EncodedBlock of(TableGenerator table, long b) {
        String[][] rows = table.block(b);
        List<String> header = table.header();
        List<ColumnSpec> columns = table.spec().columns();
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        String[] keys = new String[header.size()];
        boolean[] raw = new boolean[header.size()];
        for (int c = 0; c < keys.length; c++) {
            keys[c] = "\"" + new String(encoder.quoteAsString(header.get(c))) + "\":";
            ValueKind kind = c < columns.size() ? columns.get(c).kind() : ValueKind.STRING;
            raw[c] = kind == ValueKind.NUMBER || kind == ValueKind.BOOLEAN;
        }
        StringBuilder sb = new StringBuilder(rows.length * 16 * (keys.length + 1));
        for (String[] row : rows) {
            sb.append('{');
            for (int c = 0; c < keys.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(keys[c]);
                String v = row[c];
                if (v == null) {
                    sb.append("null");
                } else if (raw[c] && isJsonNumberOrBoolean(v)) {
                    sb.append(v);
                } else {
                    sb.append('"');
                    encoder.quoteAsString(v, sb);
                    sb.append('"');
                }
            }
            sb.append("}\n");
        }
        return new TableGenerator.EncodedBlock(sb.toString().getBytes(StandardCharsets.UTF_8), rows.length);
    }

    /**
     * True for the JSON literals true/false and numbers as {@link CellText} writes them (an optional minus, digits
     * without a leading zero, an optional fraction), which JSON's number grammar accepts; anything else is quoted.
     */
    static boolean isJsonNumberOrBoolean(String v) {
        if (v.equals("true") || v.equals("false")) {
            return true;
        }
        int i = v.startsWith("-") ? 1 : 0;
        int start = i;
        while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
            i++;
        }
        if (i == start || v.charAt(start) == '0' && i - start > 1) {
            return false;
        }
        if (i == v.length()) {
            return true;
        }
        if (v.charAt(i) != '.' || i + 1 == v.length()) {
            return false;
        }
        for (i++; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
