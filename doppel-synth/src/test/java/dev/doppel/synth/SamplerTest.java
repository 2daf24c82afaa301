package dev.doppel.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
    /** Each block is a function of (seed, block); its text column gets a fresh dictionary per block, like fakes do. */
    static final class BlockModel implements SyntheticModel {
        final long failAtBlock;

        BlockModel(long failAtBlock) {
            this.failAtBlock = failAtBlock;
        }

        @Override
        public String synthesizer() {
            return "test";
        }

        @Override
        public TableMetadata metadata() {
            return new TableMetadata(List.of(ColumnMetadata.numerical("x", false, null, null, 3),
                    ColumnMetadata.text("label")));
        }

        @Override
        public Table sampleBlock(long seed, long block, int rows) {
            if (block == failAtBlock) {
                throw new IllegalStateException("block " + block + " failed");
            }
            SplittableRandom random = new SplittableRandom(seed * 31 + block);
            double[] x = new double[rows];
            int[] codes = new int[rows];
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                x[i] = block * 1_000_000 + i + random.nextDouble();
                labels.add("b" + block + "r" + i);
                codes[i] = i;
            }
            return new Table(List.of(new NumericColumn("x", x), new CategoricalColumn("label", codes, labels)));
        }

    }

    private static List<Double> values(int threads, long rows) {
        List<Double> out = new ArrayList<>();
        Sampler.sample(new BlockModel(-1), rows, 5, threads, block -> {
            NumericColumn x = (NumericColumn) block.column(0);
            for (int i = 0; i < x.size(); i++) {
                out.add(x.get(i));
            }
        });
        return out;
    }

    @Test
    void outputIsTheSameForOneTwoAndFourThreadsAndArrivesInOrder() {
        long rows = 10L * SyntheticModel.BLOCK_ROWS + 123;
        List<Double> one = values(1, rows);
        assertThat(one).hasSize((int) rows).isSorted();
        assertThat(values(2, rows)).isEqualTo(one);
        assertThat(values(4, rows)).isEqualTo(one);
    }

    @Test
    void zeroRowsSamplesNothing() {
        assertThat(values(2, 0)).isEmpty();
        assertThat(Sampler.sampleTable(new BlockModel(-1), 0, 1, 2).rowCount()).isZero();
    }

    @Test
    void modelFailuresPropagateAndNoSamplerThreadIsLeft() throws InterruptedException {
        assertThatThrownBy(() -> Sampler.sample(new BlockModel(3), 20L * SyntheticModel.BLOCK_ROWS, 1, 2, b -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessage("block 3 failed");
        Thread.sleep(200);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("doppel-sampler") && t.isAlive());
    }

    @Test
    void sinkFailuresPropagate() {
        assertThatThrownBy(() -> Sampler.sample(new BlockModel(-1), 3L * SyntheticModel.BLOCK_ROWS, 1, 2, b -> {
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
    }

    @Test
    void sampleTableMergesPerBlockDictionaries() {
        int rows = 2 * SyntheticModel.BLOCK_ROWS + 7;
        Table t = Sampler.sampleTable(new BlockModel(-1), rows, 1, 2);
        CategoricalColumn label = (CategoricalColumn) t.column("label");
        assertThat(label.size()).isEqualTo(rows);
        assertThat(label.get(0)).isEqualTo("b0r0");
        assertThat(label.get(SyntheticModel.BLOCK_ROWS + 1)).isEqualTo("b1r1");
        assertThat(label.get(rows - 1)).isEqualTo("b2r6");
        assertThat(label.dictionary()).hasSize(rows);
    }
}
