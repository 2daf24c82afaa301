package dev.doppel.synth.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.Constraint;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.copula.GaussianCopulaSynthesizer;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adult (32,561 rows) with two constraints a plain copula breaks: education ↔ education-num must stay one of the 16
 * real pairs, and education-num < age. 100,000 rows sampled.
 */
class AdultConstraintsTest {
    static final Path ADULT = Path.of(System.getProperty("doppel.datasets", "../../shared/datasets"), "adult", "adult.csv");
    static final int ROWS = 100_000;

    static Table real;
    static Table sampled;
    static TableMetadata metadata;

    @BeforeAll
    static void fitAndSample() {
        assertThat(ADULT).as("the shared datasets must sit beside the project").isRegularFile();
        CsvTable raw = new CsvTableReader(CsvFormat.DEFAULT).read(ADULT);
        metadata = MetadataInference.infer(raw).withConstraints(List.of(
                new Constraint.FixedCombinations(List.of("education", "education-num")),
                new Constraint.Inequality("education-num", "age", true)));
        real = TableDecoder.decode(raw, metadata);
        SyntheticModel model = new ConstrainedSynthesizer(new GaussianCopulaSynthesizer()).fit(real, metadata, 0);
        sampled = Sampler.sampleTable(model, ROWS, 1, 2);
    }

    private static Set<String> pairs(Table t) {
        Set<String> out = new HashSet<>();
        CategoricalColumn education = (CategoricalColumn) t.column("education");
        NumericColumn number = (NumericColumn) t.column("education-num");
        for (int i = 0; i < t.rowCount(); i++) {
            out.add(education.get(i) + "=" + number.get(i));
        }
        return out;
    }

    @Test
    void everyRowKeepsARealEducationPairAndAnAgeAboveItsEducationYears() {
        assertThat(sampled.rowCount()).isEqualTo(ROWS);
        Set<String> realPairs = pairs(real);
        assertThat(realPairs).hasSize(16);
        assertThat(realPairs).containsAll(pairs(sampled));
        NumericColumn age = (NumericColumn) sampled.column("age");
        NumericColumn years = (NumericColumn) sampled.column("education-num");
        int broken = 0;
        for (int i = 0; i < ROWS; i++) {
            if (!(years.get(i) < age.get(i))) {
                broken++;
            }
        }
        assertThat(broken).isZero();
    }

    @Test
    void keepsTheEducationMixAndTheAgeDistribution() {
        // 16 categories: two samples of 32k and 100k from one distribution differ by a TVD near 0.01; the copula's
        // own categorical error on Adult is within 0.05 (AdultRoundTripTest).
        assertThat(tvd((CategoricalColumn) real.column("education"), (CategoricalColumn) sampled.column("education")))
                .isLessThan(0.05);
        // age is rebuilt as education-num + (age - education-num): its marginal must survive. The KS 0.1 % critical
        // value at n = 32,561, m = 100,000 is 1.95·sqrt(1/n + 1/m) ≈ 0.0125; the copula's smoothing of integer
        // columns adds up to a few hundredths on Adult (AdultRoundTripTest allows 0.05), so the same bound here.
        assertThat(dev.doppel.synth.TwoSampleStatistics.ks(((NumericColumn) real.column("age")).sortedNonNull(),
                ((NumericColumn) sampled.column("age")).sortedNonNull())).isLessThan(0.05);
    }

    @Test
    void aConstrainedBayesNetSamplesConditionallyAndStillKeepsTheRules() {
        SyntheticModel model = new ConstrainedSynthesizer(new dev.doppel.synth.bayesnet.BayesNetSynthesizer())
                .fit(real, metadata, 0);
        dev.doppel.synth.condition.Condition condition = dev.doppel.synth.condition.ConditionParser
                .parse("sex=Female,class=>50K", metadata);
        Table rows = Sampler.sampleTable(model.given(condition), 20_000, 2, 2);
        Set<String> realPairs = pairs(real);
        assertThat(realPairs).containsAll(pairs(rows));
        NumericColumn age = (NumericColumn) rows.column("age");
        NumericColumn years = (NumericColumn) rows.column("education-num");
        for (int i = 0; i < rows.rowCount(); i++) {
            assertThat(condition.holds(rows, i)).isTrue();
            assertThat(years.get(i)).isLessThan(age.get(i));
        }
        // education is folded into a combined column by the fixed-combination transform: no condition on it.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.given(dev.doppel.synth.condition.ConditionParser
                .parse("education=Bachelors", metadata))).hasMessageContaining("transform");
    }

    private static double tvd(CategoricalColumn a, CategoricalColumn b) {
        Map<String, double[]> shares = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            shares.computeIfAbsent(a.get(i), k -> new double[2])[0] += 1.0 / a.size();
        }
        for (int i = 0; i < b.size(); i++) {
            shares.computeIfAbsent(b.get(i), k -> new double[2])[1] += 1.0 / b.size();
        }
        return shares.values().stream().mapToDouble(s -> Math.abs(s[0] - s[1])).sum() / 2;
    }
}
