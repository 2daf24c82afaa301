package dev.doppel.design.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doppel.DoppelException;
import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.SpecReader;
import dev.doppel.synth.ModelStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hybrid table whose model shares a column with its rule-generated parent is sampled given the parent's value. */
class HybridConditioningTest {
    private static final String[] CHANNELS = {"web", "branch", "phone"};

    @TempDir
    static Path dir;

    /** Training rows: segment 3:1, spend depending on it, channel independent of both. */
    private static List<String[]> training;

    @BeforeAll
    static void fitModels() {
        training = Specs.fitSegmentModels(dir, "trees", "gaussian-copula");
    }

    private static DesignSpec hybrid(String model, String segments) {
        return hybrid(model, segments, "");
    }

    /** Customers with a segment, and accounts from {@code model} owned by them, with {@code more} table fields. */
    private static DesignSpec hybrid(String model, String segments, String more) {
        String yaml = """
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: customers
                    rows: 400
                    columns:
                      - {name: id, sequence: {start: 1}}
                      - {name: segment, distribution: {type: categorical, values: {%s}}}
                  - name: accounts
                    model: %s
                    rows: 20000
                    columns:
                      - {name: owner, references: customers.id}
                %s""".formatted(segments, model, more.indent(4));
        return SpecReader.read("hybrid.yaml", yaml.getBytes(StandardCharsets.UTF_8), dir, SpecExpressions.INSTANCE,
                file -> ModelStore.load(file).model());
    }

    @Test
    void sharedColumnEqualsTheParentsAndOtherColumnsFollowTheModel() {
        DesignSpec spec = hybrid("trees.doppel", "retail: 1, business: 1");
        Map<String, List<String[]>> tables = Specs.generate(spec, 4);
        Map<String, String> segmentOf = new HashMap<>();
        long businessParents = 0;
        for (String[] customer : tables.get("customers")) {
            segmentOf.put(customer[0], customer[1]);
            businessParents += customer[1].equals("business") ? 1 : 0;
        }
        List<String[]> accounts = tables.get("accounts");
        assertEquals(List.of("segment", "spend", "channel", "owner"),
                new DesignGenerator(spec, SpecExpressions.INSTANCE).tables(4).get(1).header());
        int n = accounts.size();
        long business = 0;
        double[] spendSum = new double[2];
        long[] bySegment = new long[2];
        long[] channels = new long[3];
        for (String[] a : accounts) {
            assertEquals(segmentOf.get(a[3]), a[0], "the account's segment is its owner's");
            int s = a[0].equals("business") ? 1 : 0;
            business += s;
            spendSum[s] += Double.parseDouble(a[1]);
            bySegment[s]++;
            channels[List.of(CHANNELS).indexOf(a[2])]++;
        }
        // Owners are drawn uniformly, so the business share is the parents' (about 1/2), not the model's 1/4:
        // binomial with n = 20,000, 4 standard deviations.
        double p = (double) businessParents / segmentOf.size();
        assertEquals(n * p, business, 4 * Math.sqrt(n * p * (1 - p)));
        // Spend given the segment is the model's conditional: the training means 500 and 100. The sampling error of
        // a mean over ~10,000 rows is under 0.5; the margins allow the trees' discretised value sketches.
        assertEquals(500, spendSum[1] / bySegment[1], 15);
        assertEquals(100, spendSum[0] / bySegment[0], 5);
        // Channel, independent of the segment, keeps the training proportions: chi-square test of homogeneity of
        // the 2 × 3 table (training rows vs accounts), 2 degrees of freedom, critical value 13.82 at 0.001.
        long[] trained = new long[3];
        for (String[] t : training) {
            trained[List.of(CHANNELS).indexOf(t[2])]++;
        }
        assertTrue(homogeneity(trained, channels) < 13.82, "channel distribution differs from the model's");
    }

    @Test
    void rowsOfABurstAcrossBlocksAreSampledGivenTheOwnerTheyCopy() {
        DesignSpec spec = hybrid("trees.doppel", "retail: 1, business: 1", """
                  - {name: time, distribution: {type: datetime, from: 2024-01-01, to: 2024-12-31}}
                label: scenario
                scenarios:
                  - {name: spree, rate: 0.005, burst: {length: 100, column: time}, set: {time: null}}
                """);
        Map<String, List<String[]>> tables = Specs.generate(spec, 6);
        Map<String, String> segmentOf = new HashMap<>();
        tables.get("customers").forEach(c -> segmentOf.put(c[0], c[1]));
        List<String[]> accounts = tables.get("accounts");
        for (String[] a : accounts) {
            assertEquals(segmentOf.get(a[3]), a[0], "the account's segment is its owner's");
        }
        // A burst's later rows take the first row's owner; here one runs from block 0 into block 1.
        int boundary = dev.doppel.synth.SyntheticModel.BLOCK_ROWS;
        assertEquals("spree", accounts.get(boundary - 1)[5]);
        assertEquals("spree", accounts.get(boundary)[5]);
        assertEquals(accounts.get(boundary - 1)[3], accounts.get(boundary)[3]);
    }

    private static double homogeneity(long[] a, long[] b) {
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            na += a[k];
            nb += b[k];
        }
        double chi2 = 0;
        for (int k = 0; k < a.length; k++) {
            double column = a[k] + b[k];
            double ea = column * na / (na + nb);
            double eb = column * nb / (na + nb);
            chi2 += (a[k] - ea) * (a[k] - ea) / ea + (b[k] - eb) * (b[k] - eb) / eb;
        }
        return chi2;
    }

    @Test
    void conditionedBlocksAreTheSameAtOneAndThreeThreads() throws IOException {
        DesignGenerator generator = new DesignGenerator(hybrid("trees.doppel", "retail: 2, business: 1"),
                SpecExpressions.INSTANCE);
        generator.write(dir.resolve("one"), 8, 1, done -> { });
        generator.write(dir.resolve("three"), 8, 3, done -> { });
        assertArrayEquals(Files.readAllBytes(dir.resolve("one/accounts.csv")),
                Files.readAllBytes(dir.resolve("three/accounts.csv")));
    }

    @Test
    void parentValueTheModelNeverMakesIsRefusedBeforeWriting() {
        DesignSpec spec = hybrid("trees.doppel", "retail: 1, vip: 1");
        DoppelException e = assertThrows(DoppelException.class,
                () -> new DesignGenerator(spec, SpecExpressions.INSTANCE).write(dir.resolve("vip"), 1, 1, d -> { }));
        assertTrue(e.getMessage().contains("learned column segment is also a column of parent table customers")
                && e.getMessage().contains("never makes the value 'vip'"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("vip")));
    }

    @Test
    void modelThatCannotConditionIsRefusedWithTheWayOut() {
        DesignSpec spec = hybrid("gaussian-copula.doppel", "retail: 1, business: 1");
        DoppelException e = assertThrows(DoppelException.class,
                () -> new DesignGenerator(spec, SpecExpressions.INSTANCE).tables(1));
        assertTrue(e.getMessage().contains("cannot sample conditionally")
                && e.getMessage().contains("rename the parent's column"), e.getMessage());
    }
}
