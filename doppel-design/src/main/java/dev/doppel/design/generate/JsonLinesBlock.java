package dev.doppel.design.generate;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.doppel.design.spec.ColumnSpec;
import dev.doppel.design.spec.ValueKind;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A block of a table as JSON Lines ({@link OutputFormat#JSONL}), encoded on the block's thread. */
final class JsonLinesBlock {
    private static final java.util.regex.Pattern JSON_NUMBER =
            java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

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

    /** True for the JSON literals true/false and the JSON number grammar (which excludes NaN and Infinity). */
    static boolean isJsonNumberOrBoolean(String v) {
        return v.equals("true") || v.equals("false")
                || JSON_NUMBER.matcher(v).matches();
    }
}
