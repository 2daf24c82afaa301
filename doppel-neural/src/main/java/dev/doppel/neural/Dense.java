package dev.doppel.neural;

import ai.djl.ndarray.NDArray;

/** A dense layer {@code x·W + b} whose weights live in a {@link ParameterSet} as {@code name.weight}, {@code name.bias}. */
public record Dense(ParameterSet parameters, String name) {
    public NDArray weight() {
        return parameters.get(name + ".weight");
    }

    public NDArray bias() {
        return parameters.get(name + ".bias");
    }

    /** {@code x·W + b} for a batch {@code x} of shape [rows, in]. */
    public NDArray forward(NDArray x) {
        return x.matMul(weight()).add(bias());
    }
}
