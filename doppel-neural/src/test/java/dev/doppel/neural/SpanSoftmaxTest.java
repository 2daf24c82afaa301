package dev.doppel.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.doppel.neural.transform.Span;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpanSoftmaxTest {
    /** Values and one-hot spans of widths 3, 5, 2 and 17 (blocks of padded width 4, 8, 2 and 32). */
    private static final List<Span> SPANS = List.of(new Span(0, 1, Span.Kind.VALUE, 0),
            new Span(1, 3, Span.Kind.ONE_HOT, 0), new Span(4, 1, Span.Kind.VALUE, 1),
            new Span(5, 5, Span.Kind.ONE_HOT, 1), new Span(10, 2, Span.Kind.ONE_HOT, 2),
            new Span(12, 17, Span.Kind.ONE_HOT, 3));
    private static final int WIDTH = 29;
    private static final int ROWS = 6;
    // Float arithmetic on values of order 1: a few ulps.
    private static final double TOLERANCE = 1e-6;

    private static float[] logits() {
        SplittableRandom random = new SplittableRandom(3);
        float[] v = new float[ROWS * WIDTH];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() * 8 - 4);
        }
        return v;
    }

    /** Softmax of one span of one row, in double. */
    private static double[] softmax(float[] x, int row, Span span) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = span.start(); j < span.end(); j++) {
            max = Math.max(max, x[row * WIDTH + j]);
        }
        double sum = 0;
        double[] p = new double[span.width()];
        for (int j = 0; j < span.width(); j++) {
            p[j] = Math.exp(x[row * WIDTH + span.start() + j] - max);
            sum += p[j];
        }
        for (int j = 0; j < p.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    @Test
    void activatesEachOneHotSpanBySoftmaxAndKeepsValueFeatures() {
        float[] x = logits();
        try (NDManager m = NDManager.newBaseManager(Compute.machine().start());
             SpanSoftmax spans = new SpanSoftmax(SPANS, WIDTH, m)) {
            NDArray logits = m.create(x, new Shape(ROWS, WIDTH));
            float[] out = spans.activate(logits.tanh(), logits).toFloatArray();
            for (int r = 0; r < ROWS; r++) {
                for (Span span : SPANS) {
                    if (span.kind() == Span.Kind.VALUE) {
                        assertThat((double) out[r * WIDTH + span.start()])
                                .isCloseTo(Math.tanh(x[r * WIDTH + span.start()]), within(TOLERANCE));
                    } else {
                        double[] p = softmax(x, r, span);
                        for (int j = 0; j < p.length; j++) {
                            assertThat((double) out[r * WIDTH + span.start() + j]).isCloseTo(p[j], within(TOLERANCE));
                        }
                    }
                }
            }
        }
    }

    @Test
    void logLikelihoodAndItsGradientAreThoseOfPerSpanCrossEntropy() {
        float[] x = logits();
        SplittableRandom random = new SplittableRandom(5);
        float[] target = new float[ROWS * WIDTH];
        double expected = 0;
        for (int r = 0; r < ROWS; r++) {
            for (Span span : SPANS) {
                if (span.kind() == Span.Kind.VALUE) {
                    // Targets on value features must be ignored, however large.
                    target[r * WIDTH + span.start()] = 100f;
                } else {
                    int k = random.nextInt(span.width());
                    target[r * WIDTH + span.start() + k] = 1f;
                    expected += Math.log(softmax(x, r, span)[k]);
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager(Compute.machine().start());
             SpanSoftmax spans = new SpanSoftmax(SPANS, WIDTH, m)) {
            NDArray logits = m.create(x, new Shape(ROWS, WIDTH));
            logits.setRequiresGradient(true);
            float[] gradient;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray ll = spans.logLikelihood(logits, m.create(target, new Shape(ROWS, WIDTH)));
                assertThat((double) ll.getFloat()).isCloseTo(expected, within(1e-4));
                gc.backward(ll);
            }
            gradient = logits.getGradient().toFloatArray();
            // d/dx of log softmax at the target: one-hot target minus the span's softmax; nothing on value features.
            for (int r = 0; r < ROWS; r++) {
                for (Span span : SPANS) {
                    if (span.kind() == Span.Kind.VALUE) {
                        assertThat(gradient[r * WIDTH + span.start()]).isZero();
                        continue;
                    }
                    double[] p = softmax(x, r, span);
                    for (int j = 0; j < p.length; j++) {
                        int i = r * WIDTH + span.start() + j;
                        assertThat((double) gradient[i]).isCloseTo(target[i] - p[j], within(TOLERANCE));
                    }
                }
            }
        }
    }

    @Test
    void withoutOneHotSpansActivationIsTheValues() {
        try (NDManager m = NDManager.newBaseManager(Compute.machine().start());
             SpanSoftmax spans = new SpanSoftmax(List.of(new Span(0, 1, Span.Kind.VALUE, 0)), 1, m)) {
            NDArray values = m.create(new float[] {0.5f, -0.25f}, new Shape(2, 1));
            assertThat(spans.isEmpty()).isTrue();
            assertThat(spans.activate(values, values).toFloatArray()).containsExactly(0.5f, -0.25f);
        }
    }
}
