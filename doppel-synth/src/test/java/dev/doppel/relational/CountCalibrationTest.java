package dev.doppel.relational;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CountCalibrationTest {

    @Test
    void addsChildrenInProportionToTheCountsAndKeepsChildlessParentsChildless() {
        // 500 parents with 10 children, 500 with 1, 500 with none: 5,500 children raised by 10 % to 6,050.
        int[] counts = new int[1500];
        Arrays.fill(counts, 0, 500, 10);
        Arrays.fill(counts, 500, 1000, 1);
        RelationalModel.calibrate(counts, 6050, new SplittableRandom(3));
        assertThat(Arrays.stream(counts).sum()).isEqualTo(6050);
        assertThat(Arrays.stream(counts, 1000, 1500).sum()).as("parents without children stay without").isZero();
        // Each of the 550 added children goes to the big group with probability 10/11: binomial mean 500,
        // sd sqrt(550 * 10/11 * 1/11) = 6.7; 4 sd = 27.
        int addedToBig = Arrays.stream(counts, 0, 500).sum() - 5000;
        assertThat(addedToBig).isBetween(500 - 27, 500 + 27);
    }

    @Test
    void removesUniformlyChosenChildren() {
        int[] counts = new int[1000];
        Arrays.fill(counts, 0, 500, 10);
        Arrays.fill(counts, 500, 1000, 2);
        RelationalModel.calibrate(counts, 5400, new SplittableRandom(5));
        assertThat(Arrays.stream(counts).sum()).isEqualTo(5400);
        assertThat(Arrays.stream(counts).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        // 600 of 6,000 children removed without replacement, 5,000 of them in the big group: hypergeometric mean
        // 500, sd sqrt(600 * 5/6 * 1/6 * 5400/5999) = 8.7; 4 sd = 35.
        int removedFromBig = 5000 - Arrays.stream(counts, 0, 500).sum();
        assertThat(removedFromBig).isBetween(500 - 35, 500 + 35);
    }

    @Test
    void spreadsChildrenEvenlyWhenNoParentHadAny() {
        int[] counts = new int[10];
        RelationalModel.calibrate(counts, 7, new SplittableRandom(1));
        assertThat(Arrays.stream(counts).sum()).isEqualTo(7);
    }

    @Test
    void sameSeedSameCounts() {
        int[] a = {3, 0, 5, 1, 9, 2};
        int[] b = a.clone();
        RelationalModel.calibrate(a, 30, new SplittableRandom(8));
        RelationalModel.calibrate(b, 30, new SplittableRandom(8));
        assertThat(a).isEqualTo(b);
    }
}
