package dev.doppel.neural.tvae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.InvalidDataException;
import dev.doppel.neural.DependencyTable;
import dev.doppel.neural.ModelFiles;
import dev.doppel.neural.NeuralSynthesizers;
import dev.doppel.neural.NeuralTableModel;
import dev.doppel.provenance.Provenance;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.SynthesizerCatalog;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TvaeSynthesizerTest {
    private static final Table REAL = DependencyTable.sample(2000, 1);
    private static NeuralTableModel model;

    /** Small networks: 64 units, batches of 100 (18 steps per epoch), 10 % held out, no early stopping. */
    static TvaeSynthesizer small(int epochs) {
        return new TvaeSynthesizer().withParameters(Map.of("epochs", "" + epochs, "batchSize", "100",
                "embedding", "16", "compressWidth", "64", "decompressWidth", "64", "threads", "1",
                "patience", "0"));
    }

    @BeforeAll
    static void fit() {
        model = small(40).fit(REAL, DependencyTable.metadata(), 7);
    }

    /** The y values; NaN compares equal to NaN here, as Double.equals does. */
    static Double[] values(Table t) {
        return java.util.Arrays.stream(((NumericColumn) t.column("y")).toArray()).boxed().toArray(Double[]::new);
    }

    @Test
    void trainingAndValidationLossesFall() {
        JsonNode train = model.training().get("trainLoss");
        JsonNode validation = model.training().get("validationLoss");
        assertThat(train.size()).isEqualTo(40);
        assertThat(validation.size()).isEqualTo(40);
        // The negative ELBO starts at several nats per row (one-hot cross-entropies near ln k, deviations 0.1)
        // and must drop by a clear margin on held-out rows too.
        assertThat(train.get(39).asDouble()).isLessThan(train.get(0).asDouble() - 1);
        assertThat(validation.get(39).asDouble()).isLessThan(validation.get(0).asDouble() - 1);
    }

    @Test
    void earlyStoppingStopsWhenTheValidationLossStalls() {
        NeuralTableModel stopped = new TvaeSynthesizer().withParameters(Map.of("epochs", "400", "batchSize", "500",
                "embedding", "8", "compressWidth", "16", "decompressWidth", "16", "threads", "1", "patience", "3",
                "learningRate", "0.01")).fit(REAL, DependencyTable.metadata(), 5);
        int run = stopped.training().get("epochsRun").asInt();
        int best = stopped.training().get("bestEpoch").asInt();
        assertThat(run).isLessThan(400);
        assertThat(run - best).isEqualTo(3);
    }

    @Test
    void recoversTheGroupDependentMean() {
        Table synthetic = Sampler.sampleTable(model, 6000, 11, 2);
        double[] means = DependencyTable.groupMeans(synthetic);
        double[] shares = DependencyTable.groupShares(synthetic);
        // A small VAE after 40 epochs: group means within 1.5 of the truth (groups are 5 apart, sd 1), shares
        // within 0.08 (sampling error alone is under 0.02 at 6,000 rows).
        for (int k = 0; k < 3; k++) {
            assertThat(means[k]).as("mean of group %d", k).isCloseTo(DependencyTable.MEANS[k], within(1.5));
            assertThat(shares[k]).as("share of group %d", k).isCloseTo(DependencyTable.SHARES[k], within(0.08));
        }
        NumericColumn y = (NumericColumn) synthetic.column("y");
        // 5 % missing in training (binomial sd at 6,000 rows: 0.003); a small VAE is looser: the bound only checks
        // that missingness is learned as rare.
        assertThat((double) y.nullCount() / synthetic.rowCount()).isBetween(0.01, 0.15);
        assertThat(((CategoricalColumn) synthetic.column("email")).get(0)).contains("@")
                .isNotEqualTo("someone@example.com");
    }

    @Test
    void conditionalSamplingHoldsTheConditionAndItsDependency() {
        SyntheticModel onlyC = model.given(new Condition(List.of(new ColumnCondition.OneOf("group", Set.of("c")))));
        Table t = Sampler.sampleTable(onlyC, 3000, 5, 2);
        CategoricalColumn g = (CategoricalColumn) t.column("group");
        for (int i = 0; i < t.rowCount(); i++) {
            assertThat(g.get(i)).isEqualTo("c");
        }
        assertThat(DependencyTable.groupMeans(t)[2]).isCloseTo(10, within(1.5));
        assertThat(values(Sampler.sampleTable(onlyC, 3000, 5, 1))).containsExactly(values(t));
        assertThatThrownBy(() -> model.given(new Condition(List.of(new ColumnCondition.OneOf("group", Set.of("z"))))))
                .hasMessageContaining("never holds 'z'");
    }

    @Test
    void sameSeedAndThreadsGiveTheSameModelAndBlocksDoNotDependOnThreads() {
        NeuralTableModel a = small(2).fit(REAL, DependencyTable.metadata(), 3);
        NeuralTableModel b = small(2).fit(REAL, DependencyTable.metadata(), 3);
        assertThat(b.binaryParts().get("weights")).isEqualTo(a.binaryParts().get("weights"));
        NeuralTableModel other = small(2).fit(REAL, DependencyTable.metadata(), 4);
        assertThat(other.binaryParts().get("weights")).isNotEqualTo(a.binaryParts().get("weights"));
        Table one = Sampler.sampleTable(a, 20_000, 9, 1);
        Table three = Sampler.sampleTable(a, 20_000, 9, 3);
        assertThat(values(three)).containsExactly(values(one));
        assertThat(((CategoricalColumn) three.column("group")).get(19_999))
                .isEqualTo(((CategoricalColumn) one.column("group")).get(19_999));
    }

    @Test
    void savedModelLoadsAndSamplesIdentically(@TempDir Path dir) {
        Path file = dir.resolve("tvae.doppel");
        ModelStore.save(file, model, new Provenance("data.csv", "ab".repeat(32), 2000, 3, model.synthesizer(), Map.of(), 7, "test", "2026-01-01T00:00:00Z"));
        ModelStore store = new ModelStore(SynthesizerCatalog.standard().plus(NeuralSynthesizers.entries()));
        SyntheticModel loaded = store.read(file).model();
        Table before = Sampler.sampleTable(model, 3000, 2, 1);
        Table after = Sampler.sampleTable(loaded, 3000, 2, 1);
        assertThat(values(after)).containsExactly(values(before));
        assertThat(after.column("group")).usingRecursiveComparison().isEqualTo(before.column("group"));

        ModelFiles.corruptWeights(file);
        assertThatThrownBy(() -> store.read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("tvae.doppel, part weights").hasMessageContaining("checksum mismatch");
    }
}
