package dev.doppel.design.generate;

import dev.doppel.design.spec.Scenario;
import dev.doppel.design.spec.TableSpec;
import dev.doppel.synth.SyntheticModel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which rows of a block belong to which rate scenario, with bursts that may run on into later blocks.
 *
 * <p>Each row draws one uniform number from the block's scenario stream; the rate scenarios partition [0, 1). A row
 * that draws a burst scenario and is not already inside a burst starts a run of {@code length} rows (whatever those
 * rows drew); a start whose run would pass the table's last row is dropped, so every burst is whole. Whether a block
 * begins inside a run depends on earlier blocks, so {@link TablePlan} walks the blocks once in order and keeps, per
 * block, the run carried into it ({@link #carriedRuns}); with that, every block is again a pure function of
 * (seed, block). Immutable.
 */
final class ScenarioRows {
    private final double[] rateEnds;
    private final int[] burstLengths;
    private final long seed;
    private final int table;
    private final long rows;

    /**
     * The rows of one block: each row's scenario (-1: none) and, for the rows after the first of a burst, the
     * table row that started it (-1 otherwise).
     */
    record Block(int[] scenarioOf, long[] runStart) { }

    /** A run that has started but not ended by a block's first row: its first row and its scenario. */
    record Run(long start, int scenario) { }

    ScenarioRows(TableSpec spec, long seed, int table, long rows) {
        this.seed = seed;
        this.table = table;
        this.rows = rows;
        int n = spec.scenarios().size();
        rateEnds = new double[n];
        burstLengths = new int[n];
        double end = 0;
        for (int s = 0; s < n; s++) {
            Scenario scenario = spec.scenarios().get(s);
            double rate = scenario.rate();
            end += Double.isNaN(rate) ? 0 : rate;
            rateEnds[s] = Double.isNaN(rate) ? -1 : end;
            burstLengths[s] = scenario.burst() == null ? 1 : scenario.burst().length();
        }
    }

    /** Whether any scenario makes bursts (only then can a run cross a block boundary). */
    boolean hasBursts() {
        return Arrays.stream(burstLengths).anyMatch(l -> l > 1);
    }

    /**
     * Per block, the run that continues into its first row, or null: blocks are resolved in order once. Costs one
     * uniform number per row of the table and memory of one entry per block.
     */
    Run[] carriedRuns() {
        long blocks = (rows + SyntheticModel.BLOCK_ROWS - 1) / SyntheticModel.BLOCK_ROWS;
        Run[] carried = new Run[Math.toIntExact(blocks)];
        Run run = null;
        for (int b = 0; b < carried.length; b++) {
            carried[b] = run;
            run = resolve(b, run, null);
        }
        return carried;
    }

    /** The rows of block {@code b}, given the run carried into it. */
    Block block(long b, Run carried) {
        int n = (int) Math.min(SyntheticModel.BLOCK_ROWS, rows - b * SyntheticModel.BLOCK_ROWS);
        Block out = new Block(new int[n], new long[n]);
        resolve(b, carried, out);
        return out;
    }

    /** Fills {@code out} (when given) and returns the run that continues past the block, or null. */
    private Run resolve(long b, Run carried, Block out) {
        long first = b * SyntheticModel.BLOCK_ROWS;
        int n = (int) Math.min(SyntheticModel.BLOCK_ROWS, rows - first);
        if (out != null) {
            Arrays.fill(out.scenarioOf(), -1);
            Arrays.fill(out.runStart(), -1);
        }
        if (rateEnds.length == 0) {
            return null;
        }
        Run run = carried;
        long runEnd = carried == null ? first : carried.start() + burstLengths[carried.scenario()];
        SplittableRandom random = Streams.random(seed, table, Streams.SCENARIO, 0, b);
        for (int i = 0; i < n; i++) {
            long row = first + i;
            // Every row draws, inside a run or not, so a row's draw does not depend on earlier rows.
            double u = random.nextDouble();
            if (row < runEnd) {
                if (out != null) {
                    out.scenarioOf()[i] = run.scenario();
                    out.runStart()[i] = run.start();
                }
                continue;
            }
            int s = scenarioOf(u);
            if (s >= 0 && burstLengths[s] > 1) {
                if (row + burstLengths[s] > rows) {
                    continue;
                }
                run = new Run(row, s);
                runEnd = row + burstLengths[s];
            }
            if (out != null) {
                out.scenarioOf()[i] = s;
            }
        }
        return runEnd > first + n ? run : null;
    }

    private int scenarioOf(double u) {
        for (int s = 0; s < rateEnds.length; s++) {
            if (u < rateEnds[s]) {
                return s;
            }
        }
        return -1;
    }
}
