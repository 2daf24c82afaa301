package dev.doppel.design.generate;

import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.SpecReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
}
