package dev.doppel.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.InvalidDataException;
import dev.doppel.io.CsvTable;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableDecoderTest {
    /** A raw table whose rows start on lines 2, 5 and 9 (as if fields spanned lines). */
    private static CsvTable raw(List<String> dictionary, int... codes) {
        Table t = new Table(List.of(new CategoricalColumn("x", codes, dictionary)));
        return new CsvTable("in.csv", t, new int[] {2, 5, 9}, "", ',');
    }

    @Test
    void parsesNumbersOncePerValueWithNaNAsMissing() {
        NumericColumn x = (NumericColumn) TableDecoder.decode(raw(List.of("1.5", "NaN"), 0, 1, CategoricalColumn.NULL),
                new TableMetadata(List.of(ColumnMetadata.numerical("x", false, null, null, 1)))).column(0);
        assertThat(x.get(0)).isEqualTo(1.5);
        assertThat(x.isNull(1)).isTrue();
        assertThat(x.isNull(2)).isTrue();
    }

    @Test
    void badNumberNamesTheFileLineOfItsRowAndColumn() {
        assertThatThrownBy(() -> TableDecoder.decode(raw(List.of("1", "x7"), 0, 0, 1),
                new TableMetadata(List.of(ColumnMetadata.numerical("x", true, null, null, 0)))))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> {
                    assertThat(e.line()).isEqualTo(9);
                    assertThat(e.column()).isEqualTo("x");
                    assertThat(e.getMessage()).isEqualTo("in.csv, line 9, column x: expected a whole number, found 'x7'");
                });
    }

    @Test
    void datetimesBecomeEpochSeconds() {
        NumericColumn x = (NumericColumn) TableDecoder.decode(raw(List.of("1970-01-02", "2024-02-29"), 0, 1, 1),
                new TableMetadata(List.of(ColumnMetadata.datetime("x", "yyyy-MM-dd")))).column(0);
        assertThat(x.get(0)).isEqualTo(86_400.0);
        assertThatThrownBy(() -> TableDecoder.decode(raw(List.of("2023-02-29"), 0, 0, 0),
                new TableMetadata(List.of(ColumnMetadata.datetime("x", "yyyy-MM-dd")))))
                .hasMessageContaining("line 2").hasMessageContaining("a date-time like yyyy-MM-dd");
    }

    @Test
    void booleanValuesMustBeTheDeclaredTokens() {
        assertThatThrownBy(() -> TableDecoder.decode(raw(List.of("yes", "no", "maybe"), 0, 1, 2),
                new TableMetadata(List.of(ColumnMetadata.bool("x", "yes", "no")))))
                .hasMessage("in.csv, line 9, column x: expected 'yes' or 'no', found 'maybe'");
    }
}
