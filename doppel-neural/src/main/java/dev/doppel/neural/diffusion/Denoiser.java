package dev.doppel.neural.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.doppel.InvalidDataException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The denoising network: an MLP (ReLU between layers) that reads a noisy row — Gaussian coordinates, one-hot
 * categorical coordinates with an extra "masked" category each, and a sinusoidal embedding of the step — and
 * outputs the predicted noise of each Gaussian coordinate followed by the category logits of each categorical one.
 * The weights are plain float arrays owned by this immutable value; {@link #forward} runs them on DJL.
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
    }

    private static final byte[] MAGIC = {'D', 'P', 'D', 'N'};
    private static final int FORMAT_VERSION = 1;

    private final Architecture architecture;
    private final float[][] weights;
    private final float[][] biases;

    Denoiser(Architecture architecture, float[][] weights, float[][] biases) {
        int[] w = architecture.widths();
        if (weights.length != w.length - 1 || biases.length != w.length - 1) {
            throw new IllegalArgumentException("need " + (w.length - 1) + " layers");
        }
        for (int l = 0; l < weights.length; l++) {
            if (weights[l].length != w[l] * w[l + 1] || biases[l].length != w[l + 1]) {
                throw new IllegalArgumentException("layer " + l + " has the wrong size");
            }
        }
        this.architecture = architecture;
        this.weights = deepCopy(weights);
        this.biases = deepCopy(biases);
    }

    /** Fresh weights, uniform in ±1/√fan-in as PyTorch's Linear default, from {@code random}; biases too. */
    static Denoiser initial(Architecture architecture, SplittableRandom random) {
        int[] w = architecture.widths();
        float[][] weights = new float[w.length - 1][];
        float[][] biases = new float[w.length - 1][];
        for (int l = 0; l < weights.length; l++) {
            double bound = 1 / Math.sqrt(w[l]);
            weights[l] = new float[w[l] * w[l + 1]];
            biases[l] = new float[w[l + 1]];
            for (int i = 0; i < weights[l].length; i++) {
                weights[l][i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            for (int i = 0; i < biases[l].length; i++) {
                biases[l][i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
        }
        return new Denoiser(architecture, weights, biases);
    }

    Architecture architecture() {
        return architecture;
    }

    int layers() {
        return weights.length;
    }

    /** The parameters as NDArrays of {@code manager}: weight 0, bias 0, weight 1, ... */
    List<NDArray> parameters(NDManager manager) {
        int[] w = architecture.widths();
        List<NDArray> out = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            out.add(manager.create(weights[l], new Shape(w[l], w[l + 1])));
            out.add(manager.create(biases[l], new Shape(w[l + 1])));
        }
        return out;
    }

    /** A denoiser with the values of {@code parameters} (as {@link #parameters} lays them out). */
    Denoiser withParameters(List<NDArray> parameters) {
        float[][] ws = new float[weights.length][];
        float[][] bs = new float[weights.length][];
        for (int l = 0; l < weights.length; l++) {
            ws[l] = parameters.get(2 * l).toFloatArray();
            bs[l] = parameters.get(2 * l + 1).toFloatArray();
        }
        return new Denoiser(architecture, ws, bs);
    }

    /** The network's output for {@code input} (rows × input width) with the given parameters. */
    static NDArray forward(NDArray input, List<NDArray> parameters) {
        NDArray h = input;
        int layers = parameters.size() / 2;
        for (int l = 0; l < layers; l++) {
            h = h.matMul(parameters.get(2 * l)).add(parameters.get(2 * l + 1));
            if (l < layers - 1) {
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

    /** The weights as a self-checking binary block: magic, format version, layer widths, floats, SHA-256. */
    byte[] encode() {
        int[] w = architecture.widths();
        int floats = 0;
        for (int l = 0; l < weights.length; l++) {
            floats += weights[l].length + biases[l].length;
        }
        ByteBuffer buf = ByteBuffer.allocate(4 + 4 + 4 + 4 * w.length + 4 * floats + 32).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(FORMAT_VERSION).putInt(w.length);
        for (int x : w) {
            buf.putInt(x);
        }
        for (int l = 0; l < weights.length; l++) {
            for (float v : weights[l]) {
                buf.putFloat(v);
            }
            for (float v : biases[l]) {
                buf.putFloat(v);
            }
        }
        buf.put(sha256(buf.array(), buf.position()));
        return buf.array();
    }

    /** Reads {@link #encode()}'s block for {@code architecture}; anything else raises an InvalidDataException. */
    static Denoiser decode(byte[] bytes, Architecture architecture, String sourceName) {
        int[] w = architecture.widths();
        int floats = 0;
        for (int l = 0; l + 1 < w.length; l++) {
            floats += w[l] * w[l + 1] + w[l + 1];
        }
        int expected = 4 + 4 + 4 + 4 * w.length + 4 * floats + 32;
        if (bytes.length != expected) {
            throw invalid(sourceName, expected + " bytes for the architecture", bytes.length + " bytes");
        }
        byte[] digest = sha256(bytes, bytes.length - 32);
        if (!MessageDigest.isEqual(digest, Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length))) {
            throw invalid(sourceName, "weights matching their SHA-256 checksum", "a mismatch (corrupted weights)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        buf.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw invalid(sourceName, "a diffusion weights block", "another block");
        }
        int version = buf.getInt();
        if (version != FORMAT_VERSION) {
            throw invalid(sourceName, "weights format version " + FORMAT_VERSION, "version " + version);
        }
        int count = buf.getInt();
        int[] stored = new int[count == w.length ? count : 0];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = buf.getInt();
        }
        if (!Arrays.equals(stored, w)) {
            throw invalid(sourceName, "layer widths " + Arrays.toString(w), "other widths");
        }
        float[][] weights = new float[w.length - 1][];
        float[][] biases = new float[w.length - 1][];
        for (int l = 0; l < weights.length; l++) {
            weights[l] = new float[w[l] * w[l + 1]];
            biases[l] = new float[w[l + 1]];
            for (int i = 0; i < weights[l].length; i++) {
                weights[l][i] = finite(buf.getFloat(), sourceName);
            }
            for (int i = 0; i < biases[l].length; i++) {
                biases[l][i] = finite(buf.getFloat(), sourceName);
            }
        }
        return new Denoiser(architecture, weights, biases);
    }

    private static float finite(float v, String sourceName) {
        if (!Float.isFinite(v)) {
            throw invalid(sourceName, "finite weights", String.valueOf(v));
        }
        return v;
    }

    private static InvalidDataException invalid(String sourceName, String expected, String actual) {
        return new InvalidDataException(sourceName, 0, "diffusion weights", expected, actual);
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static float[][] deepCopy(float[][] a) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
