package dev.doppel.design.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doppel.DoppelException;
import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.SpecException;
import dev.doppel.design.spec.SpecReader;
import dev.doppel.synth.ModelStore;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Constraints a spec layers on a hybrid table: rows of the model that fail them are replaced by further draws. */
class HybridConstraintsTest {
    @TempDir
    static Path dir;

    private static SyntheticModel model;

    /** A trees model of segment (retail 3 : business 1), spend depending on it, and an independent channel. */
    @BeforeAll
    static void fitModel() {
        Specs.fitSegmentModels(dir, "trees");
        model = ModelStore.load(dir.resolve("trees.doppel")).model();
    }

    private static DesignSpec read(String yaml) {
        return SpecReader.read("hybrid.yaml", yaml.getBytes(StandardCharsets.UTF_8), dir, SpecExpressions.INSTANCE,
                file -> ModelStore.load(file).model());
    }

    /** Accounts from the model, 20,000 rows, with the given extra table fields (indented as table fields). */
    private static DesignSpec accounts(String fields) {
        return read("""
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: accounts
                    model: trees.doppel
                    rows: 20000
                %s""".formatted(fields.indent(4)));
    }

    /** Customers with a segment, and accounts from the model owned by them, under {@code constraints}. */
    private static DesignSpec owned(String constraints) {
        return read("""
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: customers
                    rows: 400
                    columns:
                      - {name: id, sequence: {start: 1}}
                      - {name: segment, distribution: {type: categorical, values: {retail: 1, business: 1}}}
                  - name: accounts
                    model: trees.doppel
                    rows: 20000
                    columns:
                      - {name: owner, references: customers.id}
                    constraints: %s
                """.formatted(constraints));
    }

    /** The model's own rows (not through a spec) that meet {@code keep}, from blocks of an unrelated seed. */
    private static List<Object[]> modelRows(SyntheticModel source, int blocks, java.util.function.Predicate<Object[]> keep) {
        List<Object[]> out = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            Table t = source.sampleBlock(987_654_321L, b, SyntheticModel.BLOCK_ROWS);
            CategoricalColumn segment = (CategoricalColumn) t.column("segment");
            NumericColumn spend = (NumericColumn) t.column("spend");
            CategoricalColumn channel = (CategoricalColumn) t.column("channel");
            for (int r = 0; r < t.rowCount(); r++) {
                // Rounded as the table writes it, so the filter sees what the constraint sees.
                Object[] row = {segment.get(r), CellText.rounded(spend.get(r), 2), channel.get(r)};
                if (keep.test(row)) {
                    out.add(row);
                }
            }
        }
        return out;
    }

    @Test
    void acceptedRowsFollowTheModelRestrictedToTheConstraints() {
        DesignSpec spec = accounts("constraints: [\"spend <= 120\", \"channel != 'phone' and segment = 'retail'\"]");
        List<String[]> rows = Specs.generate(spec, 5).get("accounts");
        assertEquals(20_000, rows.size());
        assertEquals(2, spec.table("accounts").columns().get(1).decimals(), "spend is written with 2 decimals");
        double[] spend = new double[rows.size()];
        long web = 0;
        for (int i = 0; i < spend.length; i++) {
            String[] r = rows.get(i);
            spend[i] = Double.parseDouble(r[1]);
            assertTrue(spend[i] <= 120, "row " + i + " breaks spend <= 120: " + r[1]);
            assertEquals("retail", r[0]);
            assertTrue(!r[2].equals("phone"), "row " + i + " has channel phone");
            web += r[2].equals("web") ? 1 : 0;
        }
        // The reference: the model's own rows filtered the same way (about 8 blocks × 8192 × 0.45 ≈ 29,000 rows).
        List<Object[]> kept = modelRows(model, 8, r -> (Double) r[1] <= 120 && !r[2].equals("phone")
                && r[0].equals("retail"));
        double[] reference = kept.stream().mapToDouble(r -> (Double) r[1]).toArray();
        // Two-sample Kolmogorov-Smirnov at α = 0.001 (ties from the trees' discretised values only make D smaller
        // under the null, so the test stays valid).
        double n = spend.length;
        double m = reference.length;
        double d = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(spend, reference);
        assertTrue(d < 1.95 * Math.sqrt((n + m) / (n * m)), "KS D = " + d + " against the model's filtered rows");
        // The truncation matters: the unfiltered model's spend has a much larger mean (business rows near 500).
        double mean = Arrays.stream(spend).average().orElseThrow();
        double refMean = Arrays.stream(reference).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(reference).map(x -> (x - refMean) * (x - refMean)).sum() / (m - 1));
        assertEquals(refMean, mean, 4 * sd * Math.sqrt(1 / n + 1 / m));
        // Channel, independent of spend, keeps the model's web : branch ratio among the remaining two channels:
        // two-sample proportion test, 4 standard deviations.
        double p = kept.stream().filter(r -> r[2].equals("web")).count() / m;
        assertEquals(p, web / n, 4 * Math.sqrt(p * (1 - p) * (1 / n + 1 / m)));
    }

    @Test
    void constraintsFilterWithinEachParentsConditionedDraws() {
        DesignSpec spec = owned("[\"spend <= 480\"]");
        Map<String, List<String[]>> tables = Specs.generate(spec, 4);
        Map<String, String> segmentOf = new HashMap<>();
        tables.get("customers").forEach(c -> segmentOf.put(c[0], c[1]));
        List<Double> business = new ArrayList<>();
        long retail = 0;
        for (String[] a : tables.get("accounts")) {
            assertEquals(segmentOf.get(a[3]), a[0], "the account's segment is its owner's");
            double spend = Double.parseDouble(a[1]);
            assertTrue(spend <= 480, a[1]);
            if (a[0].equals("business")) {
                business.add(spend);
            } else {
                retail++;
            }
        }
        // Each parent's group keeps its size: the business share is the parents' (about 1/2), binomial, 4 sd.
        double share = tables.get("customers").stream().filter(c -> c[1].equals("business")).count() / 400.0;
        double n = retail + business.size();
        assertEquals(n * share, business.size(), 4 * Math.sqrt(n * share * (1 - share)));
        // Business spend is the model's conditional given business, truncated at 480 (about 35 % of it passes).
        SyntheticModel givenBusiness = model.given(new Condition(List.of(
                new ColumnCondition.OneOf("segment", Set.of("business")))));
        double[] reference = modelRows(givenBusiness, 4, r -> (Double) r[1] <= 480).stream()
                .mapToDouble(r -> (Double) r[1]).toArray();
        double[] made = business.stream().mapToDouble(Double::doubleValue).toArray();
        double d = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(made, reference);
        double k = made.length;
        double m = reference.length;
        assertTrue(d < 1.95 * Math.sqrt((k + m) / (k * m)), "KS D = " + d + " against the conditioned model");
    }

    @Test
    void sameBytesAtOneAndThreeThreads() throws IOException {
        DesignGenerator generator = new DesignGenerator(owned("[\"spend <= 480\", \"channel != 'web'\"]"),
                SpecExpressions.INSTANCE);
        generator.write(dir.resolve("one"), 8, 1, done -> { });
        generator.write(dir.resolve("three"), 8, 3, done -> { });
        byte[] one = Files.readAllBytes(dir.resolve("one/accounts.csv"));
        assertArrayEquals(one, Files.readAllBytes(dir.resolve("three/accounts.csv")));
        assertTrue(new String(one, StandardCharsets.UTF_8).lines().skip(1).noneMatch(l -> l.contains(",web,")));
    }

    @Test
    void impossibleConstraintStopsWithItsShareAndWritesNothing() {
        DesignSpec spec = accounts("constraints: [\"spend >= 0\", \"spend > 100000\"]");
        DoppelException e = assertThrows(DoppelException.class,
                () -> new DesignGenerator(spec, SpecExpressions.INSTANCE).write(dir.resolve("never"), 1, 2, d -> { }));
        assertTrue(e.getMessage().contains("table accounts")
                && e.getMessage().contains("constraint \"spend > 100000\"")
                && e.getMessage().contains("only 0.00% passed"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("never")));
    }

    private static SpecException refused(String fields) {
        return assertThrows(SpecException.class, () -> accounts(fields));
    }

    private static void assertAt(SpecException e, int line, String field, String fragment) {
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void badConstraintsAreRefusedWithTheirLineAndField() {
        // Line 7 is the table's first field after rows (lines 1-6: format, version, tables, name, model, rows).
        assertAt(refused("constraints: [\"spend * 2\"]"), 7, "tables[0].constraints[0]", "boolean");
        assertAt(refused("constraints:\n  - \"spend > 0\"\n  - \"spent > 0\""), 9, "tables[0].constraints[1]",
                "spent");
        assertAt(refused("""
                columns:
                  - {name: channel, distribution: {type: constant, value: web}}
                constraints: ["channel != 'phone'"]
                """), 9, "tables[0].constraints[0]", "column channel, which the spec makes");
        assertAt(refused("""
                columns:
                  - {name: double_spend, expression: "spend * 2"}
                constraints: ["spend > 0", "double_spend < 100"]
                """), 9, "tables[0].constraints[1]", "only columns the model learned (segment, spend, channel)");
        SpecException e = assertThrows(SpecException.class, () -> read("""
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: plain
                    rows: 10
                    columns:
                      - {name: x, distribution: {type: uniform, min: 0, max: 1}}
                    constraints: ["x < 0.5"]
                """));
        assertAt(e, 8, "tables[0].constraints", "constraints are for tables with a model; use expressions/conditions");
    }
}
