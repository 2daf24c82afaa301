package dev.doppel.synth.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.DoppelException;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.Condition;
import dev.doppel.synth.condition.ConditionParser;
import dev.doppel.synth.condition.ImpossibleConditionException;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Conditional sampling of the default trees model: exact for categorical columns drawn first. */
class TreeConditionalSamplingTest {
    static final Path ADULT = Path.of(System.getProperty("doppel.datasets", "../../shared/datasets"), "adult", "adult.csv");
    static TableMetadata metadata;
    static Table real;
    static TreeModel model;
    static Table unconditional;

    @BeforeAll
    static void fit() {
        CsvTable raw = new CsvTableReader(CsvFormat.DEFAULT).read(ADULT);
        metadata = MetadataInference.infer(raw);
        real = TableDecoder.decode(raw, metadata);
        model = new TreeSynthesizer().fit(real, metadata, 0);
        unconditional = Sampler.sampleTable(model, 300_000, 3, 2);
    }

    @Test
    void conditionOnTheFirstColumnsMatchesTheFilteredUnconditionalSample() {
        // race has alternatives and sex is enumerated between them, so the weights of the enumeration matter.
        Condition c = ConditionParser.parse("race=Black|Asian-Pac-Islander,class=>50K", metadata);
        Table exact = Sampler.sampleTable(model.given(c), 20_000, 4, 2);
        Map<String, Double> conditional = shares(exact, null);
        Map<String, Double> filtered = shares(unconditional, c);
        int kept = (int) java.util.stream.IntStream.range(0, unconditional.rowCount()).filter(i -> c.holds(unconditional, i))
                .count();
        double tvd = 0;
        for (String k : union(conditional, filtered)) {
            tvd += Math.abs(conditional.getOrDefault(k, 0.0) - filtered.getOrDefault(k, 0.0)) / 2;
        }
        assertThat(kept).isGreaterThan(1_000);
        // Two samples of a distribution over race × sex (4 values; 20,000 and `kept` rows): TVD within 1.5·sqrt(k/m).
        assertThat(tvd).isLessThan(1.5 * Math.sqrt(4.0 / kept));
        for (int i = 0; i < exact.rowCount(); i++) {
            assertThat(c.holds(exact, i)).isTrue();
        }
        double p = model.probability(c);
        double sd = Math.sqrt(p * (1 - p) / unconditional.rowCount());
        assertThat(Math.abs((double) kept / unconditional.rowCount() - p)).isLessThan(4.5 * sd);
    }

    @Test
    void columnsDrawnAfterANumericOneNeedAnotherOrderOrBayesNet() {
        assertThatThrownBy(() -> model.given(ConditionParser.parse("native-country=Canada", metadata)))
                .isInstanceOf(DoppelException.class).hasMessageContaining("--param order=native-country");
        assertThatThrownBy(() -> model.given(ConditionParser.parse("age=30..40", metadata)))
                .isInstanceOf(DoppelException.class).hasMessageContaining("bayes-net");
        assertThatThrownBy(() -> model.given(ConditionParser.parse("sex=Other", metadata)))
                .isInstanceOf(ImpossibleConditionException.class).hasMessageContaining("never has the value 'Other'");

        TreeModel reordered = new TreeSynthesizer().withParameters(Map.of("order", "native-country"))
                .fit(real, metadata, 0);
        SyntheticModel canada = reordered.given(ConditionParser.parse("native-country=Canada", metadata));
        Table rows = Sampler.sampleTable(canada, 2_000, 1, 1);
        CategoricalColumn country = (CategoricalColumn) rows.column("native-country");
        for (int i = 0; i < rows.rowCount(); i++) {
            assertThat(country.get(i)).isEqualTo("Canada");
        }
    }

    /** Shares of race × sex among the rows satisfying {@code only} (all when null). */
    private static Map<String, Double> shares(Table t, Condition only) {
        CategoricalColumn race = (CategoricalColumn) t.column("race");
        CategoricalColumn sex = (CategoricalColumn) t.column("sex");
        Map<String, Double> counts = new HashMap<>();
        int n = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (only == null || only.holds(t, i)) {
                counts.merge(race.get(i) + "/" + sex.get(i), 1.0, Double::sum);
                n++;
            }
        }
        int total = n;
        counts.replaceAll((k, v) -> v / total);
        return counts;
    }

    private static List<String> union(Map<String, Double> a, Map<String, Double> b) {
        java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return List.copyOf(keys);
    }
}
