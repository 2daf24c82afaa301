package dev.doppel.neural.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.doppel.neural.NamedTensor;
import dev.doppel.neural.OwnedArrays;
import dev.doppel.neural.ParameterSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exponential moving average of a {@link ParameterSet}'s weights, updated after every optimizer step:
 * {@code avg ← d·avg + (1 - d)·w}. TabDDPM (like most diffusion models) samples with such averaged weights: Adam's
 * last iterate scatters around the optimum, the average sits nearer to it.
 *
 * <p>The rate is {@code d = min(decay, (1 + n) / (10 + n))} after {@code n} earlier updates (the warm-up of
 * TensorFlow's ExponentialMovingAverage), so the first updates do not drag the random initial weights along for
 * thousands of steps.
 */
final class WeightAverage implements AutoCloseable {
    private final ParameterSet parameters;
    private final double decay;
    private final NDManager manager;
    private final Map<String, NDArray> averages = new LinkedHashMap<>();
    private long updates;

    /** An average starting at the parameters' current values. */
    WeightAverage(ParameterSet parameters, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("an average's decay must be in (0, 1), not " + decay);
        }
        this.parameters = parameters;
        this.decay = decay;
        this.manager = parameters.manager().newSubManager();
        for (NamedTensor t : parameters.snapshot()) {
            averages.put(t.name(), OwnedArrays.copyOf(manager, t.values(),
                    new Shape(Arrays.stream(t.shape()).asLongStream().toArray())));
        }
    }

    /** The rate of the next update, after {@code updates} earlier ones. */
    static double rate(double decay, long updates) {
        return Math.min(decay, (1.0 + updates) / (10.0 + updates));
    }

    /** Moves the average towards the parameters' current values. Call outside a gradient collector. */
    void update() {
        float d = (float) rate(decay, updates);
        updates++;
        for (String name : parameters.names()) {
            try (NDManager scope = manager.newSubManager()) {
                // The product belongs to the parameter's manager unless moved: without the attach every update would
                // leak an array of each parameter's size.
                NDArray step = parameters.get(name).mul(1 - d);
                step.attach(scope);
                averages.get(name).muli(d).addi(step);
            }
        }
    }

    long updates() {
        return updates;
    }

    /** The averages as constant arrays laid out as {@link Denoiser#arrays}: layer 0's weight, its bias, layer 1's... */
    List<NDArray> arrays() {
        return new ArrayList<>(averages.values());
    }

    /** A copy of the averages, named as the parameters. */
    List<NamedTensor> snapshot() {
        List<NamedTensor> out = new ArrayList<>(averages.size());
        for (Map.Entry<String, NDArray> e : averages.entrySet()) {
            int[] shape = Arrays.stream(e.getValue().getShape().getShape()).mapToInt(x -> (int) x).toArray();
            out.add(new NamedTensor(e.getKey(), shape, e.getValue().toFloatArray()));
        }
        return out;
    }

    /** Replaces the averages (same names and shapes) and the count of updates they have seen. */
    void load(List<NamedTensor> values, long updateCount) {
        Map<String, NamedTensor> byName = new LinkedHashMap<>();
        values.forEach(t -> byName.put(t.name(), t));
        for (String name : averages.keySet()) {
            NamedTensor t = byName.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no stored average for parameter " + name);
            }
            averages.get(name).set(t.values());
        }
        updates = updateCount;
    }

    @Override
    public void close() {
        manager.close();
    }
}
