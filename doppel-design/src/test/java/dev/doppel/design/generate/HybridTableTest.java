package dev.doppel.design.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.SpecReader;
import dev.doppel.io.CsvFormat;
import dev.doppel.synth.CsvFitter;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.SynthesizerCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A learned model as a table's source, with spec rules on top: overrides, derived columns, keys, scenarios. */
class HybridTableTest {
    @TempDir
    Path dir;

    @Test
    void learnedColumnsWithOverridesDerivedColumnsReferencesAndScenarios() throws IOException {
        // Training data made by a spec: weight ~ N(70, 10), size categorical.
        DesignSpec training = Specs.parse("""
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: train
                    rows: 3000
                    columns:
                      - {name: weight, distribution: {type: normal, mean: 70, sd: 10}, decimals: 1}
                      - {name: size, distribution: {type: categorical, values: {S: 1, M: 2, L: 1}}}
                      - {name: note, distribution: {type: categorical, values: {x: 1, y: 1}}}
                """);
        new DesignGenerator(training, SpecExpressions.INSTANCE).write(dir.resolve("train"), 1, 1, done -> { });
        CsvFitter.Result fitted = new CsvFitter(CsvFormat.DEFAULT, SynthesizerCatalog.standard())
                .fit(dir.resolve("train/train.csv"), Optional.empty(), "gaussian-copula", 1);
        ModelStore.save(dir.resolve("model.doppel"), fitted.model(), fitted.provenance());

        String yaml = """
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: people
                    rows: 200
                    columns:
                      - {name: id, sequence: {start: 1}}
                  - name: parcels
                    model: model.doppel
                    rows: 20000
                    label: scenario
                    columns:
                      - {name: note, distribution: {type: constant, value: fixed}}
                      - {name: owner, references: people.id}
                      - {name: weight_lb, expression: "weight * 2.2"}
                    scenarios:
                      - {name: heavy, rate: 0.01, set: {weight: 500}}
                """;
        DesignSpec spec = SpecReader.read("hybrid.yaml", yaml.getBytes(StandardCharsets.UTF_8), dir,
                SpecExpressions.INSTANCE, file -> ModelStore.load(file).model());
        TableGenerator parcels = new DesignGenerator(spec, SpecExpressions.INSTANCE).tables(3).get(1);
        assertEquals(List.of("weight", "size", "note", "owner", "weight_lb", "scenario"), parcels.header());
        List<String[]> rows = Specs.generate(spec, 3).get("parcels");
        assertEquals(20_000, rows.size());
        Set<String> sizes = rows.stream().map(r -> r[1]).collect(Collectors.toSet());
        assertEquals(Set.of("S", "M", "L"), sizes);
        double sum = 0;
        long plain = 0;
        long heavy = 0;
        for (String[] r : rows) {
            assertEquals("fixed", r[2], "the spec's column replaces the learned one");
            int owner = Integer.parseInt(r[3]);
            assertTrue(owner >= 1 && owner <= 200);
            double weight = Double.parseDouble(r[0]);
            assertEquals(weight * 2.2, Double.parseDouble(r[4]), 0.006, "derived from the final weight");
            if ("heavy".equals(r[5])) {
                heavy++;
                assertEquals(500, weight);
            } else {
                sum += weight;
                plain++;
            }
        }
        // The model keeps the training mean: 70 within a generous 1 (sd of the mean is 10/√19,800 ≈ 0.07; the
        // copula's fitted marginal adds its own small error).
        assertEquals(70, sum / plain, 1);
        assertEquals(0.01 * 20_000, heavy, 4 * Math.sqrt(20_000 * 0.01 * 0.99));
        assertArrayEquals(parcels.block(1)[17], parcels.block(1)[17]);
        assertArrayEquals(parcels.block(2)[5], new DesignGenerator(spec, SpecExpressions.INSTANCE).tables(3).get(1)
                .block(2)[5]);
    }
}
