package dev.doppel.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.table.CategoricalColumn;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvTableReaderTest {
    private static CsvTable read(String text) {
        return read(text, CsvFormat.DEFAULT);
    }

    private static CsvTable read(String text, CsvFormat format) {
        return new CsvTableReader(format).read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
    }

    private static InvalidDataException failure(String text) {
        try {
            read(text);
        } catch (InvalidDataException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidDataException for: " + text);
    }

    @Test
    void readsQuotedFieldsWithDelimitersQuotesAndNewlines() {
        CsvTable t = read("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n");
        CategoricalColumn a = (CategoricalColumn) t.table().column("a");
        CategoricalColumn b = (CategoricalColumn) t.table().column("b");
        assertThat(a.get(0)).isEqualTo("x, y");
        assertThat(b.get(0)).isEqualTo("say \"hi\"");
        assertThat(a.get(1)).isEqualTo("two\nlines");
        assertThat(t.rowLines()).containsExactly(2, 3);
    }

    @Test
    void rowLinesFollowEmbeddedNewlines() {
        CsvTable t = read("a,b\n\"1\n2\n3\",x\nlast,y\n");
        assertThat(t.lineOf(1)).isEqualTo(5);
    }

    @Test
    void stripsBomAndAcceptsCrlf() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "name,n\r\nx,1\r\ny,2\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        CsvTable t = new CsvTableReader(CsvFormat.DEFAULT).read(new ByteArrayInputStream(all), "bom.csv");
        assertThat(t.table().columnNames()).containsExactly("name", "n");
        assertThat(((CategoricalColumn) t.table().column("n")).get(1)).isEqualTo("2");
    }

    @Test
    void readsOtherDelimiters() {
        assertThat(read("a;b\n1;2\n", CsvFormat.DEFAULT.withDelimiter(';')).table().columnNames()).containsExactly("a", "b");
        assertThat(read("a\tb\n1\t2\n", CsvFormat.DEFAULT.withDelimiter('\t')).table().columnNames())
                .containsExactly("a", "b");
    }

    @Test
    void recognisesUnquotedNullMarkersOnlyAndRemembersTheCommonestMarker() {
        CsvTable t = read("a,b\n?,\"?\"\n?,NA\nx,\n");
        CategoricalColumn a = (CategoricalColumn) t.table().column("a");
        CategoricalColumn b = (CategoricalColumn) t.table().column("b");
        assertThat(a.isNull(0)).isTrue();
        assertThat(b.get(0)).isEqualTo("?");
        assertThat(b.isNull(1)).isTrue();
        assertThat(b.isNull(2)).isTrue();
        assertThat(t.nullMarker()).isEqualTo("?");
    }

    @Test
    void customNullMarkersReplaceTheDefaults() {
        CsvTable t = read("a\n-\nNA\n", CsvFormat.DEFAULT.withNullMarkers(Set.of("-")));
        CategoricalColumn a = (CategoricalColumn) t.table().column("a");
        assertThat(a.isNull(0)).isTrue();
        assertThat(a.get(1)).isEqualTo("NA");
    }

    @Test
    void dictionaryEncodesRepeatedValues() {
        CsvTable t = read("c\nred\nblue\nred\nred\n");
        CategoricalColumn c = (CategoricalColumn) t.table().column("c");
        assertThat(c.dictionary()).containsExactly("red", "blue");
        assertThat(c.counts()).containsExactly(3, 1);
    }

    @Test
    void skipsBlankLines() {
        assertThat(read("a\n1\n\n\n2\n\n").table().rowCount()).isEqualTo(2);
    }

    @Test
    void rejectsUnterminatedQuoteWithTheLineWhereItOpens() {
        InvalidDataException e = failure("a,b\n1,2\n3,\"open\n4,5\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("2");
        assertThat(e.getMessage()).contains("closing quote");
    }

    @Test
    void rejectsRaggedRowsNamingLineAndCounts() {
        InvalidDataException e = failure("a,b,c\n1,2,3\n4,5\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("t.csv, line 3: expected 3 fields as in the header, found 2 fields");
    }

    @Test
    void rejectsEmptyFile() {
        assertThat(failure("").getMessage()).contains("a header row");
    }

    @Test
    void rejectsHeaderOnly() {
        assertThat(failure("a,b\n").getMessage()).contains("at least one data row");
    }

    @Test
    void rejectsDuplicateColumnNamesNamingBothPositions() {
        InvalidDataException e = failure("a,b,a\n1,2,3\n");
        assertThat(e.column()).isEqualTo("a");
        assertThat(e.getMessage()).contains("duplicate column name 'a' at positions 1 and 3");
    }

    @Test
    void rejectsEmptyColumnName() {
        assertThat(failure("a,,c\n1,2,3\n").column()).isEqualTo("2");
    }

    @Test
    void rejectsStrayQuoteInsideUnquotedField() {
        InvalidDataException e = failure("a\nab\"c\n");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void rejectsInvalidUtf8WithItsLine() {
        byte[] bytes = {'a', '\n', 'o', 'k', '\n', 'c', (byte) 0xC3, '(', '\n'};
        assertThatThrownBy(() -> new CsvTableReader(CsvFormat.DEFAULT).read(new ByteArrayInputStream(bytes), "x.csv"))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.expected()).isEqualTo("valid UTF-8 text");
                });
    }

    @Test
    void missingFileIsAClearError() {
        assertThatThrownBy(() -> new CsvTableReader(CsvFormat.DEFAULT).read(Path.of("/nonexistent/data.csv")))
                .isInstanceOf(DoppelException.class).hasMessage("cannot read /nonexistent/data.csv: no such file");
    }

    @Test
    void readsAdult() {
        Path adult = Path.of(System.getProperty("doppel.datasets", "../../shared/datasets"), "adult", "adult.csv");
        CsvTable t = new CsvTableReader(CsvFormat.DEFAULT).read(adult);
        assertThat(t.table().rowCount()).isEqualTo(32_561);
        assertThat(t.table().columnCount()).isEqualTo(15);
        assertThat(t.nullMarker()).isEqualTo("?");
        assertThat(t.table().column("workclass").nullCount()).isEqualTo(1836);
    }
}
