package dev.doppel.neural.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.PiiKind;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.neural.Compute;
import dev.doppel.neural.DependencyTable;
import dev.doppel.neural.NeuralSynthesizerContract;
import dev.doppel.neural.StoredWeights;
import dev.doppel.neural.TrainingProgress;
import dev.doppel.synth.FittedModel;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The diffusion synthesizer on a small table with a learnable dependency: {@code group} ∈ {a, b, c} (shares 0.5, 0.3,
 * 0.2), {@code y} normal with mean -3, 0, 3 by group and sd 0.5, {@code z} uniform with 20 % nulls, and an e-mail
 * column that is never learned. One small network (2 × 128 units, 50 steps) is trained once and shared by the tests,
 * the contract's included.
 */
class DiffusionSynthesizerTest extends NeuralSynthesizerContract<DiffusionModel> {
    static final int ROWS = 3000;
    static final double[] MEANS = {-3, 0, 3};
    static final DiffusionParameters SMALL = new DiffusionParameters(120, 256, 50, "cosine", List.of(128, 128), 16,
            2e-3, "cosine", 2, 0.99, 0.1, 60, 20, 0.2, new Compute("cpu", 1), "", 10);
    /** 3 epochs of a 32-unit network on 400 rows: enough steps for seeds to matter, cheap to fit three times. */
    static final DiffusionParameters TINY = new DiffusionParameters(3, 128, 20, "linear", List.of(32), 8, 1e-3,
            "linear", 1, 0.9, 0.2, 5, 20, 0.2, new Compute("cpu", 1), "", 10);

    private final List<Double> trainingLosses = new ArrayList<>();

    @Override
    protected Fixture fixture() {
        return new Fixture(dependentTable(ROWS, new SplittableRandom(11)), dependentMetadata(), MEANS, 0.5, 0);
    }

    @Override
    protected DiffusionModel fit(Table real, TableMetadata metadata, long seed) {
        return new DiffusionSynthesizer(SMALL, (epoch, epochs, loss, validation) -> trainingLosses.add(loss))
                .fit(real, metadata, seed);
    }

    @Override
    protected FittedModel fitTiny(Table real, TableMetadata metadata, long seed, int threads) {
        return new DiffusionSynthesizer(TINY.with(new Compute("cpu", threads)), TrainingProgress.NONE)
                .fit(real.rows(IntStream.range(0, 400).toArray()), metadata, seed);
    }

    @Override
    protected Tolerances tolerances() {
        return new Tolerances(
                new Allowance(0.3, "the groups are 3 apart: a tenth of the gap leaves room for the small network's"
                        + " bias (measured: at most 0.18 off, 0.29 when conditioned on c), not for a lost dependency"),
                new Allowance(0.025, "the categorical diffusion learns shares closely (measured: at most 0.029 off"
                        + " with the sampling error, whose band is 0.024)"),
                new Allowance(0, "y is never missing in training, and a column without nulls gets no null"
                        + " indicator, so the model cannot make one"));
    }

    static TableMetadata dependentMetadata() {
        return new TableMetadata(List.of(ColumnMetadata.categorical("group"),
                ColumnMetadata.numerical("y", false, null, null, 4),
                ColumnMetadata.numerical("z", false, 0.0, 1.0, 4), ColumnMetadata.pii("email", PiiKind.EMAIL)));
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
                new NumericColumn("y", y), new NumericColumn("z", z),
                new CategoricalColumn("email", new int[rows], List.of("someone@example.com"))));
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
    void keepsNullsAndBounds() {
        Table synthetic = Sampler.sampleTable(model, ROWS, 2, 1);
        NumericColumn z = (NumericColumn) synthetic.column("z");
        // Null share 0.2: binomial sd at n = 3000 is 0.007; 0.05 allows the model's error.
        assertThat((double) z.nullCount() / ROWS).isCloseTo(0.2, within(0.05));
        for (double v : z.sortedNonNull()) {
            assertThat(v).isBetween(0.0, 1.0);
        }
    }

    @Test
    void rejectsMissingOrMisshapenWeights() {
        JsonNode parameters = model.parametersJson();
        assertThatThrownBy(() -> DiffusionModel.read(fixture.metadata(), parameters, Map.of(), "model.doppel"))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("weights");
        // Weights of another architecture: a well-formed block whose shapes do not fit.
        DiffusionModel other = new DiffusionSynthesizer(new DiffusionParameters(1, 512, 10, "cosine", List.of(8), 16,
                1e-3, "none", 0, 0, 0.1, 5, 20, 0.2, new Compute("cpu", 1), "", 10), TrainingProgress.NONE)
                .fit(fixture.real(), fixture.metadata(), 1);
        assertThatThrownBy(() -> DiffusionModel.read(fixture.metadata(), parameters, other.binaryParts(),
                "model.doppel")).isInstanceOf(InvalidDataException.class).hasMessageContaining("layer0.weight");
    }

    @Test
    void checksTheParametersVersionOnLoad() {
        byte[] weights = model.binaryParts().get(StoredWeights.PART);
        ObjectNode newer = (ObjectNode) model.parametersJson();
        assertThat(newer.get("version").asInt()).isEqualTo(DiffusionModel.PARAMETERS_VERSION);
        newer.put("version", DiffusionModel.PARAMETERS_VERSION + 1);
        assertThatThrownBy(() -> DiffusionModel.read(fixture.metadata(), newer, Map.of(StoredWeights.PART, weights),
                "model.doppel")).isInstanceOf(InvalidDataException.class).hasMessageContaining("version");
        // A version-1 file (no version field, no discrete columns) still loads and samples the same rows.
        ObjectNode old = (ObjectNode) model.parametersJson();
        old.remove("version");
        DiffusionModel loaded = DiffusionModel.read(fixture.metadata(), old, Map.of(StoredWeights.PART, weights),
                "old.doppel");
        assertSameRows(Sampler.sampleTable(model, 500, 3, 1), Sampler.sampleTable(loaded, 500, 3, 1));
    }

    @Test
    void conditionalSamplingOnTwoGroupsKeepsTheirRatio() {
        SyntheticModel aOrB = model.given(new Condition(List.of(
                new ColumnCondition.OneOf("group", Set.of("a", "b")))));
        double[] shares = DependencyTable.groupShares(Sampler.sampleTable(aOrB, 2000, 4, 1));
        assertThat(shares[2]).isZero();
        // Within {a, b} the model's shares 0.5 : 0.3 give a 0.625 share of a (binomial sd 0.011 at n = 2000).
        assertThat(shares[0]).isCloseTo(0.625, within(0.07));
        assertThat(model.probability(new Condition(List.of(new ColumnCondition.OneOf("group", Set.of("c"))))))
                .isCloseTo(0.2, within(0.07));
    }

    @Test
    void refusesARangeOnACategoricalColumn() {
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
}
