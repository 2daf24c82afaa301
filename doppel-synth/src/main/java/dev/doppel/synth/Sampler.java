package dev.doppel.synth;

import dev.doppel.DoppelException;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongToIntFunction;

/**
 * Streams a model's synthetic rows block by block, in order. Blocks are computed on {@code threads} threads with at
 * most {@code 2 × threads} blocks in flight, so memory stays constant for any row count; since each block is a pure
 * function of (model, seed, block index), the output is the same for every thread count.
 */
public final class Sampler {
    private Sampler() {
    }

    public static void sample(SyntheticModel model, long rows, long seed, int threads, BlockSink sink) {
        sample(model, rows, seed, threads, sink, done -> { });
    }

    /**
     * Samples {@code rows} rows into {@code sink}.
     *
     * @param progress told the number of rows delivered after each block
     */
    public static void sample(SyntheticModel model, long rows, long seed, int threads, BlockSink sink,
            LongConsumer progress) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be 0 or more, not " + rows);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, not " + threads);
        }
        Optional<StreamFilter> filter = model instanceof StreamFilteredModel f ? f.newStreamFilter() : Optional.empty();
        if (filter.isPresent()) {
            sampleFiltered(model, rows, seed, threads, sink, progress, filter.get());
            return;
        }
        long blocks = (rows + SyntheticModel.BLOCK_ROWS - 1) / SyntheticModel.BLOCK_ROWS;
        long done = 0;
        try (OrderedBlockStream<Table> stream = blocks(model, seed, threads, blocks, b -> blockRows(rows, b))) {
            for (long b = 0; b < blocks; b++) {
                Table block = stream.next();
                sink.accept(block);
                done += block.rowCount();
                progress.accept(done);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Full blocks in order through {@code filter} until {@code rows} rows passed. Blocks always have
     * {@link SyntheticModel#BLOCK_ROWS} rows, so each is a pure function of (model, seed, b) whatever the row count;
     * with several threads, blocks are computed ahead and those not needed are dropped.
     */
    private static void sampleFiltered(SyntheticModel model, long rows, long seed, int threads, BlockSink sink,
            LongConsumer progress, StreamFilter filter) {
        long needed = (rows + SyntheticModel.BLOCK_ROWS - 1) / SyntheticModel.BLOCK_ROWS;
        // A filter that drops most rows (few distinct values left for a unique column) would draw forever.
        long maxBlocks = 4 * needed + 8;
        long done = 0;
        try (OrderedBlockStream<Table> stream = blocks(model, seed, threads, maxBlocks,
                b -> SyntheticModel.BLOCK_ROWS)) {
            while (done < rows) {
                if (!stream.hasNext()) {
                    throw new DoppelException("could sample only " + done + " of " + rows + " rows satisfying "
                            + filter.describe() + " from " + maxBlocks + " blocks of " + SyntheticModel.BLOCK_ROWS
                            + " rows: the model makes too few distinct values; ask for fewer rows or drop the "
                            + "constraint");
                }
                Table kept = filter.accept(stream.next(), (int) Math.min(rows - done, SyntheticModel.BLOCK_ROWS));
                if (kept.rowCount() > 0) {
                    sink.accept(kept);
                    done += kept.rowCount();
                    progress.accept(done);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blocks {@code 0 .. limit-1} of the model's stream for {@code seed}, in order. */
    private static OrderedBlockStream<Table> blocks(SyntheticModel model, long seed, int threads, long limit,
            LongToIntFunction rowsOfBlock) {
        return new OrderedBlockStream<>(b -> model.sampleBlock(seed, b, rowsOfBlock.applyAsInt(b)), limit, threads,
                "doppel-sampler");
    }

    private static int blockRows(long rows, long block) {
        return (int) Math.min(SyntheticModel.BLOCK_ROWS, rows - block * SyntheticModel.BLOCK_ROWS);
    }

    /** {@code rows} synthetic rows as one in-memory table. */
    public static Table sampleTable(SyntheticModel model, int rows, long seed, int threads) {
        List<Table> blocks = new ArrayList<>();
        sample(model, rows, seed, threads, blocks::add);
        return concatenate(model, blocks);
    }

    private static Table concatenate(SyntheticModel model, List<Table> blocks) {
        int columns = model.metadata().columns().size();
        int total = blocks.stream().mapToInt(Table::rowCount).sum();
        List<Column> out = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            String name = model.metadata().columns().get(c).name();
            if (blocks.isEmpty()) {
                out.add(model.metadata().columns().get(c).isNumeric()
                        ? new NumericColumn(name, new double[0])
                        : new CategoricalColumn(name, new int[0], List.of()));
                continue;
            }
            if (blocks.get(0).column(c) instanceof NumericColumn) {
                double[] values = new double[total];
                int at = 0;
                for (Table b : blocks) {
                    NumericColumn n = (NumericColumn) b.column(c);
                    for (int i = 0; i < n.size(); i++) {
                        values[at++] = n.get(i);
                    }
                }
                out.add(new NumericColumn(name, values));
            } else {
                out.add(concatenateCategorical(name, blocks, c, total));
            }
        }
        return new Table(out);
    }

    private static CategoricalColumn concatenateCategorical(String name, List<Table> blocks, int c, int total) {
        List<String> first = ((CategoricalColumn) blocks.get(0).column(c)).dictionary();
        boolean shared = blocks.stream().allMatch(b -> ((CategoricalColumn) b.column(c)).dictionary() == first);
        int[] codes = new int[total];
        int at = 0;
        if (shared) {
            for (Table b : blocks) {
                CategoricalColumn k = (CategoricalColumn) b.column(c);
                for (int i = 0; i < k.size(); i++) {
                    codes[at++] = k.code(i);
                }
            }
            return new CategoricalColumn(name, codes, first);
        }
        // Generated columns (ids, fake values) have a dictionary per block: merge them.
        Map<String, Integer> index = new HashMap<>();
        List<String> dictionary = new ArrayList<>();
        for (Table b : blocks) {
            CategoricalColumn k = (CategoricalColumn) b.column(c);
            int[] remap = new int[k.dictionary().size()];
            for (int d = 0; d < remap.length; d++) {
                String v = k.dictionary().get(d);
                remap[d] = index.computeIfAbsent(v, key -> {
                    dictionary.add(key);
                    return dictionary.size() - 1;
                });
            }
            for (int i = 0; i < k.size(); i++) {
                int code = k.code(i);
                codes[at++] = code == CategoricalColumn.NULL ? CategoricalColumn.NULL : remap[code];
            }
        }
        return new CategoricalColumn(name, codes, dictionary);
    }
}
