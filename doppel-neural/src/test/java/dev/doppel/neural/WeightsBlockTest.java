package dev.doppel.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.InvalidDataException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightsBlockTest {
    private static final WeightsBlock BLOCK = new WeightsBlock(Map.of("epoch", "7"), List.of(
            new NamedTensor("g.0.weight", new int[] {2, 3}, new float[] {1, -2, 3.5f, Float.MIN_VALUE, 0, -0f}),
            new NamedTensor("g.0.bias", new int[] {3}, new float[] {0.25f, 1e30f, -7}),
            new NamedTensor("empty", new int[] {0}, new float[0])));

    @Test
    void roundTripKeepsNamesShapesValuesAndAttributes() {
        WeightsBlock read = WeightsBlock.decode(BLOCK.encode(), "test");
        assertThat(read.attributes()).containsExactlyEntriesOf(Map.of("epoch", "7"));
        assertThat(read.tensors()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(read.tensors().get(i).sameAs(BLOCK.tensors().get(i))).isTrue();
        }
        // -0f and 0f differ in bits; the block keeps bits.
        assertThat(Float.floatToRawIntBits(read.tensor("g.0.weight").values()[5]))
                .isEqualTo(Float.floatToRawIntBits(-0f));
    }

    @Test
    void rejectsEveryFlippedByte() {
        byte[] bytes = BLOCK.encode();
        // Every byte is covered by the checksum (or is the checksum): a flip anywhere is caught.
        for (int i = 0; i < bytes.length; i++) {
            byte[] corrupt = bytes.clone();
            corrupt[i] ^= 0x10;
            assertThatThrownBy(() -> WeightsBlock.decode(corrupt, "model.doppel, part weights"))
                    .as("byte %d", i)
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessageContaining("model.doppel, part weights");
        }
        byte[] corrupt = bytes.clone();
        corrupt[bytes.length - 40] ^= 1;
        assertThatThrownBy(() -> WeightsBlock.decode(corrupt, "w"))
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void rejectsTruncatedForeignAndNewerBlocks() {
        byte[] bytes = BLOCK.encode();
        assertThatThrownBy(() -> WeightsBlock.decode(Arrays.copyOf(bytes, bytes.length - 1), "w"))
                .isInstanceOf(InvalidDataException.class);
        assertThatThrownBy(() -> WeightsBlock.decode("{\"json\":1}".getBytes(), "w"))
                .hasMessageContaining("DOPPELWT");
        byte[] newer = bytes.clone();
        ByteBuffer.wrap(newer).putInt(8, WeightsBlock.VERSION + 1);
        assertThatThrownBy(() -> WeightsBlock.decode(newer, "w"))
                .hasMessageContaining("version " + (WeightsBlock.VERSION + 1));
    }
}
