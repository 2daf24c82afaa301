package dev.doppel.neural.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.InvalidDataException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.ParameterReader;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class TabularCodingTest {
    private static final TableMetadata METADATA = new TableMetadata(List.of(
            ColumnMetadata.numerical("level", true, null, null, 0),
            ColumnMetadata.numerical("amount", false, null, null, 2)));
    private static final Table TABLE = new Table(List.of(
            new NumericColumn("level", new double[] {3, 1, Double.NaN, 16, 3, 1}),
            new NumericColumn("amount", new double[] {0.5, 1.5, 2.5, 3.5, 4.5, 5.5})));

    @Test
    void numericColumnsWithFewValuesBecomeCategoriesAndComeBackExactly() {
        TabularCoding coding = TabularCoding.fit(TABLE, METADATA, 4);
        assertThat(coding.columns().get(0)).isInstanceOf(TabularCoding.Discrete.class);
        assertThat(coding.columns().get(1)).isInstanceOf(TabularCoding.Numeric.class);
        // Values 1, 3, 16 and null: four categories; amount's six values exceed the limit and stay Gaussian.
        assertThat(coding.categorySizes()).containsExactly(4);
        assertThat(coding.gaussianCount()).isEqualTo(1);
        TabularCoding.Encoded encoded = coding.encode(TABLE, 1);
        assertThat(encoded.categories()).containsExactly(1, 0, 3, 2, 1, 0);
        Table decoded = coding.decode(encoded, 2, 0);
        assertThat(((NumericColumn) decoded.column("level")).toArray())
                .containsExactly(3, 1, Double.NaN, 16, 3, 1);

        assertThat(TabularCoding.fit(TABLE, METADATA, 0).columns().get(0)).isInstanceOf(TabularCoding.Numeric.class);
    }

    @Test
    void discreteCodingSurvivesTheModelFileAndIsValidated() {
        TabularCoding coding = TabularCoding.fit(TABLE, METADATA, 4);
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.set("columns", coding.toJson());
        ParameterReader r = new ParameterReader("model.doppel");
        TabularCoding read = TabularCoding.fromJson(r, parameters, METADATA, true);
        assertThat(((TabularCoding.Discrete) read.columns().get(0)).values()).containsExactly(1, 3, 16);
        assertThat(read.categorySizes()).containsExactly(4);

        assertThatThrownBy(() -> TabularCoding.fromJson(r, parameters, METADATA, false))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("columns[0].discrete");
        JsonNode unordered = parameters.deepCopy();
        ((ArrayNode) unordered.get("columns").get(0).get("discrete")).set(1, 0.5);
        assertThatThrownBy(() -> TabularCoding.fromJson(r, unordered, METADATA, true))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("columns[0].discrete[1]");
    }
}
