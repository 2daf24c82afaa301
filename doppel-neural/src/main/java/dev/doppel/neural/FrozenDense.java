package dev.doppel.neural;

/**
 * A trained dense layer {@code x·W + b} evaluated in plain Java. Sampling runs networks this way: each output is
 * summed in a fixed order, so a block of synthetic rows is the same on any machine and any number of threads, and
 * sampling needs no native library.
 *
 * @param weight row-major [in, out], as {@link Dense} stores it
 */
public record FrozenDense(int in, int out, float[] weight, float[] bias) {
    public FrozenDense {
        if (weight.length != in * out || bias.length != out) {
            throw new IllegalArgumentException("a dense layer " + in + " → " + out + " needs " + in * out
                    + " weights and " + out + " biases, not " + weight.length + " and " + bias.length);
        }
    }

    /** The layer {@code name} ({@code name.weight}, {@code name.bias}) of a weights block. */
    public static FrozenDense of(WeightsBlock block, String name) {
        NamedTensor w = block.tensor(name + ".weight");
        NamedTensor b = block.tensor(name + ".bias");
        if (w.shape().length != 2 || b.shape().length != 1) {
            throw new IllegalArgumentException("layer " + name + " must have a 2-d weight and a 1-d bias");
        }
        return new FrozenDense(w.shape()[0], w.shape()[1], w.values(), b.values());
    }

    /** {@code x·W + b} for {@code rows} rows of {@code x} (row-major [rows, in]); returns [rows, out]. */
    public float[] forward(float[] x, int rows) {
        if (x.length != rows * in) {
            throw new IllegalArgumentException("expected " + rows + " × " + in + " inputs, not " + x.length);
        }
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            int yo = r * out;
            System.arraycopy(bias, 0, y, yo, out);
            int xo = r * in;
            for (int i = 0; i < in; i++) {
                float xi = x[xo + i];
                if (xi == 0) {
                    continue;
                }
                int wo = i * out;
                for (int j = 0; j < out; j++) {
                    y[yo + j] += xi * weight[wo + j];
                }
            }
        }
        return y;
    }
}
