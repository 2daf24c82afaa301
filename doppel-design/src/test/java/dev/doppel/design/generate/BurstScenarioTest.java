package dev.doppel.design.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doppel.DoppelException;
import dev.doppel.design.spec.DesignSpec;
import dev.doppel.synth.SyntheticModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Burst scenarios whose rows run across blocks of {@link SyntheticModel#BLOCK_ROWS} rows. */
class BurstScenarioTest {
    private static final int BLOCK = SyntheticModel.BLOCK_ROWS;

    @TempDir
    Path dir;

    /** Cards and transactions; the transactions get {@code scenarios} and a label column. */
    private static DesignSpec spec(long rows, String scenarios) {
        return Specs.parse("""
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: cards
                    rows: 300
                    columns:
                      - {name: card_id, sequence: {start: 1}}
                  - name: tx
                    rows: %d
                    label: scenario
                    columns:
                      - {name: id, sequence: {start: 1}}
                      - {name: card, references: cards.card_id}
                      - {name: time, distribution: {type: datetime, from: 2024-01-01, to: 2024-12-31}}
                      - {name: amount, distribution: {type: uniform, min: 10, max: 100}}
                      - {name: doubled, expression: "amount * 2"}
                    scenarios:
                %s""".formatted(rows, scenarios.indent(6)));
    }

    /** A burst scenario of small amounts (0.5 to 2) on the time column. */
    private static String burst(String name, double rate, int length, int maxGapSeconds) {
        return """
                - name: %s
                  rate: %s
                  burst: {length: %d, column: time, maxGapSeconds: %d}
                  set: {amount: {distribution: {type: uniform, min: 0.5, max: 2}}}
                """.formatted(name, rate, length, maxGapSeconds);
    }

    /** Bursts of one scenario: the first row of each, found by splitting runs of its label into bursts of length. */
    private static List<Integer> burstStarts(List<String[]> rows, String scenario, int length) {
        List<Integer> starts = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            if (!scenario.equals(rows.get(i)[5])) {
                i++;
                continue;
            }
            int end = i;
            while (end < rows.size() && scenario.equals(rows.get(end)[5])) {
                end++;
            }
            assertEquals(0, (end - i) % length, "a run of " + scenario + " rows at row " + i + " of " + (end - i)
                    + " rows is not made of whole bursts of " + length);
            for (int s = i; s < end; s += length) {
                starts.add(s);
            }
            i = end;
        }
        return starts;
    }

    /** Every row of the burst: same card as its first row, times 1..maxGap s apart, the scenario's amount. */
    private static void assertWholeBurst(List<String[]> rows, int start, int length, int maxGap) {
        String card = rows.get(start)[1];
        for (int k = start + 1; k < start + length; k++) {
            String[] r = rows.get(k);
            assertEquals(card, r[1], "row " + k + " keeps the burst's card");
            long gap = Duration.between(time(rows.get(k - 1)), time(r)).getSeconds();
            assertTrue(gap >= 1 && gap <= maxGap, "row " + k + ": gap " + gap + " s");
            double amount = Double.parseDouble(r[3]);
            assertTrue(amount >= 0.5 && amount <= 2, "row " + k + ": amount " + amount);
            assertEquals(amount * 2, Double.parseDouble(r[4]), 1e-9, "derived after the scenario");
        }
    }

    private static LocalDateTime time(String[] row) {
        return LocalDateTime.parse(row[2].replace(' ', 'T'));
    }

    @Test
    void burstLongerThanBlocksIsGeneratedWhole() {
        int length = 20_000;
        DesignSpec spec = spec(45_000, burst("long_burst", 0.0002, length, 30));
        List<String[]> rows = Specs.generate(spec, 11).get("tx");
        List<Integer> starts = burstStarts(rows, "long_burst", length);
        // About 0.0002 × 25,000 = 5 starts can fit before the table's end (e^-5 chance of none with seed 11's luck).
        assertTrue(!starts.isEmpty(), "seed 11 makes at least one long burst");
        for (int start : starts) {
            // 20,000 rows always cross two block boundaries: the burst is carried into later blocks.
            assertTrue(start / BLOCK + 2 <= (start + length - 1) / BLOCK);
            assertWholeBurst(rows, start, length, 30);
            assertTrue(start + length <= rows.size(), "no burst is cut off by the table's end");
        }
    }

    @Test
    void burstAndSingleRowRatesWithinSamplingErrorAcrossBlockBoundaries() {
        int length = 40;
        double r = 0.005;
        double single = 0.01;
        DesignSpec spec = spec(240_000, burst("bursty", r, length, 90) + "- {name: single, rate: 0.01, set: {amount: 1000}}\n");
        List<String[]> rows = Specs.generate(spec, 3).get("tx");
        int n = rows.size();
        List<Integer> starts = burstStarts(rows, "bursty", length);
        int crossing = 0;
        for (int start : starts) {
            assertWholeBurst(rows, start, length, 90);
            if (start / BLOCK != (start + length - 1) / BLOCK) {
                crossing++;
            }
        }
        // A row outside a burst starts one with probability r, so bursts form a renewal process with cycles of
        // Geometric(r) + (length - 1) rows: mean μ = 1/r + length - 1, variance σ² = (1 - r) / r². The number of
        // starts in n rows is about normal with mean n / μ and variance n σ² / μ³ (renewal central limit theorem).
        double mu = 1 / r + length - 1;
        double expected = n / mu;
        double sd = Math.sqrt(n * ((1 - r) / (r * r)) / (mu * mu * mu));
        assertEquals(expected, starts.size(), 4 * sd, "burst starts");
        // Rows outside bursts (a share 1/(r μ)) take the single-row scenario at its rate: binomial given that share.
        long singles = rows.stream().filter(row -> "single".equals(row[5])).count();
        double p = single / (r * mu);
        assertEquals(n * p, singles, 4 * Math.sqrt(n * p * (1 - p)), "single-row scenario");
        // About 29 boundaries, each inside a burst with probability (length - 1) / μ ≈ 0.16: a few must be crossed.
        assertTrue(crossing >= 2, "bursts crossing a block boundary: " + crossing);
    }

    @Test
    void sameSeedSameBytesAtOneAndThreeThreadsAndBlocksInAnyOrder() throws IOException {
        DesignSpec spec = spec(60_000, burst("bursty", 0.002, 9000, 5) + "- {name: counted, count: 40, set: {amount: 2}}\n");
        DesignGenerator generator = new DesignGenerator(spec, SpecExpressions.INSTANCE);
        generator.write(dir.resolve("one"), 9, 1, done -> { });
        generator.write(dir.resolve("three"), 9, 3, done -> { });
        assertArrayEquals(Files.readAllBytes(dir.resolve("one/tx.csv")), Files.readAllBytes(dir.resolve("three/tx.csv")));
        TableGenerator forward = generator.tables(9).get(1);
        TableGenerator backward = generator.tables(9).get(1);
        String[][][] later = new String[(int) backward.blocks()][][];
        for (long b = backward.blocks() - 1; b >= 0; b--) {
            later[(int) b] = backward.block(b);
        }
        for (long b = 0; b < forward.blocks(); b++) {
            assertArrayEquals(forward.block(b), later[(int) b], "block " + b);
        }
    }

    @Test
    void burstLongerThanTheTableIsRefusedBeforeWriting() {
        DesignSpec spec = spec(500, burst("huge", 0.01, 501, 5));
        DoppelException e = assertThrows(DoppelException.class,
                () -> new DesignGenerator(spec, SpecExpressions.INSTANCE).write(dir.resolve("out"), 1, 1, d -> { }));
        assertEquals("table tx, scenario huge: a burst of 501 rows cannot fit in the table's 500 rows", e.getMessage());
        assertTrue(Files.notExists(dir.resolve("out")));
    }
}
