package dev.doppel.neural.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModeSpecificTransformTest {
    private static final int N = 4000;

    /** 60 % N(−5, 1) and 40 % N(10, 2). */
    private static double[] bimodal(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            double z = gaussian(random);
            x[i] = random.nextDouble() < 0.6 ? -5 + z : 10 + 2 * z;
        }
        return x;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void mixtureFindsTheTwoModesOfABimodalSample() {
        GaussianMixture m = GaussianMixture.fit(bimodal(1), 10, 0.001, 0.005);
        // Variational Bayes may keep a sliver or two; the weight must sit in two components.
        int[] heavy = java.util.stream.IntStream.range(0, m.components()).filter(k -> m.weights()[k] > 0.05).toArray();
        assertThat(heavy).hasSize(2);
        int left = heavy[0];
        int right = heavy[1];
        // Share: binomial sd √(0.24/4000) = 0.008; 4 sd. Means: sd σ/√(n_k) ≤ 2/√1600 = 0.05; 4 sd.
        assertThat(m.weights()[left]).isCloseTo(0.6, within(0.032));
        assertThat(m.weights()[right]).isCloseTo(0.4, within(0.032));
        assertThat(m.mean(left)).isCloseTo(-5, within(0.2));
        assertThat(m.mean(right)).isCloseTo(10, within(0.2));
        // Deviation estimates: relative sd 1/√(2 n_k) ≤ 1.8 %; 5 sd.
        assertThat(m.std(left)).isCloseTo(1, within(0.09));
        assertThat(m.std(right)).isCloseTo(2, within(0.18));
    }

    @Test
    void mixtureOfAUnimodalSampleHasItsMeanAndVariance() {
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 100 + 15 * gaussian(random);
        }
        // Variational Bayes may split one normal into several modes (scikit-learn's does too); the mixture must still
        // be that normal: mean 100 (sd 15/√4000 = 0.24) and variance 225 (sd 225·√(2/4000) = 5), within 5 sd.
        GaussianMixture m = GaussianMixture.fit(x, 10, 0.001, 0.005);
        double mean = 0;
        for (int k = 0; k < m.components(); k++) {
            mean += m.weights()[k] * m.mean(k);
        }
        double variance = 0;
        for (int k = 0; k < m.components(); k++) {
            variance += m.weights()[k] * (m.std(k) * m.std(k) + (m.mean(k) - mean) * (m.mean(k) - mean));
        }
        assertThat(mean).isCloseTo(100, within(1.2));
        assertThat(variance).isCloseTo(225, within(25.0));
        assertThat(m.components()).isLessThanOrEqualTo(10);
    }

    private static Table table() {
        double[] v = bimodal(2);
        double[] withNulls = bimodal(5);
        int[] codes = new int[N];
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < N; i++) {
            v[i] = Math.rint(v[i] * 100) / 100;
            if (i % 7 == 0) {
                withNulls[i] = Double.NaN;
            }
            codes[i] = random.nextInt(10) == 0 ? CategoricalColumn.NULL : random.nextInt(3);
        }
        return new Table(List.of(new NumericColumn("x", v), new NumericColumn("y", withNulls),
                new CategoricalColumn("c", codes, List.of("a", "b", "c", "unused")),
                new CategoricalColumn("email", new int[N], List.of("a@b.c"))));
    }

    private static TableMetadata metadata() {
        return new TableMetadata(List.of(ColumnMetadata.numerical("x", false, null, null, 2),
                ColumnMetadata.numerical("y", false, null, null, 6), ColumnMetadata.categorical("c"),
                ColumnMetadata.pii("email", dev.doppel.metadata.PiiKind.EMAIL)));
    }

    @Test
    void decodeInvertsEncodeAndEncodingIsSeeded() {
        Table t = table();
        ModeSpecificTransform transform = ModeSpecificTransform.fit(t, metadata());
        assertThat(transform.columns()).containsExactly(0, 1, 2);
        ModeSpecificTransform.Encoded encoded = transform.encode(t, 7);
        assertThat(encoded.data()).hasSize(N * transform.width());
        assertThat(transform.encode(t, 7).data()).isEqualTo(encoded.data());
        Map<Integer, Column> decoded = transform.decode(encoded.data(), N);
        NumericColumn x = (NumericColumn) t.column(0);
        NumericColumn y = (NumericColumn) t.column(1);
        NumericColumn x2 = (NumericColumn) decoded.get(0);
        NumericColumn y2 = (NumericColumn) decoded.get(1);
        int clipped = 0;
        for (int i = 0; i < N; i++) {
            // float32 holds the normalized value to ~1e-7 of 4σ ≤ 8 (more than 3.96 σ out, values are clipped).
            if (Math.abs(x2.get(i) - x.get(i)) > 1e-4) {
                clipped++;
            }
            assertThat(y2.isNull(i)).isEqualTo(y.isNull(i));
            if (!y.isNull(i) && Math.abs(y2.get(i) - y.get(i)) > 1e-4) {
                clipped++;
            }
            assertThat(((CategoricalColumn) decoded.get(2)).get(i)).isEqualTo(((CategoricalColumn) t.column(2)).get(i));
        }
        // Beyond 3.96 σ of the drawn mode: under 0.1 % for normal modes.
        assertThat(clipped).isLessThan(2 * N / 200);
        assertThat(transform.spans().stream().mapToInt(Span::width).sum()).isEqualTo(transform.width());
    }
}
