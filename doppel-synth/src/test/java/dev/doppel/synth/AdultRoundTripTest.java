package dev.doppel.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance tests every synthesizer passes on the real UCI Adult table (32,561 rows): fit, sample as many rows, and
 * compare. One subclass per synthesizer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdultRoundTripTest {
    static final Path ADULT = Path.of(System.getProperty("doppel.datasets", "../../shared/datasets"), "adult", "adult.csv");

    TableMetadata metadata;
    Table real;
    Table synthetic;

    /** The synthesizer under test, with its default parameters. */
    abstract Synthesizer synthesizer();

    @BeforeAll
    void fitAndSample() {
        assertThat(ADULT).as("the shared datasets must sit beside the project").isRegularFile();
        CsvTable raw = new CsvTableReader(CsvFormat.DEFAULT).read(ADULT);
        metadata = MetadataInference.infer(raw);
        real = TableDecoder.decode(raw, metadata);
        SyntheticModel model = synthesizer().fit(real, metadata, 0);
        synthetic = Sampler.sampleTable(model, real.rowCount(), 1, 2);
    }

    @Test
    void keepsEveryNumericMarginal() {
        // The two-sample KS 5% critical value at n = m = 32,561 is 1.36·sqrt(2/n) ≈ 0.011; the bound 0.05
        // leaves room for the copula's smoothing of discrete columns, not for a wrong marginal.
        for (ColumnMetadata c : metadata.columns()) {
            if (c.type() == ColumnType.NUMERICAL) {
                double ks = TwoSampleStatistics.ks((NumericColumn) real.column(c.name()),
                        (NumericColumn) synthetic.column(c.name()));
                assertThat(ks).as("KS of %s", c.name()).isLessThan(0.05);
            }
        }
    }

    @Test
    void keepsEveryCategoricalMarginal() {
        // With k ≤ 42 categories the expected TVD of two samples of 32k from one distribution is ≈ 0.01–0.02.
        for (ColumnMetadata c : metadata.columns()) {
            if (c.type() == ColumnType.CATEGORICAL || c.type() == ColumnType.BOOLEAN) {
                double tvd = TwoSampleStatistics.tvd((CategoricalColumn) real.column(c.name()),
                        (CategoricalColumn) synthetic.column(c.name()));
                assertThat(tvd).as("TVD of %s", c.name()).isLessThan(0.05);
            }
        }
    }

    @Test
    void keepsNumericRankCorrelations() {
        List<String> numeric = metadata.columns().stream()
                .filter(c -> c.type() == ColumnType.NUMERICAL).map(ColumnMetadata::name).toList();
        assertThat(numeric).hasSizeGreaterThanOrEqualTo(6);
        for (int i = 0; i < numeric.size(); i++) {
            for (int j = i + 1; j < numeric.size(); j++) {
                NumericColumn ra = (NumericColumn) real.column(numeric.get(i));
                NumericColumn rb = (NumericColumn) real.column(numeric.get(j));
                NumericColumn sa = (NumericColumn) synthetic.column(numeric.get(i));
                NumericColumn sb = (NumericColumn) synthetic.column(numeric.get(j));
                double delta = Math.abs(TwoSampleStatistics.spearman(ra, rb) - TwoSampleStatistics.spearman(sa, sb));
                assertThat(delta).as("Spearman of %s × %s", numeric.get(i), numeric.get(j)).isLessThan(0.1);
            }
        }
    }

    @Test
    void sameSeedGivesByteIdenticalCsvWithOneAndTwoThreads(@TempDir Path dir) throws Exception {
        CsvFitter.Result fitted = new CsvFitter(CsvFormat.DEFAULT, SynthesizerCatalog.standard())
                .fit(ADULT, Optional.empty(), synthesizer().name(), 0);
        Path modelFile = dir.resolve("adult.doppel");
        ModelStore.save(modelFile, fitted.model(), fitted.provenance());
        StoredModel stored = ModelStore.load(modelFile);
        Path one = dir.resolve("one.csv");
        Path two = dir.resolve("two.csv");
        Path otherSeed = dir.resolve("other.csv");
        // 50,000 rows span seven blocks, so blocks are really computed concurrently with two threads.
        SyntheticCsvWriter.write(stored, "adult.doppel", 50_000, 7, 1, one, done -> { });
        SyntheticCsvWriter.write(stored, "adult.doppel", 50_000, 7, 2, two, done -> { });
        SyntheticCsvWriter.write(stored, "adult.doppel", 50_000, 8, 2, otherSeed, done -> { });
        assertThat(Files.mismatch(one, two)).isEqualTo(-1L);
        assertThat(Files.mismatch(one, otherSeed)).isNotEqualTo(-1L);
        assertThat(Files.readAllLines(one)).hasSize(50_001);
    }

    @Test
    void fittedModelDoesNotDependOnTheThreadCount() {
        Synthesizer one = synthesizer().withParameters(java.util.Map.of("threads", "1"));
        Synthesizer two = synthesizer().withParameters(java.util.Map.of("threads", "2"));
        assertThat(one.fit(real, metadata, 4).parametersJson()).isEqualTo(two.fit(real, metadata, 4).parametersJson());
    }

    @Test
    void copiesTrainingRowsNoMoreOftenThanARealSecondSample() {
        // Split Adult into two random halves: the share of rows of one half found verbatim in the other is the
        // copy rate of a real second sample. A model fitted on one half must not copy more often than that.
        CsvTable raw = new CsvTableReader(CsvFormat.DEFAULT).read(ADULT);
        Table all = TableDecoder.decode(raw, metadata);
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> otherRows = new ArrayList<>();
        for (int i = 0; i < all.rowCount(); i++) {
            (random.nextBoolean() ? trainRows : otherRows).add(i);
        }
        Table train = TableRows.select(all, trainRows);
        Table other = TableRows.select(all, otherRows);
        Set<String> trainKeys = rowKeys(train);
        double realCopyRate = copyRate(other, trainKeys);

        SyntheticModel model = synthesizer().fit(train, metadata, 3);
        Table sample = Sampler.sampleTable(model, other.rowCount(), 5, 2);
        double syntheticCopyRate = copyRate(sample, trainKeys);
        assertThat(syntheticCopyRate).isLessThanOrEqualTo(realCopyRate);
    }

    private static Set<String> rowKeys(Table table) {
        Set<String> keys = new HashSet<>();
        for (int r = 0; r < table.rowCount(); r++) {
            keys.add(TableRows.key(table, r));
        }
        return keys;
    }

    private static double copyRate(Table table, Set<String> keys) {
        int copies = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            if (keys.contains(TableRows.key(table, r))) {
                copies++;
            }
        }
        return (double) copies / table.rowCount();
    }
}
