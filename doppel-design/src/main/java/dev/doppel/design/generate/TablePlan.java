package dev.doppel.design.generate;

import dev.doppel.DoppelException;
import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.Scenario;
import dev.doppel.design.spec.TableSpec;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.design.process.EventProcess;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What must be known about a table before its first block: its row count, for a table with children per parent the
 * first child row of every parent, the rows each counted scenario takes, and the bursts that run from one block into
 * the next. Computed for all tables before any file is written, so impossible requests fail first.
 *
 * @param index         the table's position in the spec (its random streams)
 * @param rows          row count
 * @param parentOffsets for {@code PerParent} tables: child rows of parent p are {@code [offsets[p], offsets[p+1])};
 *                      else null
 * @param countedRows   per scenario with a count, its rows in increasing order (null for rate scenarios)
 * @param carriedRuns   for a table with burst scenarios, per block the burst that started before it and continues
 *                      into it (null entries for none); else null
 */
public record TablePlan(int index, long rows, long[] parentOffsets, long[][] countedRows,
        ScenarioRows.Run[] carriedRuns) {

    /** Plans every table of {@code spec} (parents first, as the spec lists them). */
    public static Map<String, TablePlan> of(DesignSpec spec, long seed) {
        Map<String, TablePlan> plans = new HashMap<>();
        for (int t = 0; t < spec.tables().size(); t++) {
            TableSpec table = spec.tables().get(t);
            long rows;
            long[] offsets = null;
            if (table.rows() instanceof TableSpec.RowCount.PerParent per) {
                var ref = (dev.doppel.design.spec.ColumnSource.Reference)
                        table.columns().get(table.indexOf(per.referenceColumn())).source();
                long parentRows = plans.get(ref.table()).rows();
                if (parentRows > Integer.MAX_VALUE - 1) {
                    throw new DoppelException("table " + table.name() + ": children per parent need at most "
                            + (Integer.MAX_VALUE - 1) + " parent rows, " + ref.table() + " has " + parentRows);
                }
                offsets = per.events() != null ? eventOffsets(seed, t, (int) parentRows, per.events())
                        : offsets(seed, t, (int) parentRows, Quantiles.of(per.children()));
                rows = offsets[(int) parentRows];
            } else {
                rows = ((TableSpec.RowCount.Fixed) table.rows()).rows();
            }
            for (var column : table.columns()) {
                if (rows > 0 && column.source() instanceof dev.doppel.design.spec.ColumnSource.Reference r
                        && plans.get(r.table()).rows() == 0) {
                    throw new DoppelException("table " + table.name() + ", column " + column.name()
                            + " references table " + r.table() + ", which has no rows");
                }
            }
            long[][] counted = new long[table.scenarios().size()][];
            for (int s = 0; s < counted.length; s++) {
                Scenario scenario = table.scenarios().get(s);
                if (scenario.burst() != null && scenario.burst().length() > rows && rows > 0) {
                    throw new DoppelException("table " + table.name() + ", scenario " + scenario.name()
                            + ": a burst of " + scenario.burst().length() + " rows cannot fit in the table's " + rows
                            + " rows");
                }
                if (scenario.count() >= 0) {
                    if (scenario.count() > rows) {
                        throw new DoppelException("table " + table.name() + ", scenario " + scenario.name()
                                + ": count " + scenario.count() + " is more than the table's " + rows + " rows");
                    }
                    counted[s] = chooseRows(Streams.random(seed, t, Streams.COUNT_ROWS, s, 0), rows,
                            scenario.count());
                }
            }
            ScenarioRows scenarioRows = new ScenarioRows(table, seed, t, rows);
            plans.put(table.name(), new TablePlan(t, rows, offsets, counted,
                    scenarioRows.hasBursts() ? scenarioRows.carriedRuns() : null));
        }
        return plans;
    }

    private static long[] offsets(long seed, int table, int parentRows, Quantiles children) {
        long[] offsets = new long[parentRows + 1];
        long total = 0;
        for (int block = 0; block * (long) SyntheticModel.BLOCK_ROWS < parentRows; block++) {
            SplittableRandom random = Streams.random(seed, table, Streams.CHILDREN, 0, block);
            int first = block * SyntheticModel.BLOCK_ROWS;
            int last = Math.min(parentRows, first + SyntheticModel.BLOCK_ROWS);
            for (int p = first; p < last; p++) {
                offsets[p] = total;
                total += Math.max(0, (long) Math.floor(children.draw(random)));
            }
        }
        offsets[parentRows] = total;
        return offsets;
    }

    /** Each parent's child rows are its events in the window; counting them means simulating them once. */
    private static long[] eventOffsets(long seed, int table, int parentRows, TableSpec.RowCount.Events events) {
        EventProcess process = new EventProcess(events.profile());
        long processSeed = Streams.seed(seed, table, Streams.PROCESS, 0, 0);
        Instant from = events.from().toInstant(ZoneOffset.UTC);
        Instant to = events.to().toInstant(ZoneOffset.UTC);
        long[] offsets = new long[parentRows + 1];
        long total = 0;
        for (int p = 0; p < parentRows; p++) {
            offsets[p] = total;
            for (Iterator<Instant> it = process.events(processSeed, p, from, to); it.hasNext(); it.next()) {
                total++;
            }
        }
        offsets[parentRows] = total;
        return offsets;
    }

    /** The burst that continues into block {@code b} from an earlier block, or null. */
    ScenarioRows.Run carriedRun(long b) {
        return carriedRuns == null ? null : carriedRuns[(int) b];
    }

    /** The first child row of parent {@code parent}. */
    long firstChildRow(int parent) {
        return parentOffsets[parent];
    }

    /** {@code count} distinct rows of {@code [0, rows)}, uniformly, sorted (Floyd's sampling). */
    private static long[] chooseRows(SplittableRandom random, long rows, long count) {
        if (count > 50_000_000) {
            throw new DoppelException("a scenario count above 50,000,000 rows; use a rate instead");
        }
        Set<Long> chosen = new HashSet<>();
        for (long j = rows - count; j < rows; j++) {
            long t = random.nextLong(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        long[] out = chosen.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(out);
        return out;
    }

    /** The parent row of child row {@code row}. */
    int parentOf(long row) {
        int lo = 0;
        int hi = parentOffsets.length - 2;
        // The last parent whose first child row is at or before row; parents without children are skipped over.
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (parentOffsets[mid] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
