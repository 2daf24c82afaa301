package dev.doppel.synth.bayesnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conditional sampling is exact: rows drawn with {@code given} follow the same distribution as unconditional rows
 * filtered by the condition (rejection sampling, the definition), and the model's probability of a condition is the
 * share of unconditional rows that satisfy it.
 */
class ConditionalSamplingTest {
    static final Path ADULT = Path.of(System.getProperty("doppel.datasets", "../../shared/datasets"), "adult", "adult.csv");
    static final int UNCONDITIONAL = 400_000;

    static TableMetadata metadata;
    static BayesNetModel model;
    static Table unconditional;

    @BeforeAll
    static void fit() {
        CsvTable raw = new CsvTableReader(CsvFormat.DEFAULT).read(ADULT);
        metadata = MetadataInference.infer(raw);
        Table real = TableDecoder.decode(raw, metadata);
        model = new BayesNetSynthesizer().fit(real, metadata, 0);
        unconditional = Sampler.sampleTable(model, UNCONDITIONAL, 11, 2);
    }

    @Test
    void everyRowSatisfiesACategoricalAndRangeCondition() {
        Condition c = ConditionParser.parse("class=>50K,sex=Female,age=30..40", metadata);
        Table rows = Sampler.sampleTable(model.given(c), 20_000, 3, 2);
        for (int i = 0; i < rows.rowCount(); i++) {
            assertThat(c.holds(rows, i)).as("row %d", i).isTrue();
        }
    }

    @Test
    void conditionalRowsFollowTheFilteredUnconditionalDistribution() {
        Condition c = ConditionParser.parse("class=>50K,sex=Female", metadata);
        List<Integer> kept = matching(c);
        Table exact = Sampler.sampleTable(model.given(c), 20_000, 5, 2);
        // Both are samples of P(education | condition); the filtered one has kept.size() rows.
        double tvd = tvd((CategoricalColumn) exact.column("education"), (CategoricalColumn) unconditional.column("education"),
                kept);
        // TVD between two samples of a 16-value distribution: about sqrt(k / n) / 2 at most for these sizes.
        double tolerance = 1.5 * Math.sqrt(16.0 / kept.size());
        assertThat(kept.size()).isGreaterThan(10_000);
        assertThat(tvd).isLessThan(tolerance);
        // Numeric columns too: hours-per-week, two-sample KS at alpha ~ 0.001.
        double ks = ks((NumericColumn) exact.column("hours-per-week"), (NumericColumn) unconditional.column("hours-per-week"),
                kept);
        double n = 20_000;
        double m = kept.size();
        assertThat(ks).isLessThan(1.95 * Math.sqrt((n + m) / (n * m)));
    }

    @Test
    void rangeConditionKeepsTheShapeInsideTheRange() {
        Condition c = ConditionParser.parse("age=30..40", metadata);
        List<Integer> kept = matching(c);
        Table exact = Sampler.sampleTable(model.given(c), 20_000, 6, 1);
        double ks = ks((NumericColumn) exact.column("age"), (NumericColumn) unconditional.column("age"), kept);
        double n = 20_000;
        double m = kept.size();
        assertThat(ks).isLessThan(1.95 * Math.sqrt((n + m) / (n * m)));
        NumericColumn age = (NumericColumn) exact.column("age");
        for (int i = 0; i < age.size(); i++) {
            assertThat(age.get(i)).isBetween(30.0, 40.0);
        }
    }

    @Test
    void probabilityOfAConditionIsItsShareOfUnconditionalRows() {
        for (String text : List.of("class=>50K", "class=>50K,sex=Female", "age=30..40,race=Black", "workclass=Private|Self-emp-not-inc")) {
            Condition c = ConditionParser.parse(text, metadata);
            double p = model.probability(c);
            double share = (double) matching(c).size() / UNCONDITIONAL;
            double sd = Math.sqrt(p * (1 - p) / UNCONDITIONAL);
            assertThat(Math.abs(share - p)).as(text + ": p=" + p + " share=" + share).isLessThan(4.5 * sd + 1e-9);
        }
    }

    @Test
    void rareCombinationsAreSampledWithoutRejection() {
        // Holand-Netherlands occurs once in Adult: rejection would need millions of draws for these 5,000 rows.
        Condition c = ConditionParser.parse("native-country=Holand-Netherlands,age=60..70,class=>50K", metadata);
        assertThat(model.probability(c)).isLessThan(1e-5).isPositive();
        Table rows = Sampler.sampleTable(model.given(c), 5_000, 1, 2);
        assertThat(rows.rowCount()).isEqualTo(5_000);
        for (int i = 0; i < rows.rowCount(); i++) {
            assertThat(c.holds(rows, i)).isTrue();
        }
    }

    @Test
    void unseenValuesAndEmptyRangesAreClearErrors() {
        assertThatThrownBy(() -> model.given(ConditionParser.parse("sex=Unknown", metadata)))
                .isInstanceOf(ImpossibleConditionException.class).hasMessageContaining("never has the value 'Unknown'")
                .hasMessageContaining("Male");
        assertThatThrownBy(() -> model.given(ConditionParser.parse("age=100..120", metadata)))
                .isInstanceOf(ImpossibleConditionException.class).hasMessageContaining("no values in");
        // Between two ages that occur, but no whole number in between.
        assertThatThrownBy(() -> model.given(ConditionParser.parse("age=30.2..30.8", metadata)))
                .isInstanceOf(ImpossibleConditionException.class);
    }

    @Test
    void conditionalSamplingIsTheSameForOneAndTwoThreads() {
        SyntheticModel conditioned = model.given(ConditionParser.parse("relationship=Wife", metadata));
        Table one = Sampler.sampleTable(conditioned, 20_000, 9, 1);
        Table two = Sampler.sampleTable(conditioned, 20_000, 9, 2);
        for (int i = 0; i < one.rowCount(); i += 97) {
            assertThat(dev.doppel.synth.TableRows.key(one, i)).isEqualTo(dev.doppel.synth.TableRows.key(two, i));
        }
    }

    private static List<Integer> matching(Condition c) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < unconditional.rowCount(); i++) {
            if (c.holds(unconditional, i)) {
                rows.add(i);
            }
        }
        return rows;
    }

    private static double tvd(CategoricalColumn a, CategoricalColumn b, List<Integer> bRows) {
        Map<String, Double> pa = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            pa.merge(String.valueOf(a.get(i)), 1.0 / a.size(), Double::sum);
        }
        Map<String, Double> pb = new HashMap<>();
        for (int i : bRows) {
            pb.merge(String.valueOf(b.get(i)), 1.0 / bRows.size(), Double::sum);
        }
        double sum = 0;
        java.util.Set<String> keys = new java.util.HashSet<>(pa.keySet());
        keys.addAll(pb.keySet());
        for (String k : keys) {
            sum += Math.abs(pa.getOrDefault(k, 0.0) - pb.getOrDefault(k, 0.0));
        }
        return sum / 2;
    }

    private static double ks(NumericColumn a, NumericColumn b, List<Integer> bRows) {
        double[] y = bRows.stream().mapToDouble(b::get).filter(v -> !Double.isNaN(v)).toArray();
        return dev.doppel.synth.TwoSampleStatistics.ks(a.sortedNonNull(), y);
    }
}
