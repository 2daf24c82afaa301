package dev.doppel.neural;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.doppel.DoppelException;
import java.util.Locale;

/**
 * Where and on how many threads a network trains: {@code --param device=cpu|gpu}, {@code --param threads=N}.
 *
 * @param device  {@code cpu} or {@code gpu}; {@code gpu} needs a CUDA build of PyTorch's native library on the class
 *                path (Doppel ships the CPU one)
 * @param threads PyTorch's intra-op threads, at least 1. The same seed and thread count give the same model (12 of 12
 *                two-thread and 20 of 20 one-thread Adult fits agreed once {@link OwnedArrays#scalar} fixed
 *                gradients read from freed memory); another thread count sums in another order and gives another
 *                model. Every synthesizer defaults to {@link #reproducible()}, one thread, so a seed's model is the
 *                same on every machine, and on Adult's ctgan a second thread did not shorten an epoch
 *                (docs/BENCHMARKS.md, issue 5). PyTorch's OpenMP threads spin while waiting unless
 *                {@code OMP_WAIT_POLICY=PASSIVE} is in the environment when the JVM starts (the {@code doppel}
 *                launcher and the test runner set it): on a busy machine spinning made two threads 9-30 times slower
 *                than one. Inter-op threads stay at PyTorch's default of 1: a training step is one chain of
 *                operations.
 */
public record Compute(String device, int threads) {
    public Compute {
        device = device.strip().toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new DoppelException("device must be cpu or gpu, not '" + device + "'");
        }
        if (threads < 1) {
            throw new DoppelException("threads must be at least 1, not " + threads);
        }
    }

    /** The CPU on one thread: the same model for a seed in every run (the synthesizers' default). */
    public static Compute reproducible() {
        return new Compute("cpu", 1);
    }

    /** The CPU with one thread per available processor: the same model for a seed only on machines of as many. */
    public static Compute machine() {
        return new Compute("cpu", Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads PyTorch (once per JVM), sets its thread count, and returns the device to train on.
     *
     * @throws DoppelException when a GPU is asked for and PyTorch sees none
     */
    public Device start() {
        Engine engine = pytorch();
        // PyTorch's thread count is per process: a fit sets it for its duration; fits run one after another.
        JniUtils.setNumThreads(threads);
        if (device.equals("cpu")) {
            return Device.cpu();
        }
        if (engine.getGpuCount() == 0) {
            throw new DoppelException("--param device=gpu, but PyTorch finds no GPU: this build carries the CPU "
                    + "library (pytorch-native-cpu); put a CUDA build (pytorch-native-cu*) on the class path or use "
                    + "device=cpu");
        }
        return Device.gpu();
    }

    /**
     * The PyTorch engine. DJL would otherwise try to download a native library when it cannot match the one on the
     * class path; Doppel ships it in a jar, so DJL is told to stay offline before it first loads (the {@code doppel}
     * script passes the same property; a user's own setting wins).
     */
    static Engine pytorch() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return Engine.getEngine("PyTorch");
    }
}
