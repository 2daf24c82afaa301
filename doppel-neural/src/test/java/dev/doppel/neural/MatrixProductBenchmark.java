package dev.doppel.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Matrix-product throughput of PyTorch through DJL for the shapes of a ctgan step on Adult, to set a training
 * epoch against the products it cannot avoid: {@code java -Ddoppel.bench.threads=T -cp ... 
 * dev.doppel.neural.MatrixProductBenchmark}. Each figure is 200 × (y = x·W, then y's backward with a given gradient:
 * 6·M·K·N flop), the median of 5 repeats. A main rather than a test: timings are measured, never asserted.
 */
public final class MatrixProductBenchmark {
    private MatrixProductBenchmark() {
    }

    public static void main(String[] args) {
        int threads = Integer.getInteger("doppel.bench.threads", 1);
        new Compute("cpu", threads).start();
        int[][] shapes = {{500, 744, 158}, {500, 488, 256}, {50, 2610, 256}};
        try (NDManager m = Compute.pytorch().newBaseManager()) {
            SplittableRandom random = new SplittableRandom(1);
            for (int[] s : shapes) {
                NDArray x = OwnedArrays.copyOf(m, SeededDraws.uniform(random, s[0] * s[1]), new Shape(s[0], s[1]));
                NDArray w = OwnedArrays.copyOf(m, SeededDraws.uniform(random, s[1] * s[2]), new Shape(s[1], s[2]));
                NDArray g = OwnedArrays.copyOf(m, SeededDraws.uniform(random, s[0] * s[2]), new Shape(s[0], s[2]));
                x.setRequiresGradient(true);
                w.setRequiresGradient(true);
                List<Double> rates = new ArrayList<>();
                for (int repeat = 0; repeat < 6; repeat++) {
                    long start = System.nanoTime();
                    for (int i = 0; i < 200; i++) {
                        try (NDManager step = m.newSubManager();
                             GradientCollector gc = m.getEngine().newGradientCollector()) {
                            NDArray y = x.matMul(w);
                            y.attach(step);
                            gc.backward(y.mul(g).sum());
                        }
                        JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) x);
                        JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) w);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (repeat > 0) {
                        rates.add(200 * 6.0 * s[0] * s[1] * s[2] / seconds / 1e9);
                    }
                }
                rates.sort(null);
                System.out.printf("[%d,%d]·[%d,%d] forward+backward, %d thread(s): median %.1f GFLOP/s (best %.1f)%n",
                        s[0], s[1], s[1], s[2], threads, rates.get(2), rates.get(4));
            }
        }
    }
}
