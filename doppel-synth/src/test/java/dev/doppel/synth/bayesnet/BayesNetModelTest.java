package dev.doppel.synth.bayesnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.InvalidDataException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.Sampler;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BayesNetModelTest {
    /** A category and a number whose mean depends on it (means 0, 5, 10; sd 1), and an independent number. */
    static Table dependentTable(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] codes = new int[n];
        double[] y = new double[n];
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            codes[i] = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
            y[i] = 5 * codes[i] + gaussian(random);
            noise[i] = random.nextDouble();
        }
        return new Table(List.of(new CategoricalColumn("group", codes, List.of("a", "b", "c")),
                new NumericColumn("y", y), new NumericColumn("noise", noise)));
    }

    static final TableMetadata METADATA = new TableMetadata(List.of(ColumnMetadata.categorical("group"),
            ColumnMetadata.numerical("y", false, null, null, 4), ColumnMetadata.numerical("noise", false, null, null, 4)));

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    @Test
    void recoversACategoryDependentMean() {
        BayesNetModel model = new BayesNetSynthesizer().fit(dependentTable(20_000, 1), METADATA, 0);
        assertThat(model.parents().get("y").contains("group") || model.parents().get("group").contains("y")).isTrue();
        Table sample = Sampler.sampleTable(model, 30_000, 2, 2);
        CategoricalColumn group = (CategoricalColumn) sample.column("group");
        NumericColumn y = (NumericColumn) sample.column("y");
        double[] sum = new double[3];
        int[] count = new int[3];
        for (int i = 0; i < sample.rowCount(); i++) {
            int g = List.of("a", "b", "c").indexOf(group.get(i));
            sum[g] += y.get(i);
            count[g]++;
        }
        for (int g = 0; g < 3; g++) {
            // Standard error of a mean of count[g] draws with sd ~1, plus a little for bins shared across groups.
            double tolerance = 4 / Math.sqrt(count[g]) + 0.1;
            assertThat(sum[g] / count[g]).as("mean of y in group %d", g).isCloseTo(5.0 * g,
                    org.assertj.core.data.Offset.offset(tolerance));
        }
        assertThat((double) count[0] / sample.rowCount()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.015));
    }

    @Test
    void fewDistinctValuesBecomeOneBinEachAndAreReproducedExactly() {
        int n = 10_000;
        double[] v = new double[n];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(5) * 2.5;
        }
        TableMetadata meta = new TableMetadata(List.of(ColumnMetadata.numerical("v", false, null, null, 1)));
        BayesNetModel model = new BayesNetSynthesizer().fit(new Table(List.of(new NumericColumn("v", v))), meta, 0);
        NumericColumn s = (NumericColumn) Sampler.sampleTable(model, 5_000, 1, 1).column("v");
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.get(i)).isIn(0.0, 2.5, 5.0, 7.5, 10.0);
        }
    }

    @Test
    void missingValuesAreAStateKeptInRelationToOtherColumns() {
        int n = 20_000;
        SplittableRandom random = new SplittableRandom(4);
        int[] codes = new int[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            codes[i] = random.nextInt(2);
            // x is missing 60 % of the time in group 1, 5 % in group 0.
            x[i] = random.nextDouble() < (codes[i] == 1 ? 0.6 : 0.05) ? Double.NaN : random.nextDouble();
        }
        TableMetadata meta = new TableMetadata(List.of(ColumnMetadata.categorical("g"),
                ColumnMetadata.numerical("x", false, null, null, 3)));
        BayesNetModel model = new BayesNetSynthesizer().fit(new Table(List.of(
                new CategoricalColumn("g", codes, List.of("0", "1")), new NumericColumn("x", x))), meta, 0);
        Table s = Sampler.sampleTable(model, 20_000, 1, 1);
        int[] nulls = new int[2];
        int[] counts = new int[2];
        for (int i = 0; i < s.rowCount(); i++) {
            int g = Integer.parseInt(((CategoricalColumn) s.column("g")).get(i));
            counts[g]++;
            if (s.column("x").isNull(i)) {
                nulls[g]++;
            }
        }
        assertThat((double) nulls[1] / counts[1]).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.03));
        assertThat((double) nulls[0] / counts[0]).isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.015));
    }

    @Test
    void parametersRoundTripAndSampleIdentically() {
        BayesNetModel model = new BayesNetSynthesizer().fit(dependentTable(5_000, 2), METADATA, 0);
        BayesNetModel read = BayesNetModel.fromJson(METADATA, model.parametersJson(), "m.doppel");
        assertThat(read.parametersJson()).isEqualTo(model.parametersJson());
        Table a = Sampler.sampleTable(model, 10_000, 8, 1);
        Table b = Sampler.sampleTable(read, 10_000, 8, 2);
        for (int i = 0; i < a.rowCount(); i += 13) {
            assertThat(dev.doppel.synth.TableRows.key(a, i)).isEqualTo(dev.doppel.synth.TableRows.key(b, i));
        }
    }

    @Test
    void invalidParametersAreRejectedWithTheirPath() {
        BayesNetModel model = new BayesNetSynthesizer().fit(dependentTable(5_000, 2), METADATA, 0);
        JsonNode good = model.parametersJson();

        ObjectNode rowNotSummingToOne = good.deepCopy();
        ArrayNode firstRow = (ArrayNode) rowNotSummingToOne.get("variables").get(0).get("probabilities").get(0);
        firstRow.set(0, firstRow.get(0).asDouble() + 0.2);
        assertThatThrownBy(() -> BayesNetModel.fromJson(METADATA, rowNotSummingToOne, "m.doppel"))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("variables[0].probabilities[0]");

        // A cycle: make every variable a parent of the others' first (a two-cycle at least).
        ObjectNode cycle = good.deepCopy();
        String child = model.parents().entrySet().stream().filter(e -> !e.getValue().isEmpty()).findFirst()
                .orElseThrow().getKey();
        String parent = model.parents().get(child).get(0);
        int parentIndex = List.of("group", "y", "noise").indexOf(parent);
        ObjectNode parentNode = (ObjectNode) cycle.get("variables").get(parentIndex);
        parentNode.putArray("parents").add(child);
        assertThatThrownBy(() -> BayesNetModel.fromJson(METADATA, cycle, "m.doppel"))
                .isInstanceOf(InvalidDataException.class);

        ObjectNode unknownParent = good.deepCopy();
        ((ObjectNode) unknownParent.get("variables").get(2)).putArray("parents").add("nope");
        assertThatThrownBy(() -> BayesNetModel.fromJson(METADATA, unknownParent, "m.doppel"))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("variables[2].parents[0]");

        ObjectNode overlappingBins = good.deepCopy();
        ArrayNode bins = (ArrayNode) overlappingBins.get("variables").get(1).get("bins");
        ((ArrayNode) bins.get(1)).set(0, bins.get(0).get(0).asDouble());
        assertThatThrownBy(() -> BayesNetModel.fromJson(METADATA, overlappingBins, "m.doppel"))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("variables[1].bins[1]");
    }

    @Test
    void binSketchMassInsideARangeMatchesItsInterpolatedQuantiles() {
        BinSketch sketch = new BinSketch(new double[] {0, 1, 1, 3});
        // Quantile function: 0→0, 1/3→1, 2/3→1, 1→3. [1, 1] carries the flat middle third.
        double[] point = sketch.probabilitiesWithin(1, 1);
        assertThat(point[1] - point[0]).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        double[] upper = sketch.probabilitiesWithin(2, 10);
        assertThat(upper[0]).isCloseTo(5.0 / 6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(upper[1]).isEqualTo(1.0);
        double[] none = sketch.probabilitiesWithin(4, 5);
        assertThat(none[1] - none[0]).isEqualTo(0.0);
        List<Double> drawn = new ArrayList<>();
        for (double u = upper[0]; u <= 1; u += 0.01) {
            drawn.add(sketch.quantile(u));
        }
        assertThat(drawn).allSatisfy(x -> assertThat(x).isBetween(2.0 - 1e-9, 3.0));
    }
}
