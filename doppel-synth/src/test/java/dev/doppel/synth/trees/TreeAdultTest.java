package dev.doppel.synth.trees;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.ColumnType;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.CsvFitter;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.StoredModel;
import dev.doppel.synth.SyntheticCsvWriter;
import dev.doppel.synth.SynthesizerCatalog;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trees synthesizer on the real UCI Adult table (32,561 rows): fit, sample as many rows, compare. */
class TreeAdultTest {
    static final Path ADULT = Path.of(System.getProperty("doppel.datasets", "../../shared/datasets"), "adult", "adult.csv");

    static TableMetadata metadata;
    static Table real;
    static Table synthetic;

    @BeforeAll
    static void fitAndSample() {
        assertThat(ADULT).as("the shared datasets must sit beside the project").isRegularFile();
        CsvTable raw = new CsvTableReader(CsvFormat.DEFAULT).read(ADULT);
        metadata = MetadataInference.infer(raw);
        real = TableDecoder.decode(raw, metadata);
        SyntheticModel model = new TreeSynthesizer().fit(real, metadata, 0);
        synthetic = Sampler.sampleTable(model, real.rowCount(), 1, 2);
    }

    private static List<String> columns(ColumnType... types) {
        Set<ColumnType> wanted = Set.of(types);
        return metadata.columns().stream().filter(c -> wanted.contains(c.type())).map(ColumnMetadata::name).toList();
    }

    @Test
    void keepsEveryMarginal() {
        // Two-sample KS 5% critical value at n = m = 32,561 is 0.011 and the TVD of two such samples over ≤ 42
        // categories is ≈ 0.01–0.02; the bound 0.05 leaves room for leaf smoothing, not a wrong marginal.
        for (String name : columns(ColumnType.NUMERICAL)) {
            double ks = SampleStatistics.ks((NumericColumn) real.column(name), (NumericColumn) synthetic.column(name));
            assertThat(ks).as("KS of %s", name).isLessThan(0.05);
        }
        for (String name : columns(ColumnType.CATEGORICAL, ColumnType.BOOLEAN)) {
            assertThat(SampleStatistics.tvd(real, synthetic, name)).as("TVD of %s", name).isLessThan(0.05);
        }
    }

    @Test
    void keepsPairwiseDependence() {
        List<String> numeric = columns(ColumnType.NUMERICAL);
        for (int i = 0; i < numeric.size(); i++) {
            for (int j = i + 1; j < numeric.size(); j++) {
                double realRho = SampleStatistics.spearman((NumericColumn) real.column(numeric.get(i)),
                        (NumericColumn) real.column(numeric.get(j)));
                double synthRho = SampleStatistics.spearman((NumericColumn) synthetic.column(numeric.get(i)),
                        (NumericColumn) synthetic.column(numeric.get(j)));
                assertThat(Math.abs(realRho - synthRho)).as("Spearman of %s × %s", numeric.get(i), numeric.get(j))
                        .isLessThan(0.05);
            }
        }
        // Joint tables of two categorical columns (up to 16 × 42 cells, many sparse): two real halves of Adult's
        // 26k training split differ by up to 0.053 (occupation × native-country), while drawing relationship and
        // sex independently gives 0.27. Measured for this model: at most 0.033.
        List<String> categorical = columns(ColumnType.CATEGORICAL, ColumnType.BOOLEAN);
        for (int i = 0; i < categorical.size(); i++) {
            for (int j = i + 1; j < categorical.size(); j++) {
                assertThat(SampleStatistics.tvd(real, synthetic, categorical.get(i), categorical.get(j)))
                        .as("joint TVD of %s × %s", categorical.get(i), categorical.get(j)).isLessThan(0.06);
            }
        }
    }

    @Test
    void keepsTheDeterministicEducationToYearsMapping() {
        // In Adult each education label has exactly one education-num; a model that learns the relation keeps it.
        Map<String, Double> years = new HashMap<>();
        CategoricalColumn education = (CategoricalColumn) real.column("education");
        NumericColumn num = (NumericColumn) real.column("education-num");
        for (int i = 0; i < real.rowCount(); i++) {
            years.put(education.get(i), num.get(i));
        }
        CategoricalColumn sEducation = (CategoricalColumn) synthetic.column("education");
        NumericColumn sNum = (NumericColumn) synthetic.column("education-num");
        int agree = 0;
        for (int i = 0; i < synthetic.rowCount(); i++) {
            agree += years.get(sEducation.get(i)) == sNum.get(i) ? 1 : 0;
        }
        assertThat((double) agree / synthetic.rowCount()).isGreaterThan(0.98);
    }

    private static Table select(Table table, List<Integer> rows) {
        List<Column> out = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c instanceof NumericColumn n) {
                out.add(new NumericColumn(c.name(), rows.stream().mapToDouble(n::get).toArray()));
            } else {
                CategoricalColumn k = (CategoricalColumn) c;
                out.add(new CategoricalColumn(c.name(), rows.stream().mapToInt(k::code).toArray(), k.dictionary()));
            }
        }
        return new Table(out);
    }

    @Test
    void copiesTrainingRowsNoMoreOftenThanARealSecondSample() {
        // The share of one random half's rows found verbatim in the other is the copy rate of a real second
        // sample; a model fitted on one half must not copy it more often.
        SplittableRandom random = new SplittableRandom(42);
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> otherRows = new ArrayList<>();
        for (int i = 0; i < real.rowCount(); i++) {
            (random.nextBoolean() ? trainRows : otherRows).add(i);
        }
        Table train = select(real, trainRows);
        Table other = select(real, otherRows);
        Set<String> trainKeys = SampleStatistics.rowKeys(train);
        double realCopyRate = SampleStatistics.copyRate(other, trainKeys);
        assertThat(realCopyRate).as("Adult repeats some rows").isGreaterThan(0);

        SyntheticModel model = new TreeSynthesizer().fit(train, metadata, 3);
        Table sample = Sampler.sampleTable(model, other.rowCount(), 5, 2);
        assertThat(SampleStatistics.copyRate(sample, trainKeys)).isLessThanOrEqualTo(realCopyRate);
    }

    @Test
    void savedModelLoadsAndSamplesByteIdenticallyWithOneAndTwoThreads(@TempDir Path dir) throws Exception {
        CsvFitter.Result fitted = new CsvFitter(CsvFormat.DEFAULT, SynthesizerCatalog.standard())
                .fit(ADULT, Optional.empty(), TreeSynthesizer.NAME, 0);
        Path modelFile = dir.resolve("adult.doppel");
        ModelStore.save(modelFile, fitted.model(), fitted.provenance());
        StoredModel stored = ModelStore.load(modelFile);
        assertThat(stored.model()).isInstanceOf(TreeModel.class);
        assertThat(stored.model().parametersJson()).isEqualTo(fitted.model().parametersJson());
        Path fresh = dir.resolve("fresh.csv");
        Path one = dir.resolve("one.csv");
        Path two = dir.resolve("two.csv");
        Path otherSeed = dir.resolve("other.csv");
        // 50,000 rows span seven blocks, so two threads really compute blocks concurrently.
        SyntheticCsvWriter.write(new StoredModel(fitted.model(), fitted.provenance(), stored.fingerprint()),
                "adult.doppel", 50_000, 7, 1, fresh, done -> { });
        SyntheticCsvWriter.write(stored, "adult.doppel", 50_000, 7, 1, one, done -> { });
        SyntheticCsvWriter.write(stored, "adult.doppel", 50_000, 7, 2, two, done -> { });
        SyntheticCsvWriter.write(stored, "adult.doppel", 50_000, 8, 2, otherSeed, done -> { });
        assertThat(Files.mismatch(fresh, one)).isEqualTo(-1L);
        assertThat(Files.mismatch(one, two)).isEqualTo(-1L);
        assertThat(Files.mismatch(one, otherSeed)).isNotEqualTo(-1L);
        assertThat(Files.readAllLines(one)).hasSize(50_001);
    }
}
