package dev.doppel.neural;

import java.util.Arrays;

/**
 * A named array of floats with a shape, the unit in which weights, optimizer moments and checkpoints are stored.
 * The values array is owned by the tensor: callers hand it over and must not change it afterwards.
 *
 * @param name   unique within its block, e.g. {@code generator.0.weight}
 * @param shape  dimensions, each at least 0; their product is {@code values.length}
 * @param values row-major values
 */
public record NamedTensor(String name, int[] shape, float[] values) {
    public NamedTensor {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a tensor needs a name");
        }
        shape = shape.clone();
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + " has a negative dimension " + d);
            }
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " needs "
                    + size + " values, not " + values.length);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Same name, shape and values. */
    public boolean sameAs(NamedTensor other) {
        return name.equals(other.name) && Arrays.equals(shape, other.shape) && Arrays.equals(values, other.values);
    }
}
