package dev.doppel.neural.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.doppel.InvalidDataException;
import dev.doppel.neural.Dense;
import dev.doppel.neural.NamedTensor;
import dev.doppel.neural.OwnedArrays;
import dev.doppel.neural.ParameterSet;
import dev.doppel.neural.WeightsBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The denoising network: an MLP (ReLU between layers) that reads a noisy row — Gaussian coordinates, one-hot
 * categorical coordinates with an extra "masked" category each, and a sinusoidal embedding of the step — and outputs
 * the predicted noise of each Gaussian coordinate followed by the category logits of each categorical one. Layer
 * {@code l} is stored as {@code layer<l>.weight} [in, out] and {@code layer<l>.bias} in a {@link WeightsBlock}.
 */
final class Denoiser {
    /** Shape of the network; {@code categorySizes[k]} real categories per categorical coordinate. */
    record Architecture(int gaussian, int[] categorySizes, int timeDims, int[] hidden) {
        Architecture {
            categorySizes = categorySizes.clone();
            hidden = hidden.clone();
            if (timeDims < 2 || timeDims % 2 != 0) {
                throw new IllegalArgumentException("time embedding needs an even width of at least 2, not " + timeDims);
            }
            if (hidden.length == 0) {
                throw new IllegalArgumentException("the denoiser needs at least one hidden layer");
            }
        }

        int inputWidth() {
            int w = gaussian + timeDims;
            for (int k : categorySizes) {
                w += k + 1;
            }
            return w;
        }

        int outputWidth() {
            return gaussian + Arrays.stream(categorySizes).sum();
        }

        /** Widths of every layer boundary: input, hidden..., output. */
        int[] widths() {
            int[] w = new int[hidden.length + 2];
            w[0] = inputWidth();
            System.arraycopy(hidden, 0, w, 1, hidden.length);
            w[w.length - 1] = outputWidth();
            return w;
        }

        int layers() {
            return hidden.length + 1;
        }

        /** Column where the logits of categorical coordinate {@code k} start in the output. */
        int[] logitOffsets() {
            int[] offsets = new int[categorySizes.length];
            int o = gaussian;
            for (int k = 0; k < categorySizes.length; k++) {
                offsets[k] = o;
                o += categorySizes[k];
            }
            return offsets;
        }
    }

    private final Architecture architecture;
    private final WeightsBlock weights;

    /** A denoiser of {@code architecture} with {@code weights}; shapes that do not fit raise an InvalidDataException. */
    Denoiser(Architecture architecture, WeightsBlock weights, String sourceName) {
        int[] w = architecture.widths();
        for (int l = 0; l < architecture.layers(); l++) {
            expectShape(weights, "layer" + l + ".weight", new int[] {w[l], w[l + 1]}, sourceName);
            expectShape(weights, "layer" + l + ".bias", new int[] {w[l + 1]}, sourceName);
        }
        this.architecture = architecture;
        this.weights = weights;
    }

    private static void expectShape(WeightsBlock block, String name, int[] shape, String sourceName) {
        NamedTensor t = block.tensors().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(
                () -> new InvalidDataException(sourceName, 0, "weights", "a tensor " + name, "none"));
        if (!Arrays.equals(t.shape(), shape)) {
            throw new InvalidDataException(sourceName, 0, "weights", name + " of shape " + Arrays.toString(shape),
                    Arrays.toString(t.shape()));
        }
    }

    /** Adds the network's trainable layers to {@code parameters}, initialised from {@code random}. */
    static List<Dense> initialLayers(Architecture a, ParameterSet parameters, SplittableRandom random) {
        int[] w = a.widths();
        List<Dense> layers = new ArrayList<>();
        for (int l = 0; l < a.layers(); l++) {
            layers.add(parameters.dense("layer" + l, w[l], w[l + 1], random));
        }
        return layers;
    }

    Architecture architecture() {
        return architecture;
    }

    WeightsBlock weights() {
        return weights;
    }

    /** Constant (untrained) arrays of the weights in {@code manager}: weight 0, bias 0, weight 1, ... */
    List<NDArray> arrays(NDManager manager) {
        List<NDArray> out = new ArrayList<>();
        for (int l = 0; l < architecture.layers(); l++) {
            for (String part : List.of(".weight", ".bias")) {
                NamedTensor t = weights.tensor("layer" + l + part);
                out.add(OwnedArrays.copyOf(manager, t.values(), new Shape(Arrays.stream(t.shape()).asLongStream().toArray())));
            }
        }
        return out;
    }

    /** The network on {@code input} (rows × input width) with arrays laid out as {@link #arrays}. */
    static NDArray forward(NDArray input, List<NDArray> arrays) {
        NDArray h = input;
        int layers = arrays.size() / 2;
        for (int l = 0; l < layers; l++) {
            h = h.matMul(arrays.get(2 * l)).add(arrays.get(2 * l + 1));
            if (l < layers - 1) {
                h = Activation.relu(h);
            }
        }
        return h;
    }

    /** The network on {@code input} with trainable layers. */
    static NDArray forwardTrainable(NDArray input, List<Dense> layers) {
        NDArray h = input;
        for (int l = 0; l < layers.size(); l++) {
            h = layers.get(l).forward(h);
            if (l < layers.size() - 1) {
                h = Activation.relu(h);
            }
        }
        return h;
    }

    /**
     * Writes row {@code row} of the network input into {@code out} (starting at {@code row * inputWidth}):
     * Gaussian coordinates, then one-hot categories where code {@code categorySizes[k]} means masked, then the step's
     * embedding.
     */
    static void writeInput(Architecture a, float[] out, int row, float[] gaussian, int[] categories, int step,
                           int steps) {
        int width = a.inputWidth();
        int base = row * width;
        int dg = a.gaussian();
        int dk = a.categorySizes().length;
        Arrays.fill(out, base, base + width, 0f);
        System.arraycopy(gaussian, row * dg, out, base, dg);
        int p = base + dg;
        for (int k = 0; k < dk; k++) {
            out[p + categories[row * dk + k]] = 1f;
            p += a.categorySizes()[k] + 1;
        }
        // Sinusoidal embedding of the step on DDPM's 0..1000 scale, periods up to 10,000 as in the Transformer.
        double position = 1000.0 * step / steps;
        int half = a.timeDims() / 2;
        for (int i = 0; i < half; i++) {
            double angle = position * Math.exp(-Math.log(10_000) * i / half);
            out[p + i] = (float) Math.sin(angle);
            out[p + half + i] = (float) Math.cos(angle);
        }
    }
}
