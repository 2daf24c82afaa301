package dev.doppel.neural.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.neural.Compute;
import dev.doppel.neural.StoredWeights;
import dev.doppel.neural.TrainingProgress;
import dev.doppel.provenance.Provenance;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.SynthesizerCatalog;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.synth.condition.ImpossibleConditionException;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diffusion synthesizer on a small table with a learnable dependency: {@code group} ∈ {a, b, c} (shares 0.5, 0.3,
 * 0.2), {@code y} normal with mean -3, 0, 3 by group and sd 0.5, and {@code z} uniform with 20 % nulls. One small
 * network (2 × 128 units, 50 steps) is trained once and shared by the tests.
 */
class DiffusionSynthesizerTest {
    static final int ROWS = 3000;
    static final double[] MEANS = {-3, 0, 3};
    static final DiffusionParameters SMALL = new DiffusionParameters(120, 256, 50, "cosine", List.of(128, 128), 16, 2e-3,
            "cosine", 2, 0.99, 0.1, 60, 20, 0.2, new Compute("cpu", 1), "", 10);

    static TableMetadata metadata;
    static Table real;
    static DiffusionModel model;
    static final List<Double> trainingLosses = new ArrayList<>();

    @BeforeAll
    static void fit() {
        metadata = dependentMetadata();
        real = dependentTable(ROWS, new SplittableRandom(11));
        model = new DiffusionSynthesizer(SMALL, (epoch, epochs, loss, validation) -> trainingLosses.add(loss))
                .fit(real, metadata, 7);
    }

    static TableMetadata dependentMetadata() {
        return new TableMetadata(List.of(ColumnMetadata.categorical("group"),
                ColumnMetadata.numerical("y", false, null, null, 4),
                ColumnMetadata.numerical("z", false, 0.0, 1.0, 4)));
    }

    static Table dependentTable(int rows, SplittableRandom random) {
        int[] codes = new int[rows];
        double[] y = new double[rows];
        double[] z = new double[rows];
        for (int i = 0; i < rows; i++) {
            double u = random.nextDouble();
            codes[i] = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
            y[i] = MEANS[codes[i]] + 0.5 * random.nextGaussian();
            z[i] = random.nextDouble() < 0.2 ? Double.NaN : random.nextDouble();
        }
        return new Table(List.of(new CategoricalColumn("group", codes, List.of("a", "b", "c")),
                new NumericColumn("y", y), new NumericColumn("z", z)));
    }

    @Test
    void trainingLossFalls() {
        // The first epoch starts from random weights; by the end the loss must have fallen well below it. A
        // categorical guess at chance costs ln 3 ≈ 1.1 and predicting zero noise costs 1, so a 30 % drop is learning.
        assertThat(trainingLosses).hasSizeGreaterThan(10);
        double first = trainingLosses.get(0);
        double lastFive = trainingLosses.subList(trainingLosses.size() - 5, trainingLosses.size()).stream()
                .mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(lastFive).isLessThan(0.7 * first);
    }

    @Test
    void recoversTheCategoryDependentMean() {
        Table synthetic = Sampler.sampleTable(model, ROWS, 1, 1);
        double[][] stats = groupMeans(synthetic);
        for (int g = 0; g < 3; g++) {
            // The group means are 3 apart with sd 0.5; the standard error of a mean over ≥ 600 rows is ≤ 0.02, so a
            // 0.35 band (a tenth of the gap) only leaves room for the small network's bias, not a lost dependency.
            assertThat(stats[g][1]).as("mean of y in group %d", g).isCloseTo(MEANS[g], org.assertj.core.data.Offset.offset(0.35));
        }
        // Group shares: binomial sd at n = 3000 is ≤ 0.009; 0.05 allows the model's own error.
        assertThat(stats[0][0] / ROWS).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.05));
        assertThat(stats[2][0] / ROWS).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void keepsNullsAndBounds() {
        Table synthetic = Sampler.sampleTable(model, ROWS, 2, 1);
        NumericColumn z = (NumericColumn) synthetic.column("z");
        // Null share 0.2: binomial sd at n = 3000 is 0.007; 0.05 allows the model's error.
        assertThat((double) z.nullCount() / ROWS).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.05));
        for (double v : z.sortedNonNull()) {
            assertThat(v).isBetween(0.0, 1.0);
        }
    }

    @Test
    void samplingIsReproducibleWhateverTheThreadCount() {
        Table one = Sampler.sampleTable(model, 8300, 5, 1);
        Table two = Sampler.sampleTable(model, 8300, 5, 2);
        assertSameRows(one, two);
        Table other = Sampler.sampleTable(model, 8300, 6, 1);
        assertThat(((NumericColumn) other.column("y")).toArray())
                .isNotEqualTo(((NumericColumn) one.column("y")).toArray());
    }

    @Test
    void sameSeedTrainsTheSameModel() {
        Table small = dependentTable(400, new SplittableRandom(3));
        DiffusionParameters tiny = new DiffusionParameters(3, 128, 20, "linear", List.of(32), 8, 1e-3, "linear", 1, 0.9,
                0.2, 5, 20, 0.2,
                new Compute("cpu", 1), "", 10);
        byte[] first = new DiffusionSynthesizer(tiny, TrainingProgress.NONE).fit(small, metadata, 9)
                .binaryParts().get("weights");
        byte[] second = new DiffusionSynthesizer(tiny, TrainingProgress.NONE).fit(small, metadata, 9)
                .binaryParts().get("weights");
        byte[] otherSeed = new DiffusionSynthesizer(tiny, TrainingProgress.NONE).fit(small, metadata, 10)
                .binaryParts().get("weights");
        assertThat(first).isEqualTo(second).isNotEqualTo(otherSeed);
    }

    @Test
    void savedModelLoadsAndSamplesIdentically(@TempDir Path dir) {
        Path file = dir.resolve("model.doppel");
        ModelStore.save(file, model, provenance());
        SyntheticModel loaded = new ModelStore(catalog()).read(file).model();
        assertSameRows(Sampler.sampleTable(model, 1000, 3, 1), Sampler.sampleTable(loaded, 1000, 3, 1));
    }

    @Test
    void rejectsCorruptedWeights() {
        JsonNode parameters = model.parametersJson();
        byte[] weights = model.binaryParts().get(StoredWeights.PART).clone();
        weights[weights.length / 2] ^= 0x10;
        assertThatThrownBy(() -> DiffusionModel.read(metadata, parameters, Map.of(StoredWeights.PART, weights),
                "model.doppel")).isInstanceOf(InvalidDataException.class).hasMessageContaining("model.doppel");
        assertThatThrownBy(() -> DiffusionModel.read(metadata, parameters, Map.of(), "model.doppel"))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("weights");
        // Weights of another architecture: a well-formed block whose shapes do not fit.
        DiffusionModel other = new DiffusionSynthesizer(new DiffusionParameters(1, 512, 10, "cosine", List.of(8), 16,
                1e-3, "none", 0, 0, 0.1, 5, 20, 0.2, new Compute("cpu", 1), "", 10), TrainingProgress.NONE).fit(real, metadata, 1);
        assertThatThrownBy(() -> DiffusionModel.read(metadata, parameters, other.binaryParts(), "model.doppel"))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("layer0.weight");
    }

    @Test
    void checksTheParametersVersionOnLoad() {
        byte[] weights = model.binaryParts().get(StoredWeights.PART);
        com.fasterxml.jackson.databind.node.ObjectNode newer =
                (com.fasterxml.jackson.databind.node.ObjectNode) model.parametersJson();
        assertThat(newer.get("version").asInt()).isEqualTo(DiffusionModel.PARAMETERS_VERSION);
        newer.put("version", DiffusionModel.PARAMETERS_VERSION + 1);
        assertThatThrownBy(() -> DiffusionModel.read(metadata, newer, Map.of(StoredWeights.PART, weights),
                "model.doppel")).isInstanceOf(InvalidDataException.class).hasMessageContaining("version");
        // A version-1 file (no version field, no discrete columns) still loads and samples the same rows.
        com.fasterxml.jackson.databind.node.ObjectNode old =
                (com.fasterxml.jackson.databind.node.ObjectNode) model.parametersJson();
        old.remove("version");
        DiffusionModel loaded = DiffusionModel.read(metadata, old, Map.of(StoredWeights.PART, weights), "old.doppel");
        assertSameRows(Sampler.sampleTable(model, 500, 3, 1), Sampler.sampleTable(loaded, 500, 3, 1));
    }

    @Test
    void conditionalSamplingGivesTheConditionAndItsDependentValues() {
        SyntheticModel onlyC = model.given(new Condition(List.of(new ColumnCondition.OneOf("group", Set.of("c")))));
        Table synthetic = Sampler.sampleTable(onlyC, 1000, 4, 1);
        CategoricalColumn group = (CategoricalColumn) synthetic.column("group");
        for (int i = 0; i < synthetic.rowCount(); i++) {
            assertThat(group.get(i)).isEqualTo("c");
        }
        // Same band as the unconditional test: the clamped group must still drive y.
        assertThat(Arrays.stream(((NumericColumn) synthetic.column("y")).sortedNonNull()).average().orElseThrow())
                .isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.35));

        SyntheticModel aOrB = model.given(new Condition(List.of(
                new ColumnCondition.OneOf("group", Set.of("a", "b")))));
        Table mixed = Sampler.sampleTable(aOrB, 2000, 4, 1);
        double[][] stats = groupMeans(mixed);
        assertThat(stats[2][0]).isZero();
        // Within {a, b} the model's shares 0.5 : 0.3 give a 0.625 share of a (binomial sd 0.011 at n = 2000).
        assertThat(stats[0][0] / 2000).isCloseTo(0.625, org.assertj.core.data.Offset.offset(0.07));
        assertThat(model.probability(new Condition(List.of(new ColumnCondition.OneOf("group", Set.of("c"))))))
                .isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.07));
    }

    @Test
    void refusesConditionsItCannotMeet() {
        assertThatThrownBy(() -> model.given(new Condition(List.of(new ColumnCondition.OneOf("group", Set.of("d"))))))
                .isInstanceOf(ImpossibleConditionException.class).hasMessageContaining("group");
        assertThatThrownBy(() -> model.given(new Condition(List.of(new ColumnCondition.Range("y", 0, 1)))))
                .isInstanceOf(DoppelException.class).hasMessageContaining("categorical");
    }

    @Test
    void parametersAreSetByName() {
        DiffusionSynthesizer s = new DiffusionSynthesizer().withParameters(
                Map.of("epochs", "5", "hidden", "32,16", "schedule", "linear"));
        assertThat(s.settings().epochs()).isEqualTo(5);
        assertThat(s.settings().hidden()).containsExactly(32, 16);
        assertThat(s.settings().scheduleKind()).isEqualTo("linear");
        assertThatThrownBy(() -> new DiffusionSynthesizer().withParameters(Map.of("schedule", "square")))
                .isInstanceOf(DoppelException.class).hasMessageContaining("cosine or linear");
    }

    /** Per group: row count and mean of y. */
    static double[][] groupMeans(Table table) {
        CategoricalColumn group = (CategoricalColumn) table.column("group");
        NumericColumn y = (NumericColumn) table.column("y");
        double[][] out = new double[3][2];
        for (int i = 0; i < table.rowCount(); i++) {
            int g = group.get(i).charAt(0) - 'a';
            out[g][0]++;
            out[g][1] += y.get(i);
        }
        for (double[] s : out) {
            s[1] = s[0] == 0 ? Double.NaN : s[1] / s[0];
        }
        return out;
    }

    static void assertSameRows(Table a, Table b) {
        assertThat(a.rowCount()).isEqualTo(b.rowCount());
        assertThat(((NumericColumn) a.column("y")).toArray()).isEqualTo(((NumericColumn) b.column("y")).toArray());
        assertThat(((NumericColumn) a.column("z")).toArray()).isEqualTo(((NumericColumn) b.column("z")).toArray());
        CategoricalColumn ga = (CategoricalColumn) a.column("group");
        CategoricalColumn gb = (CategoricalColumn) b.column("group");
        for (int i = 0; i < a.rowCount(); i++) {
            assertThat(ga.get(i)).isEqualTo(gb.get(i));
        }
    }

    static SynthesizerCatalog catalog() {
        return new SynthesizerCatalog(List.of(DiffusionSynthesizer.catalogEntry()));
    }

    static Provenance provenance() {
        return new Provenance("data.csv", "ab".repeat(32), ROWS, 3, DiffusionSynthesizer.NAME,
                SMALL.asMap(), 7, "test", "2026-11-25T00:00:00Z");
    }
}
