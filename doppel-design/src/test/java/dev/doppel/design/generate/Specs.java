package dev.doppel.design.generate;

import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.SpecReader;
import dev.doppel.io.CsvFormat;
import dev.doppel.synth.CsvFitter;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.SynthesizerCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test helpers: specs from text or the bundled examples, and generated rows in memory. */
final class Specs {
    private Specs() {
    }

    static DesignSpec parse(String yaml) {
        return SpecReader.read("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), Path.of("."),
                SpecExpressions.INSTANCE);
    }

    static DesignSpec example(String name) {
        try (InputStream in = Specs.class.getResourceAsStream("/dev/doppel/design/examples/" + name + ".yaml")) {
            return SpecReader.read(name + ".yaml", in.readAllBytes(), null, SpecExpressions.INSTANCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every table's rows (header not included), generated on one thread. */
    static Map<String, List<String[]>> generate(DesignSpec spec, long seed) {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        for (TableGenerator t : new DesignGenerator(spec, SpecExpressions.INSTANCE).tables(seed)) {
            List<String[]> rows = new ArrayList<>();
            for (long b = 0; b < t.blocks(); b++) {
                rows.addAll(List.of(t.block(b)));
            }
            out.put(t.spec().name(), rows);
        }
        return out;
    }

    /** One column of rows as numbers (nulls skipped). */
    static double[] numbers(List<String[]> rows, int column) {
        return rows.stream().map(r -> r[column]).filter(v -> v != null).mapToDouble(Double::parseDouble).toArray();
    }

    /** A one-table spec with one drawn column named x. */
    static String oneColumn(int rows, String distribution, String extra) {
        return """
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: t
                    rows: %d
                    columns:
                      - name: x
                        distribution: %s
                        decimals: 9
                %s""".formatted(rows, distribution, extra);
    }

    /**
     * Designs 4,000 training rows (segment retail 3 : business 1, spend depending on it, an independent channel)
     * into {@code dir/train/train.csv}, fits each synthesizer on them into {@code dir/<synthesizer>.doppel}, and
     * returns the training rows.
     */
    static List<String[]> fitSegmentModels(Path dir, String... synthesizers) {
        DesignSpec spec = parse("""
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: train
                    rows: 4000
                    columns:
                      - {name: segment, distribution: {type: categorical, values: {retail: 3, business: 1}}}
                      - name: spend
                        distribution: {type: normal, mean: 100, sd: 20}
                        given: {column: segment, cases: {business: {type: normal, mean: 500, sd: 50}}}
                      - {name: channel, distribution: {type: categorical, values: {web: 5, branch: 3, phone: 2}}}
                """);
        new DesignGenerator(spec, SpecExpressions.INSTANCE).write(dir.resolve("train"), 1, 1, done -> { });
        CsvFitter fitter = new CsvFitter(CsvFormat.DEFAULT, SynthesizerCatalog.standard());
        for (String synthesizer : synthesizers) {
            CsvFitter.Result fitted = fitter.fit(dir.resolve("train/train.csv"), Optional.empty(), synthesizer, 1);
            ModelStore.save(dir.resolve(synthesizer + ".doppel"), fitted.model(), fitted.provenance());
        }
        return generate(spec, 1).get("train");
    }
}
