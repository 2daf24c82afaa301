package dev.doppel.neural;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The trainable arrays of a network, by name, living in their own {@link NDManager}. Initial values come from a Java
 * {@link SplittableRandom}, never from PyTorch's process-wide generator, so a fit's starting point depends only on
 * its seed, even with several fits in one JVM.
 */
public final class ParameterSet implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    public ParameterSet(Device device) {
        this.manager = NDManager.newBaseManager(device);
    }

    /** The manager the parameters live in; arrays made from it live as long as this set. */
    public NDManager manager() {
        return manager;
    }

    /**
     * A dense layer {@code x·W + b} from {@code in} to {@code out} features: {@code name.weight} of shape [in, out]
     * and {@code name.bias} of shape [out], both uniform in ±1/√in (PyTorch's default for linear layers).
     */
    public Dense dense(String name, int in, int out, SplittableRandom random) {
        float bound = (float) (1 / Math.sqrt(in));
        add(new NamedTensor(name + ".weight", new int[] {in, out}, uniform(random, in * out, bound)));
        add(new NamedTensor(name + ".bias", new int[] {out}, uniform(random, out, bound)));
        return new Dense(this, name);
    }

    /** Adds a trainable array with the given initial values. */
    public NDArray add(NamedTensor initial) {
        if (arrays.containsKey(initial.name())) {
            throw new IllegalArgumentException("parameter " + initial.name() + " exists");
        }
        NDArray a = toArray(initial);
        arrays.put(initial.name(), a);
        return a;
    }

    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return a;
    }

    /**
     * Whether backward passes compute these parameters' gradients. Freezing a network that another one's loss goes
     * through (a GAN's critic during the generator's step) saves computing gradients that would be thrown away.
     */
    public void setTrainable(boolean trainable) {
        for (NDArray a : arrays.values()) {
            a.setRequiresGradient(trainable);
        }
    }

    /** Names in the order they were added. */
    public List<String> names() {
        return List.copyOf(arrays.keySet());
    }

    /** A copy of every parameter's current values, in order. */
    public List<NamedTensor> snapshot() {
        List<NamedTensor> out = new ArrayList<>(arrays.size());
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            long[] shape = e.getValue().getShape().getShape();
            out.add(new NamedTensor(e.getKey(), Arrays.stream(shape).mapToInt(d -> (int) d).toArray(),
                    e.getValue().toFloatArray()));
        }
        return out;
    }

    /** Replaces every parameter's values by the tensor of the same name and shape. */
    public void load(List<NamedTensor> values) {
        Map<String, NamedTensor> byName = new LinkedHashMap<>();
        values.forEach(t -> byName.put(t.name(), t));
        for (String name : names()) {
            NamedTensor t = byName.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no stored values for parameter " + name);
            }
            NDArray old = arrays.get(name);
            if (!old.getShape().equals(new Shape(Arrays.stream(t.shape()).asLongStream().toArray()))) {
                throw new IllegalArgumentException("parameter " + name + " has shape " + old.getShape()
                        + ", stored " + Arrays.toString(t.shape()));
            }
            // A fresh leaf rather than an in-place copy: PyTorch refuses in-place writes to leaves that need gradients.
            arrays.put(name, toArray(t));
            old.close();
        }
    }

    /** Replaces one parameter's values (same name and shape), e.g. after clamping them. */
    public void replace(NamedTensor values) {
        NDArray old = get(values.name());
        if (!old.getShape().equals(new Shape(Arrays.stream(values.shape()).asLongStream().toArray()))) {
            throw new IllegalArgumentException("parameter " + values.name() + " has shape " + old.getShape());
        }
        arrays.put(values.name(), toArray(values));
        old.close();
    }

    private NDArray toArray(NamedTensor t) {
        NDArray a = OwnedArrays.copyOf(manager, t.values(), new Shape(Arrays.stream(t.shape()).asLongStream().toArray()));
        a.setRequiresGradient(true);
        return a;
    }

    /** {@code n} floats uniform in [-bound, bound). */
    public static float[] uniform(SplittableRandom random, int n, float bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    @Override
    public void close() {
        manager.close();
    }
}
