package dev.doppel.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldoutSplitTest {
    @Test
    void splitsEveryRowExactlyOnceWithTheRequestedShare() {
        HoldoutSplit s = HoldoutSplit.of(32_561, 0.2, 1);
        assertThat(s.holdout()).hasSize(6512);
        assertThat(s.train()).hasSize(32_561 - 6512).isSorted();
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.holdout())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 32_561).toArray());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertThat(HoldoutSplit.of(1000, 0.3, 5).holdout()).isEqualTo(HoldoutSplit.of(1000, 0.3, 5).holdout());
        assertThat(HoldoutSplit.of(1000, 0.3, 5).holdout()).isNotEqualTo(HoldoutSplit.of(1000, 0.3, 6).holdout());
    }

    @Test
    void holdoutIsSpreadOverTheFileNotAContiguousBlock() {
        // A uniform random subset of 500 of 1000 rows has mean index 499.5 with sd ≈ 9.1; 5 sd is ±46.
        double mean = Arrays.stream(HoldoutSplit.of(1000, 0.5, 9).holdout()).average().orElseThrow();
        assertThat(mean).isBetween(453.0, 546.0);
    }

    @Test
    void rejectsImpossibleSplits() {
        assertThatThrownBy(() -> HoldoutSplit.of(10, 1.0, 1)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> HoldoutSplit.of(1, 0.5, 1)).hasMessageContaining("at least 2 rows");
        assertThat(HoldoutSplit.of(2, 0.01, 1).holdout()).hasSize(1);
    }
}
