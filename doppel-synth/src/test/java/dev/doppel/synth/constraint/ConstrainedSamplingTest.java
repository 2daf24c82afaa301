package dev.doppel.synth.constraint;

import dev.doppel.synth.TwoSampleStatistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.Json;
import dev.doppel.metadata.MetadataJson;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.model.ModelFile;
import dev.doppel.synth.CsvFitter;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.StoredModel;
import dev.doppel.synth.SynthesizerCatalog;
import dev.doppel.synth.SyntheticCsvWriter;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.Condition;
import dev.doppel.synth.condition.ConditionParser;
import dev.doppel.table.Table;
import dev.doppel.transform.RowFormatter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every constraint kind on one small synthetic table (4,000 rows), fitted with the Gaussian copula through the same
 * path as {@code doppel fit --metadata}, and checked on 100,000 sampled rows as they are written to CSV.
 */
class ConstrainedSamplingTest {
    static final int TRAIN_ROWS = 4_000;
    static final int SAMPLED_ROWS = 100_000;
    static final String[][] PLACES = {{"Lyon", "France"}, {"Paris", "France"}, {"Oslo", "Norway"},
        {"Bergen", "Norway"}, {"Porto", "Portugal"}, {"Lisbon", "Portugal"}};
    static final String CONSTRAINTS = """
            [{"type": "inequality", "low": "start", "high": "end", "strict": true},
             {"type": "positive", "column": "price", "strict": true},
             {"type": "range", "column": "quantity", "low": 1, "high": 20},
             {"type": "formula", "column": "total", "expression": "price * quantity"},
             {"type": "range", "column": "x", "lowColumn": "low", "highColumn": "high"},
             {"type": "fixed-combinations", "columns": ["city", "country"]},
             {"type": "regex", "column": "code", "pattern": "[A-Z]{2}-[0-9]{3}"},
             {"type": "regex", "column": "sku", "pattern": "SKU-[0-9]{6}"},
             {"type": "unique", "columns": ["serial"]},
             {"type": "negative", "column": "loss"}]""";

    @TempDir
    static Path dir;
    static Path data;
    static Path metadataFile;
    static CsvFitter.Result fitted;
    static List<String[]> real;
    static List<String[]> sampled;
    static List<String> header;

    @BeforeAll
    static void fitAndSample() throws IOException {
        data = dir.resolve("orders.csv");
        Files.writeString(data, trainingCsv(TRAIN_ROWS, 5));
        metadataFile = dir.resolve("orders.json");
        Files.writeString(metadataFile, metadataJson(CONSTRAINTS));
        fitted = new CsvFitter(CsvFormat.DEFAULT, SynthesizerCatalog.standard())
                .fit(data, Optional.of(metadataFile), "gaussian-copula", 3);
        header = fitted.metadata().columnNames();
        real = Files.readAllLines(data).stream().skip(1).map(l -> l.split(",", -1)).toList();
        sampled = text(fitted.model(), Sampler.sampleTable(fitted.model(), SAMPLED_ROWS, 11, 2));
    }

    static String trainingCsv(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("start,end,price,quantity,total,low,high,x,city,country,code,sku,serial,loss\n");
        LocalDate origin = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < rows; i++) {
            LocalDate start = origin.plusDays(r.nextInt(1400));
            // Durations of 1 day and more, mostly short: the copula alone puts some ends before their starts.
            LocalDate end = start.plusDays(1 + (long) (-12 * Math.log(1 - r.nextDouble())));
            double price = Math.exp(2 + 0.8 * r.nextGaussian());
            int quantity = 1 + r.nextInt(20);
            BigDecimal p = BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP);
            if (p.signum() == 0) {
                p = new BigDecimal("0.01");
            }
            BigDecimal total = p.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
            double low = 50 + 10 * r.nextGaussian();
            double high = low + 5 + 25 * r.nextDouble();
            double x = low + (high - low) * Math.pow(r.nextDouble(), 2);
            String[] place = PLACES[Math.min(PLACES.length - 1, (int) Math.floor(Math.abs(r.nextGaussian()) * 2))];
            String code = (char) ('A' + r.nextInt(3)) + "" + (char) ('K' + r.nextInt(2)) + "-" + (100 + r.nextInt(7));
            double loss = r.nextDouble() < 0.7 ? 0 : -Math.round(100 + 900 * r.nextDouble());
            csv.append(start).append(',').append(end).append(',').append(p.toPlainString()).append(',')
                    .append(quantity).append(',').append(total.toPlainString()).append(',')
                    .append(String.format(Locale.ROOT, "%.1f,%.1f,%.1f", low, high,
                            Math.min(Math.max(x, low), high)))
                    .append(',').append(place[0]).append(',').append(place[1]).append(',').append(code).append(',')
                    .append("S").append(i).append(',').append(r.nextInt(1_000_000)).append(',')
                    .append(String.format(Locale.ROOT, "%.0f", loss)).append('\n');
        }
        return csv.toString();
    }

    static String metadataJson(String constraints) {
        return """
                {"format": "doppel-metadata", "formatVersion": 1, "nullMarker": "", "delimiter": ",",
                 "columns": [
                   {"name": "start", "type": "datetime", "format": "yyyy-MM-dd"},
                   {"name": "end", "type": "datetime", "format": "yyyy-MM-dd"},
                   {"name": "price", "type": "numerical", "decimals": 2},
                   {"name": "quantity", "type": "numerical", "integer": true},
                   {"name": "total", "type": "numerical", "decimals": 2},
                   {"name": "low", "type": "numerical", "decimals": 1},
                   {"name": "high", "type": "numerical", "decimals": 1},
                   {"name": "x", "type": "numerical", "decimals": 1},
                   {"name": "city", "type": "categorical"},
                   {"name": "country", "type": "categorical"},
                   {"name": "code", "type": "categorical"},
                   {"name": "sku", "type": "id"},
                   {"name": "serial", "type": "numerical", "integer": true},
                   {"name": "loss", "type": "numerical", "integer": true}
                 ],
                 "constraints": %s}""".formatted(constraints);
    }

    /** Rows as the CSV writer would write them. */
    static List<String[]> text(SyntheticModel model, Table table) {
        RowFormatter formatter = new RowFormatter(model.metadata());
        List<String[]> rows = new ArrayList<>(table.rowCount());
        for (int i = 0; i < table.rowCount(); i++) {
            String[] row = new String[table.columnCount()];
            formatter.format(table, i, row);
            rows.add(row);
        }
        return rows;
    }

    static int col(String name) {
        return header.indexOf(name);
    }

    static double num(String[] row, String column) {
        return Double.parseDouble(row[col(column)]);
    }

    /**
     * Rows of {@code rows} breaking each constraint, checked on the written text, independently of the library. The
     * sku pattern and uniqueness are rules for the output only.
     */
    static Map<String, Integer> violations(List<String[]> rows, Set<String> seenPlaces) {
        return violations(rows, seenPlaces, true);
    }

    static Map<String, Integer> violations(List<String[]> rows, Set<String> seenPlaces, boolean output) {
        Map<String, Integer> broken = new HashMap<>();
        Set<String> serials = new HashSet<>();
        Set<String> skus = new HashSet<>();
        for (String[] row : rows) {
            if (!LocalDate.parse(row[col("start")]).isBefore(LocalDate.parse(row[col("end")]))) {
                broken.merge("start < end", 1, Integer::sum);
            }
            if (!(num(row, "price") > 0)) {
                broken.merge("price > 0", 1, Integer::sum);
            }
            if (num(row, "quantity") < 1 || num(row, "quantity") > 20) {
                broken.merge("1 <= quantity <= 20", 1, Integer::sum);
            }
            BigDecimal total = new BigDecimal(row[col("price")]).multiply(new BigDecimal(row[col("quantity")]))
                    .setScale(2, RoundingMode.HALF_UP);
            if (total.compareTo(new BigDecimal(row[col("total")])) != 0) {
                broken.merge("total = price * quantity", 1, Integer::sum);
            }
            if (num(row, "x") < num(row, "low") || num(row, "x") > num(row, "high")) {
                broken.merge("low <= x <= high", 1, Integer::sum);
            }
            if (!seenPlaces.contains(row[col("city")] + "/" + row[col("country")])) {
                broken.merge("fixed city/country", 1, Integer::sum);
            }
            if (!row[col("code")].matches("[A-Z]{2}-[0-9]{3}")) {
                broken.merge("code regex", 1, Integer::sum);
            }
            if (!output) {
                continue;
            }
            if (!row[col("sku")].matches("SKU-[0-9]{6}")) {
                broken.merge("sku regex", 1, Integer::sum);
            }
            if (!skus.add(row[col("sku")])) {
                broken.merge("unique sku", 1, Integer::sum);
            }
            if (!serials.add(row[col("serial")])) {
                broken.merge("unique serial", 1, Integer::sum);
            }
            if (num(row, "loss") > 0) {
                broken.merge("loss <= 0", 1, Integer::sum);
            }
        }
        return broken;
    }

    static Set<String> places(List<String[]> rows) {
        Set<String> out = new HashSet<>();
        rows.forEach(r -> out.add(r[col("city")] + "/" + r[col("country")]));
        return out;
    }

    @Test
    void everyConstraintHoldsInEveryOneOf100kSampledRows() {
        assertThat(sampled).hasSize(SAMPLED_ROWS);
        assertThat(violations(real, places(real), false)).as("the training data satisfies its constraints").isEmpty();
        assertThat(violations(sampled, places(real))).isEmpty();
    }

    @Test
    void theCopulaAloneBreaksTheseRules() {
        // Shows the check above can fail: without constraints the same synthesizer breaks most rules.
        TableMetadata plain = fitted.metadata().withConstraints(List.of());
        Path plainMetadata = dir.resolve("plain.json");
        MetadataJson.write(plain, plainMetadata);
        CsvFitter.Result unconstrained = new CsvFitter(CsvFormat.DEFAULT, SynthesizerCatalog.standard())
                .fit(data, Optional.of(plainMetadata), "gaussian-copula", 3);
        List<String[]> rows = text(unconstrained.model(), Sampler.sampleTable(unconstrained.model(), 20_000, 11, 1));
        Map<String, Integer> broken = violations(rows, places(real));
        assertThat(broken).containsKeys("start < end", "total = price * quantity", "low <= x <= high",
                "fixed city/country", "sku regex", "unique serial");
    }

    @Test
    void transformsKeepTheDistributionOfWhatTheyModel() {
        // Two-sample KS at α = 0.001: D_crit = 1.95·sqrt(1/n + 1/m) with n = 4,000 real and m = 100,000 rows
        // ≈ 0.031. A transform that bent the difference, the relative position or the log-price would exceed it.
        double critical = 1.95 * Math.sqrt(1.0 / TRAIN_ROWS + 1.0 / SAMPLED_ROWS);
        assertThat(TwoSampleStatistics.ks(days(real), days(sampled))).as("KS of end - start").isLessThan(critical);
        assertThat(TwoSampleStatistics.ks(position(real), position(sampled))).as("KS of (x - low) / (high - low)").isLessThan(critical);
        assertThat(TwoSampleStatistics.ks(column(real, "price"), column(sampled, "price"))).as("KS of price").isLessThan(critical);
        assertThat(TwoSampleStatistics.ks(column(real, "total"), column(sampled, "total"))).as("KS of total").isLessThan(critical);
        // Six combinations: the TVD of two samples of this size from one distribution is about 0.01.
        assertThat(tvd(real, sampled, r -> r[col("city")] + "/" + r[col("country")])).isLessThan(0.03);
    }

    @Test
    void sameSeedGivesIdenticalBytesForOneAndTwoThreadsAfterSaveAndLoad() throws IOException {
        Path model = dir.resolve("orders.doppel");
        ModelStore.save(model, fitted.model(), fitted.provenance());
        StoredModel stored = ModelStore.load(model);
        assertThat(stored.model()).isInstanceOf(ConstrainedModel.class);
        Path one = dir.resolve("one.csv");
        Path two = dir.resolve("two.csv");
        // 30,000 rows: four blocks, the last cut by the uniqueness filter, computed concurrently with two threads.
        SyntheticCsvWriter.write(stored, "orders.doppel", 30_000, 11, 1, one, done -> { });
        SyntheticCsvWriter.write(stored, "orders.doppel", 30_000, 11, 2, two, done -> { });
        assertThat(Files.mismatch(one, two)).isEqualTo(-1L);
        List<String> lines = Files.readAllLines(one);
        assertThat(lines).hasSize(30_001);
        // The loaded model samples exactly as the fitted one.
        List<String[]> inMemory = sampled.subList(0, 30_000);
        for (int i = 0; i < 30_000; i += 997) {
            assertThat(lines.get(i + 1)).isEqualTo(String.join(",", inMemory.get(i)));
        }
    }

    @Test
    void modelFileKeepsSeenCombinationsAndRefusesTamperedOnes() throws IOException {
        Path model = dir.resolve("tamper.doppel");
        ModelStore.save(model, fitted.model(), fitted.provenance());
        ModelFile.Section section = ModelFile.read(model).get(0);
        ObjectNode root = (ObjectNode) Json.newMapper().readTree(section.content());
        JsonNode seen = root.at("/parameters/constraints/combinations/0/seen");
        assertThat(seen.size()).isEqualTo(places(real).size());
        ((ArrayNode) seen.get(0)).set(1, root.numberNode(3));
        ModelFile.write(model, List.of(new ModelFile.Section("model", "application/json",
                Json.newMapper().writeValueAsBytes(root))));
        assertThatThrownBy(() -> ModelStore.load(model)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("parameters.constraints.combinations[0].seen[0][1]")
                .hasMessageContaining("a string or null for column country");
    }

    @Test
    void trainingRowBreakingAConstraintIsNamedByItsLine() throws IOException {
        Path bad = dir.resolve("bad.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(data).subList(0, 40));
        String[] row = lines.get(30).split(",", -1);
        row[col("end")] = row[col("start")];
        lines.set(30, String.join(",", row));
        Files.write(bad, lines);
        assertThatThrownBy(() -> new CsvFitter(CsvFormat.DEFAULT, SynthesizerCatalog.standard())
                .fit(bad, Optional.of(metadataFile), "gaussian-copula", 3))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.line()).isEqualTo(31))
                .hasMessageContaining("constraints[0] (start < end)")
                .hasMessageContaining("found start " + row[col("start")] + ", end " + row[col("start")]);
    }

    @Test
    void uniquenessBeyondWhatTheModelCanMakeFailsClearly() {
        // The fitted model with one more rule, unique country; uniqueness leaves the model space alone.
        ConstrainedModel fittedModel = (ConstrainedModel) fitted.model();
        List<dev.doppel.metadata.Constraint> more = new ArrayList<>(fitted.metadata().constraints());
        more.add(new dev.doppel.metadata.Constraint.Unique(List.of("country")));
        ConstraintPlan plan = new ConstraintPlan(fitted.metadata().withConstraints(more),
                ConstraintPlan.learnCombinations(typed(fitted.metadata()), fitted.metadata()));
        SyntheticModel model = new ConstrainedModel(plan, fittedModel.inner());
        assertThat(Sampler.sampleTable(model, 3, 1, 1).rowCount()).isEqualTo(3);
        assertThatThrownBy(() -> Sampler.sampleTable(model, 4, 1, 2)).isInstanceOf(DoppelException.class)
                .hasMessageContaining("could sample only 3 of 4 rows satisfying unique country");
    }

    @Test
    void conditionsOnUntransformedColumnsGoToTheInnerModelOthersFailClearly() {
        ConstrainedModel model = (ConstrainedModel) fitted.model();
        Condition onEnd = ConditionParser.parse("end=2021-01-01..2021-12-31", model.metadata());
        assertThatThrownBy(() -> model.given(onEnd)).isInstanceOf(DoppelException.class)
                .hasMessageContaining("cannot condition on column end").hasMessageContaining("start < end");
        Condition onCode = ConditionParser.parse("code=AK-101", model.metadata());
        // The copula cannot condition: the error is the inner model's, so the call was delegated.
        assertThatThrownBy(() -> model.given(onCode)).isInstanceOf(DoppelException.class)
                .hasMessageContaining("cannot sample conditionally");
    }

    static Table typed(TableMetadata m) {
        dev.doppel.io.CsvTable raw = new dev.doppel.io.CsvTableReader(CsvFormat.DEFAULT).read(data);
        return dev.doppel.transform.TableDecoder.decode(raw, m);
    }

    private static double[] days(List<String[]> rows) {
        return rows.stream().mapToDouble(r -> ChronoUnit.DAYS.between(LocalDate.parse(r[col("start")]),
                LocalDate.parse(r[col("end")]))).toArray();
    }

    private static double[] position(List<String[]> rows) {
        return rows.stream().filter(r -> num(r, "high") > num(r, "low"))
                .mapToDouble(r -> (num(r, "x") - num(r, "low")) / (num(r, "high") - num(r, "low"))).toArray();
    }

    private static double[] column(List<String[]> rows, String name) {
        return rows.stream().mapToDouble(r -> num(r, name)).toArray();
    }

    static double tvd(List<String[]> a, List<String[]> b, java.util.function.Function<String[], String> key) {
        Map<String, double[]> shares = new HashMap<>();
        a.forEach(r -> shares.computeIfAbsent(key.apply(r), k -> new double[2])[0] += 1.0 / a.size());
        b.forEach(r -> shares.computeIfAbsent(key.apply(r), k -> new double[2])[1] += 1.0 / b.size());
        return shares.values().stream().mapToDouble(s -> Math.abs(s[0] - s[1])).sum() / 2;
    }
}
