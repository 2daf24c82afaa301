package dev.doppel.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConstraintMetadataTest {
    @TempDir
    Path dir;

    private static final String COLUMNS = """
            {"format": "doppel-metadata", "formatVersion": 1,
             "columns": [
               {"name": "start", "type": "datetime", "format": "yyyy-MM-dd"},
               {"name": "end", "type": "datetime", "format": "yyyy-MM-dd"},
               {"name": "price", "type": "numerical", "decimals": 2, "min": 0.5, "max": 99},
               {"name": "quantity", "type": "numerical", "integer": true},
               {"name": "total", "type": "numerical", "decimals": 2},
               {"name": "city", "type": "categorical"},
               {"name": "country", "type": "categorical"},
               {"name": "sku", "type": "id"},
               {"name": "flag", "type": "boolean", "trueValue": "Y", "falseValue": "N"}
             ]""";

    private Path file(String constraints) throws IOException {
        Path file = dir.resolve("m.json");
        Files.writeString(file, COLUMNS + ",\n \"constraints\": " + constraints + "}");
        return file;
    }

    private InvalidDataException failure(String constraints) throws IOException {
        Path file = file(constraints);
        try {
            MetadataJson.read(file);
        } catch (InvalidDataException e) {
            return e;
        }
        throw new AssertionError("expected a failure for " + constraints);
    }

    @Test
    void readsEveryConstraintTypeAndWritesItBack() throws IOException {
        TableMetadata m = MetadataJson.read(file("""
                [{"type": "inequality", "low": "start", "high": "end", "strict": true},
                 {"type": "range", "column": "price", "low": 1, "high": 50},
                 {"type": "fixed-combinations", "columns": ["city", "country"]},
                 {"type": "unique", "columns": ["city", "quantity"]},
                 {"type": "formula", "column": "total", "expression": "price * quantity"},
                 {"type": "regex", "column": "sku", "pattern": "[A-Z]{3}-\\\\d{4}"},
                 {"type": "positive", "column": "quantity", "strict": true},
                 {"type": "negative", "column": "total"}]"""));
        assertThat(m.constraints()).hasSize(8);
        assertThat(m.constraints().get(0)).isEqualTo(new Constraint.Inequality("start", "end", true));
        assertThat(m.constraints().get(1)).isEqualTo(new Constraint.Range("price", 1.0, null, 50.0, null));
        assertThat(m.constraints().get(5)).isEqualTo(new Constraint.Regex("sku", "[A-Z]{3}-\\d{4}"));
        assertThat(m.constraints().get(6)).isEqualTo(new Constraint.Sign("quantity", true, true));
        assertThat(m.constraints().get(7)).isEqualTo(new Constraint.Sign("total", false, false));
        assertThat(((Constraint.Formula) m.constraints().get(4)).expression().columns())
                .containsExactly("price", "quantity");
        Path again = dir.resolve("again.json");
        MetadataJson.write(m, again);
        assertThat(MetadataJson.read(again)).isEqualTo(m);
    }

    @Test
    void metadataWithoutConstraintsReadsAsNoneAndWritesNoConstraintsField() throws IOException {
        Path file = dir.resolve("plain.json");
        Files.writeString(file, COLUMNS + "}");
        TableMetadata m = MetadataJson.read(file);
        assertThat(m.constraints()).isEmpty();
        MetadataJson.write(m, file);
        assertThat(Files.readString(file)).doesNotContain("constraints");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown column            | [{"type": "inequality", "low": "start", "high": "finish"}]                     | constraints[0].high  | 'finish'
            unknown type              | [{"type": "between", "column": "price"}]                                      | constraints[0].type  | one of inequality
            unknown field             | [{"type": "unique", "columns": ["city"], "strict": true}]                      | constraints[0].strict | 'strict'
            missing field             | [{"type": "regex", "column": "sku"}]                                          | constraints[0].pattern | a non-empty string
            mixed types               | [{"type": "inequality", "low": "price", "high": "end"}]                       | constraints[0].high  | a numerical column like price
            not orderable             | [{"type": "range", "column": "city", "low": 0, "high": 1}]                    | constraints[0].column | numerical or datetime
            datetime constant bound   | [{"type": "range", "column": "end", "low": 0, "highColumn": "start"}]          | constraints[0].low   | bounds given as columns
            both bounds               | [{"type": "range", "column": "price", "low": 0, "lowColumn": "total", "high": 9}] | constraints[0]   | exactly one of "low"
            regex on numbers          | [{"type": "regex", "column": "price", "pattern": "\\\\d+"}]                    | constraints[0].column | a string column
            bad regex                 | [{"type": "regex", "column": "sku", "pattern": "[A-Z"}]                        | constraints[0].pattern | Unclosed character class
            bad formula               | [{"type": "formula", "column": "total", "expression": "price * * quantity"}]   | constraints[0].expression | position 9
            formula on text column    | [{"type": "formula", "column": "total", "expression": "price * city"}]         | constraints[0].expression | city (categorical)
            formula reads itself      | [{"type": "formula", "column": "total", "expression": "total + 1"}]            | constraints[0].expression | does not read its own column
            sign of datetime          | [{"type": "positive", "column": "start"}]                                     | constraints[0].column | a numerical column
            combination of ids        | [{"type": "fixed-combinations", "columns": ["city", "sku"]}]                  | constraints[0].columns[1] | a learned column
            one-column combination    | [{"type": "fixed-combinations", "columns": ["city"]}]                         | constraints[0].columns | at least 2 columns
            positive and negative     | [{"type": "positive", "column": "total", "strict": true}, {"type": "negative", "column": "total"}] | constraints[1] | leaves no value for total
            range above metadata max  | [{"type": "range", "column": "price", "low": 100, "high": 200}]               | constraints[0]       | the metadata's max of price
            empty constant range      | [{"type": "range", "column": "total", "low": 5, "high": 1}]                   | constraints[0].high  | at least low 5.0
            strict order circle       | [{"type": "inequality", "low": "start", "high": "end"}, {"type": "inequality", "low": "end", "high": "start", "strict": true}] | constraints[1] | closes a circle
            circular formulas         | [{"type": "formula", "column": "total", "expression": "price * 2"}, {"type": "formula", "column": "price", "expression": "total / 2"}] | constraints[1] | circle of formulas
            two formulas              | [{"type": "formula", "column": "total", "expression": "price"}, {"type": "formula", "column": "total", "expression": "quantity"}] | constraints[1].column | one formula per column
            not an array              | {"type": "unique", "columns": ["city"]}                                       | constraints          | an array of constraints
            """)
    void rejectsBadConstraintsNamingThePathAndWhatWasExpected(String why, String constraints, String path,
            String message) throws IOException {
        InvalidDataException e = failure(constraints);
        assertThat(e.file()).isEqualTo("m.json");
        assertThat(e.column()).isEqualTo(path);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void nonStrictOppositeSignsAndNonStrictOrderCirclesAreAllowed() throws IOException {
        TableMetadata m = MetadataJson.read(file("""
                [{"type": "positive", "column": "total"}, {"type": "negative", "column": "total"},
                 {"type": "inequality", "low": "start", "high": "end"},
                 {"type": "inequality", "low": "end", "high": "start"}]"""));
        assertThat(m.constraints()).hasSize(4);
    }

    @Test
    void constructorValidatesConstraintsAgainstColumns() {
        List<ColumnMetadata> columns = List.of(ColumnMetadata.numerical("a", true, null, null, 0));
        assertThatThrownBy(() -> new TableMetadata(columns, "", ",", List.of(new Constraint.Sign("b", true, false))))
                .isInstanceOf(InvalidConstraintException.class)
                .hasMessageContaining("constraints[0].column").hasMessageContaining("'b'");
    }
}
