package dev.doppel.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.doppel.InvalidDataException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.provenance.Provenance;
import dev.doppel.synth.FittedModel;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.SynthesizerCatalog;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.synth.condition.ImpossibleConditionException;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every neural synthesizer must do, asserted once: learn a two-column dependency (y's mean depends on the
 * group), sample conditionally, be reproducible from its seed whatever the thread count, and survive a save and a
 * load while refusing damaged weights.
 *
 * <p>A subclass supplies the synthesizer (configured small so the suite stays fast), the fixture and, for each
 * statistical check, an {@link Allowance} for the model's own error with the reason for its size. The band of a
 * check is {@value #K} standard errors of the sample plus that allowance, so a larger sample tightens the sampling
 * part and the allowance alone says how good the small model is expected to be.
 *
 * @param <M> the fitted model, so subclasses can read its training record
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class NeuralSynthesizerContract<M extends FittedModel> {
    /** Standard errors in a band: a two-sided normal tail of 6e-5 per check keeps a fixed-seed pass honest. */
    static final double K = 4;
    static final int SAMPLE_ROWS = 6000;
    static final int CONDITIONAL_ROWS = 3000;
    /** A full block and a partial one, so two threads each take one. */
    static final int TWO_BLOCK_ROWS = SyntheticModel.BLOCK_ROWS + 500;
    static final String GROUP = "group";
    static final String Y = "y";
    static final String LAST_GROUP = DependencyTable.GROUPS.get(2);

    /** The model fitted once per class by {@link #fit(Table, TableMetadata, long)} on the fixture, seed 7. */
    protected M model;
    protected Fixture fixture;
    /** {@value #SAMPLE_ROWS} rows of the model, seed 11, sampled once: the statistical tests share it. */
    private Table synthetic;

    /**
     * A training table whose y has mean {@code means[k]} and sd {@code sd} within group
     * {@code DependencyTable.GROUPS[k]} (shares {@link DependencyTable#SHARES}), y missing in {@code yMissingShare} of
     * rows.
     */
    public record Fixture(Table real, TableMetadata metadata, double[] means, double sd, double yMissingShare) {
    }

    /** The model's own error allowed on top of sampling error, and why it is that large. */
    public record Allowance(double value, String why) {
    }

    /** Allowances for a group's mean of y, a group's share of rows, and the share of missing y. */
    public record Tolerances(Allowance mean, Allowance share, Allowance missing) {
    }

    /** The fixture, built once per class; it has at least one PII column. */
    protected abstract Fixture fixture();

    /** Fits the synthesizer configured small (few epochs, small networks) yet able to learn the dependency. */
    protected abstract M fit(Table real, TableMetadata metadata, long seed);

    /** Fits a configuration smaller still (a couple of epochs) on {@code threads} PyTorch threads, several times. */
    protected abstract FittedModel fitTiny(Table real, TableMetadata metadata, long seed, int threads);

    /** What the small model may get wrong, beyond sampling error, and why. */
    protected abstract Tolerances tolerances();

    @BeforeAll
    final void fitOnce() {
        fixture = fixture();
        model = fit(fixture.real(), fixture.metadata(), 7);
        synthetic = Sampler.sampleTable(model, SAMPLE_ROWS, 11, 2);
    }

    @Test
    void recoversTheGroupDependentMean() {
        double[] means = DependencyTable.groupMeans(synthetic);
        double[] shares = DependencyTable.groupShares(synthetic);
        for (int k = 0; k < 3; k++) {
            double p = DependencyTable.SHARES[k];
            assertThat(shares[k]).as("share of group %d; %s", k, tolerances().share().why())
                    .isCloseTo(p, within(K * Math.sqrt(p * (1 - p) / SAMPLE_ROWS) + tolerances().share().value()));
            assertThat(means[k]).as("mean of y in group %d; %s", k, tolerances().mean().why())
                    .isCloseTo(fixture.means()[k], within(meanBand(shares[k] * SAMPLE_ROWS)));
        }
    }

    @Test
    void keepsTheShareOfMissingValues() {
        double p = fixture.yMissingShare();
        double missing = (double) ((NumericColumn) synthetic.column(Y)).nullCount() / SAMPLE_ROWS;
        assertThat(missing).as("share of missing y; %s", tolerances().missing().why())
                .isCloseTo(p, within(K * Math.sqrt(p * (1 - p) / SAMPLE_ROWS) + tolerances().missing().value()));
        if (p > 0) {
            assertThat(missing).as("missing y is made at all").isPositive();
        }
    }

    @Test
    void replacesPiiColumnsWithFakeValues() {
        List<String> pii = fixture.metadata().columns().stream().filter(c -> c.type() == ColumnType.PII)
                .map(ColumnMetadata::name).toList();
        assertThat(pii).as("PII columns in the fixture").isNotEmpty();
        for (String name : pii) {
            Set<String> real = Set.copyOf(values((CategoricalColumn) fixture.real().column(name)));
            // PII is never learned: not one training value may come back, and every row gets a value.
            assertThat(values((CategoricalColumn) synthetic.column(name))).as("column %s", name)
                    .doesNotContainNull().doesNotContainAnyElementsOf(real);
        }
    }

    @Test
    void conditionalSamplingHoldsTheConditionAndItsDependency() {
        SyntheticModel onlyLast = model.given(oneOf(LAST_GROUP));
        Table conditional = Sampler.sampleTable(onlyLast, CONDITIONAL_ROWS, 5, 1);
        CategoricalColumn group = (CategoricalColumn) conditional.column(GROUP);
        for (int i = 0; i < conditional.rowCount(); i++) {
            assertThat(group.get(i)).as("group of row %d", i).isEqualTo(LAST_GROUP);
        }
        // The clamped group must still drive y: the same band as unconditionally, over all rows of the sample.
        assertThat(DependencyTable.groupMeans(conditional)[2]).as(tolerances().mean().why())
                .isCloseTo(fixture.means()[2], within(meanBand(CONDITIONAL_ROWS)));
    }

    @Test
    void refusesAValueTheGroupNeverTakes() {
        assertThatThrownBy(() -> model.given(oneOf("z"))).isInstanceOf(ImpossibleConditionException.class)
                .hasMessageContaining(GROUP);
    }

    @Test
    void sameSeedTrainsTheSameWeights() {
        byte[] first = weights(fitTiny(fixture.real(), fixture.metadata(), 3, 1));
        byte[] second = weights(fitTiny(fixture.real(), fixture.metadata(), 3, 1));
        byte[] otherSeed = weights(fitTiny(fixture.real(), fixture.metadata(), 4, 1));
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void sampledBlocksDoNotDependOnTheThreadCount() {
        assertSameRows(Sampler.sampleTable(model, TWO_BLOCK_ROWS, 9, 1),
                Sampler.sampleTable(model, TWO_BLOCK_ROWS, 9, 2));
        // The seed must matter too, or equal outputs above would prove nothing.
        assertThat(((NumericColumn) Sampler.sampleTable(model, 200, 10, 1).column(Y)).toArray())
                .isNotEqualTo(((NumericColumn) Sampler.sampleTable(model, 200, 9, 1).column(Y)).toArray());
    }

    @Test
    void savedModelLoadsAndSamplesIdentically(@TempDir Path dir) {
        Path file = save(dir);
        SyntheticModel loaded = store().read(file).model();
        assertSameRows(Sampler.sampleTable(model, 1000, 2, 1), Sampler.sampleTable(loaded, 1000, 2, 1));
    }

    @Test
    void rejectsAModelFileWithCorruptedWeights(@TempDir Path dir) {
        Path file = save(dir);
        ModelFiles.corruptWeights(file);
        assertThatThrownBy(() -> store().read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(file.getFileName() + ", part weights").hasMessageContaining("checksum mismatch");
    }

    /** The band for y's mean over {@code rows} rows of one group: its sampling error plus the model's allowance. */
    private double meanBand(double rows) {
        // The mean is over the rows where y is present.
        return K * fixture.sd() / Math.sqrt(rows * (1 - fixture.yMissingShare())) + tolerances().mean().value();
    }

    private static Condition oneOf(String group) {
        return new Condition(List.of(new ColumnCondition.OneOf(GROUP, Set.of(group))));
    }

    private static byte[] weights(FittedModel m) {
        return m.binaryParts().get(StoredWeights.PART);
    }

    private Path save(Path dir) {
        Path file = dir.resolve(model.synthesizer() + ".doppel");
        ModelStore.save(file, model, new Provenance("data.csv", "ab".repeat(32), fixture.real().rowCount(),
                fixture.real().columnCount(), model.synthesizer(), Map.of(), 7, "test", "2026-01-01T00:00:00Z"));
        return file;
    }

    private static ModelStore store() {
        return new ModelStore(SynthesizerCatalog.standard().plus(NeuralSynthesizers.entries()));
    }

    /** Same rows in every column; NaN equals NaN here, as in {@link java.util.Arrays#equals(double[], double[])}. */
    protected static void assertSameRows(Table expected, Table actual) {
        assertThat(actual.columnNames()).isEqualTo(expected.columnNames());
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            Column e = expected.column(c);
            Column a = actual.column(c);
            if (e instanceof NumericColumn n) {
                assertThat(((NumericColumn) a).toArray()).as("column %s", n.name()).isEqualTo(n.toArray());
            } else {
                assertThat(values((CategoricalColumn) a)).as("column %s", e.name())
                        .isEqualTo(values((CategoricalColumn) e));
            }
        }
    }

    private static List<String> values(CategoricalColumn column) {
        return IntStream.range(0, column.size()).mapToObj(column::get).toList();
    }
}
