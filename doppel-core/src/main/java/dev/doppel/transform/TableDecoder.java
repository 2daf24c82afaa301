package dev.doppel.transform;

import dev.doppel.InvalidDataException;
import dev.doppel.io.CsvTable;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Types a raw table by its metadata: NUMERICAL columns become numbers ({@code NaN} read as missing), DATETIME columns
 * epoch seconds, BOOLEAN columns are checked against their two tokens, the rest stay strings. Columns come out in
 * metadata order. Each distinct value is parsed once. Values outside the metadata's min/max are kept (the model
 * clips what it samples, not what it reads).
 */
public final class TableDecoder {
    private TableDecoder() {
    }

    public static dev.doppel.table.Table decode(CsvTable raw, TableMetadata metadata) {
        List<Column> columns = new ArrayList<>();
        for (ColumnMetadata c : metadata.columns()) {
            if (!raw.table().hasColumn(c.name())) {
                throw new InvalidDataException(raw.sourceName(), 1, c.name(), "the column listed in the metadata",
                        "no such column in the header");
            }
            CategoricalColumn column = (CategoricalColumn) raw.table().column(c.name());
            columns.add(switch (c.type()) {
                case NUMERICAL, DATETIME -> numbers(raw, c, column);
                case BOOLEAN -> checkedBoolean(raw, c, column);
                default -> column;
            });
        }
        return new dev.doppel.table.Table(columns);
    }

    private static NumericColumn numbers(CsvTable raw, ColumnMetadata c, CategoricalColumn column) {
        List<String> dictionary = column.dictionary();
        double[] parsed = new double[dictionary.size()];
        boolean[] bad = new boolean[dictionary.size()];
        DateTimeCodec dates = c.type() == ColumnType.DATETIME ? new DateTimeCodec(c.format()) : null;
        for (int code = 0; code < parsed.length; code++) {
            String text = dictionary.get(code);
            try {
                if (dates != null) {
                    parsed[code] = dates.parse(text);
                } else if (text.equals("NaN")) {
                    parsed[code] = Double.NaN;
                } else {
                    double d = Double.parseDouble(text);
                    bad[code] = !Double.isFinite(d) || text.endsWith("d") || text.endsWith("f")
                            || text.endsWith("D") || text.endsWith("F");
                    parsed[code] = d;
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                bad[code] = true;
            }
        }
        double[] values = new double[column.size()];
        for (int row = 0; row < values.length; row++) {
            int code = column.code(row);
            if (code == CategoricalColumn.NULL) {
                values[row] = Double.NaN;
            } else if (bad[code]) {
                String expected = dates != null ? "a date-time like " + c.format()
                        : c.integer() ? "a whole number" : "a finite number";
                throw new InvalidDataException(raw.sourceName(), raw.lineOf(row), c.name(), expected,
                        "'" + dictionary.get(code) + "'");
            } else {
                values[row] = parsed[code];
            }
        }
        return new NumericColumn(c.name(), values);
    }

    private static CategoricalColumn checkedBoolean(CsvTable raw, ColumnMetadata c, CategoricalColumn column) {
        for (int row = 0; row < column.size(); row++) {
            String v = column.get(row);
            if (v != null && !v.equals(c.trueValue()) && !v.equals(c.falseValue())) {
                throw new InvalidDataException(raw.sourceName(), raw.lineOf(row), c.name(),
                        "'" + c.trueValue() + "' or '" + c.falseValue() + "'", "'" + v + "'");
            }
        }
        return column;
    }
}
