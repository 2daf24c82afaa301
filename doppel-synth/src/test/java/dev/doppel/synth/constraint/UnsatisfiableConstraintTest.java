package dev.doppel.synth.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.doppel.DoppelException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.Constraint;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.FittedModel;
import dev.doppel.synth.Synthesizer;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.Condition;
import dev.doppel.synth.condition.ConditionParser;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Constraints no transform can guarantee are checked row by row; a model that cannot meet them fails loudly. The inner
 * model here is a stand-in that makes {@code code} a valid value with a chosen probability.
 */
class UnsatisfiableConstraintTest {
    static final TableMetadata METADATA = new TableMetadata(List.of(
            ColumnMetadata.categorical("code"), ColumnMetadata.numerical("n", true, null, null, 0)), "", ",",
            List.of(new Constraint.Regex("code", "[A-Z]+")));

    /** Samples code = "OK" with probability {@code valid}, else "bad1"; n is 1 + the row. */
    record StandIn(double valid, Condition condition) implements Synthesizer, FittedModel {
        @Override
        public String name() {
            return "stand-in";
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of();
        }

        @Override
        public FittedModel fit(Table table, TableMetadata metadata, long seed) {
            return this;
        }

        @Override
        public String synthesizer() {
            return "stand-in";
        }

        @Override
        public TableMetadata metadata() {
            return METADATA.withConstraints(List.of());
        }

        @Override
        public Table sampleBlock(long seed, long block, int rows) {
            SplittableRandom random = new SplittableRandom(seed * 31 + block);
            int[] codes = new int[rows];
            double[] n = new double[rows];
            for (int i = 0; i < rows; i++) {
                codes[i] = random.nextDouble() < valid ? 0 : 1;
                n[i] = i + 1;
            }
            return new Table(List.of(new CategoricalColumn("code", codes, List.of("OK", "bad1")),
                    new NumericColumn("n", n)));
        }

        @Override
        public JsonNode parametersJson() {
            return JsonNodeFactory.instance.objectNode();
        }

        @Override
        public SyntheticModel given(Condition c) {
            return new StandIn(valid, c);
        }
    }

    private static Table training() {
        return new Table(List.of(new CategoricalColumn("code", new int[] {0, 1}, List.of("AB", "CD")),
                new NumericColumn("n", new double[] {1, 2})));
    }

    @Test
    void rowsBreakingACheckedConstraintAreRedrawnNeverEmitted() {
        SyntheticModel model = new ConstrainedSynthesizer(new StandIn(0.3, null)).fit(training(), METADATA, 1);
        Table t = Sampler.sampleTable(model, 20_000, 4, 2);
        CategoricalColumn code = (CategoricalColumn) t.column("code");
        for (int i = 0; i < t.rowCount(); i++) {
            assertThat(code.get(i)).isEqualTo("OK");
        }
        assertThat(Sampler.sampleTable(model, 20_000, 4, 1).column("n")).usingRecursiveComparison()
                .isEqualTo(t.column("n"));
    }

    @Test
    void aModelThatRarelyMeetsAConstraintFailsNamingIt() {
        SyntheticModel model = new ConstrainedSynthesizer(new StandIn(0.01, null)).fit(training(), METADATA, 1);
        assertThatThrownBy(() -> Sampler.sampleTable(model, 1000, 4, 1)).isInstanceOf(DoppelException.class)
                .hasMessageContaining("cannot sample rows satisfying the constraints")
                .hasMessageContaining("constraints[0] (code matches /[A-Z]+/)");
    }

    @Test
    void conditionsOnCheckedColumnsAreHandedToTheInnerModel() {
        SyntheticModel model = new ConstrainedSynthesizer(new StandIn(0.5, null)).fit(training(), METADATA, 1);
        Condition c = ConditionParser.parse("code=OK", model.metadata());
        SyntheticModel given = model.given(c);
        assertThat(given).isInstanceOf(ConstrainedView.class);
        assertThat(((ConstrainedView) given).inner()).isEqualTo(new StandIn(0.5, c));
    }
}
