package dev.doppel.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetadataInferenceTest {
    private static TableMetadata infer(String csv) {
        CsvTable raw = new CsvTableReader(CsvFormat.DEFAULT)
                .read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv");
        return MetadataInference.infer(raw);
    }

    private static ColumnMetadata column(String header, int rows, IntFunction<String> value) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            b.append(value.apply(i)).append('\n');
        }
        return infer(b.toString()).columns().get(0);
    }

    @Test
    void infersAdultAsSixIntegerColumnsAndNineCategoricals() {
        Path adult = Path.of(System.getProperty("doppel.datasets", "../../shared/datasets"), "adult", "adult.csv");
        TableMetadata md = MetadataInference.infer(new CsvTableReader(CsvFormat.DEFAULT).read(adult));
        Map<String, ColumnType> types = md.columns().stream()
                .collect(Collectors.toMap(ColumnMetadata::name, ColumnMetadata::type));
        for (String numeric : new String[] {"age", "fnlwgt", "education-num", "capital-gain", "capital-loss",
            "hours-per-week"}) {
            assertThat(types.get(numeric)).as(numeric).isEqualTo(ColumnType.NUMERICAL);
            assertThat(md.column(numeric).orElseThrow().integer()).isTrue();
        }
        assertThat(types.values().stream().filter(t -> t == ColumnType.CATEGORICAL)).hasSize(9);
        assertThat(md.nullMarker()).isEqualTo("?");
        assertThat(md.column("age").orElseThrow().min()).isEqualTo(17.0);
        assertThat(md.column("age").orElseThrow().max()).isEqualTo(90.0);
    }

    @Test
    void infersDecimalsBoundsAndIntegers() {
        ColumnMetadata c = column("price", 100, i -> (i % 10) + "." + (i % 7) + "5");
        assertThat(c.type()).isEqualTo(ColumnType.NUMERICAL);
        assertThat(c.integer()).isFalse();
        assertThat(c.decimals()).isEqualTo(2);
        assertThat(c.min()).isEqualTo(0.05);
        assertThat(c.max()).isEqualTo(9.65);
    }

    @Test
    void leadingZerosKeepCodesAsStrings() {
        assertThat(column("zip", 100, i -> String.format("%05d", i % 20)).type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void infersEachPiiKind() {
        assertThat(column("contact", 100, i -> "user" + i + "@mail.example.org").pii()).isEqualTo(PiiKind.EMAIL);
        assertThat(column("src", 100, i -> "10.0." + (i % 5) + "." + i).pii()).isEqualTo(PiiKind.IP_ADDRESS);
        // Luhn-valid test card numbers.
        String[] cards = {"4111111111111111", "5500005555555559", "340000000000009", "4012888888881881"};
        assertThat(column("cc", 100, i -> cards[i % 4]).pii()).isEqualTo(PiiKind.CREDIT_CARD);
        assertThat(column("x", 100, i -> String.format("%03d-%02d-%04d", 100 + i, 10 + i % 80, 1000 + i)).pii())
                .isEqualTo(PiiKind.NATIONAL_ID);
        assertThat(column("phone", 100, i -> "+1 555-01" + String.format("%02d", i)).pii()).isEqualTo(PiiKind.PHONE);
        String[] names = {"Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"};
        assertThat(column("full_name", 100, i -> names[i % 4]).pii()).isEqualTo(PiiKind.PERSON_NAME);
        assertThat(column("home_address", 100, i -> i + " Main Street").pii()).isEqualTo(PiiKind.ADDRESS);
    }

    @Test
    void aNameHeaderOfNonPersonValuesIsNotPii() {
        String[] genres = {"rock", "jazz", "metal", "blues"};
        assertThat(column("name", 100, i -> genres[i % 4]).type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void infersBooleansKeepingTheirTokens() {
        ColumnMetadata c = column("active", 50, i -> i % 3 == 0 ? "Yes" : "No");
        assertThat(c.type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(c.trueValue()).isEqualTo("Yes");
        assertThat(c.falseValue()).isEqualTo("No");
    }

    @Test
    void infersDatetimeFormats() {
        assertThat(column("d", 60, i -> String.format("2024-%02d-%02d", 1 + i % 12, 1 + i % 28)).format())
                .isEqualTo("yyyy-MM-dd");
        assertThat(column("t", 60, i -> String.format("2024-03-01 %02d:%02d:00", i % 24, i)).format())
                .isEqualTo("yyyy-MM-dd HH:mm:ss");
        // 25/01/2024 can only be day-first.
        assertThat(column("d", 60, i -> String.format("%02d/01/2024", 1 + i % 28)).format()).isEqualTo("dd/MM/yyyy");
    }

    @Test
    void infersKeys() {
        ColumnMetadata numeric = column("CustomerId", 100, i -> Integer.toString(i + 1));
        assertThat(numeric.type()).isEqualTo(ColumnType.ID);
        assertThat(numeric.integer()).isTrue();
        ColumnMetadata prefixed = column("ref", 100, i -> String.format("C%05d", i));
        assertThat(prefixed.type()).isEqualTo(ColumnType.ID);
        assertThat(prefixed.format()).isEqualTo("C#####");
    }

    @Test
    void uniqueMeasurementsAreNotKeys() {
        assertThat(column("weight", 100, i -> Integer.toString(1000 + i * 37)).type()).isEqualTo(ColumnType.NUMERICAL);
    }

    @Test
    void manyDistinctStringsAreText() {
        assertThat(column("note", 100_000, i -> "entry " + Integer.toHexString(i * 7919)).type())
                .isEqualTo(ColumnType.TEXT);
    }

    @Test
    void mixedTypesAreCategorical() {
        String[] v = {"1", "2", "abc", "3.5"};
        assertThat(column("m", 100, i -> v[i % 4]).type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void nanIsMissingButInfinityIsNotANumber() {
        assertThat(column("x", 100, i -> i % 10 == 0 ? "NaN" : Double.toString(i * 0.5)).type())
                .isEqualTo(ColumnType.NUMERICAL);
        assertThat(column("y", 100, i -> i % 2 == 0 ? "Infinity" : "1.5").type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void allNullConstantAndOneRowColumns() {
        assertThat(infer("a,b\n1,\n2,\n").columns().get(1).type()).isEqualTo(ColumnType.CATEGORICAL);
        ColumnMetadata constant = column("k", 50, i -> "5");
        assertThat(constant.type()).isEqualTo(ColumnType.NUMERICAL);
        assertThat(constant.min()).isEqualTo(constant.max());
        assertThat(infer("a,b\n3,red\n").columns()).extracting(ColumnMetadata::type)
                .containsExactly(ColumnType.NUMERICAL, ColumnType.CATEGORICAL);
    }
}
