package dev.doppel.neural.ctgan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.neural.FeatureGenerator;
import dev.doppel.neural.FrozenDense;
import dev.doppel.neural.SeededDraws;
import dev.doppel.neural.WeightsBlock;
import dev.doppel.neural.transform.ModeSpecificTransform;
import dev.doppel.neural.transform.Span;
import dev.doppel.synth.ParameterReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CTGAN's trained generator evaluated in Java: noise and a conditional vector through residual layers (dense, batch
 * normalization with the running statistics, ReLU, the input concatenated), then a dense output layer; value features
 * through tanh, one-hot spans decided by the Gumbel-max trick (a draw from the softmax of the logits, which is what
 * CTGAN's Gumbel-softmax followed by arg-max samples).
 */
final class CtganGenerator implements FeatureGenerator {
    static final float BATCH_NORM_EPSILON = 1e-5f;

    private final ModeSpecificTransform transform;
    private final ConditionLayout layout;
    private final double[][] conditionShares;
    private final int embedding;
    private final List<FrozenDense> residual = new ArrayList<>();
    private final List<float[][]> norms = new ArrayList<>();
    private final FrozenDense output;
    private final WeightsBlock weights;
    private final int width;
    private final int layers;

    /**
     * @param conditionShares per categorical column, the class shares the unconditioned sampler draws conditional
     *                        vectors from (the training shares, as CTGAN's {@code sample_original_condvec})
     */
    CtganGenerator(ModeSpecificTransform transform, int embedding, int width, int layers, double[][] conditionShares,
                   WeightsBlock weights) {
        this.transform = transform;
        this.layout = ConditionLayout.of(transform);
        this.embedding = embedding;
        this.width = width;
        this.layers = layers;
        this.conditionShares = conditionShares;
        this.weights = weights;
        int in = embedding + layout.width();
        for (int l = 0; l < layers; l++) {
            FrozenDense fc = FrozenDense.of(weights, "g.res" + l + ".fc");
            if (fc.in() != in || fc.out() != width) {
                throw new IllegalArgumentException("layer g.res" + l + " is " + fc.in() + " → " + fc.out()
                        + ", the network needs " + in + " → " + width);
            }
            residual.add(fc);
            float[][] bn = new float[4][];
            String[] names = {"gamma", "beta", "mean", "var"};
            for (int i = 0; i < 4; i++) {
                bn[i] = weights.tensor("g.res" + l + ".bn." + names[i]).values();
                if (bn[i].length != width) {
                    throw new IllegalArgumentException("g.res" + l + ".bn." + names[i] + " needs " + width + " values");
                }
            }
            norms.add(bn);
            in += width;
        }
        this.output = FrozenDense.of(weights, "g.out");
        if (output.in() != in || output.out() != transform.width()) {
            throw new IllegalArgumentException("layer g.out is " + output.in() + " → " + output.out()
                    + ", the network needs " + in + " → " + transform.width());
        }
    }

    @Override
    public float[] generate(SplittableRandom random, int rows, ClassHint hint) {
        float[] noise = SeededDraws.normal(random, rows * embedding);
        float[] condition = new float[rows * layout.width()];
        if (layout.columns() > 0) {
            int hinted = hint == null ? -1 : layout.indexOf(hint.encoding());
            for (int r = 0; r < rows; r++) {
                int column;
                int cls;
                if (hinted >= 0) {
                    column = hinted;
                    cls = hint.classes()[draw(hint.shares(), random)];
                } else {
                    column = random.nextInt(layout.columns());
                    cls = draw(conditionShares[column], random);
                }
                condition[r * layout.width() + layout.offsets()[column] + cls] = 1;
            }
        }
        float[] h = concat(noise, embedding, condition, layout.width(), rows);
        int in = embedding + layout.width();
        for (int l = 0; l < layers; l++) {
            float[] y = residual.get(l).forward(h, rows);
            float[][] bn = norms.get(l);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < width; j++) {
                    int i = r * width + j;
                    float v = (y[i] - bn[2][j]) / (float) Math.sqrt(bn[3][j] + BATCH_NORM_EPSILON) * bn[0][j] + bn[1][j];
                    y[i] = Math.max(v, 0f);
                }
            }
            h = concat(y, width, h, in, rows);
            in += width;
        }
        float[] out = output.forward(h, rows);
        int w = transform.width();
        for (Span span : transform.spans()) {
            for (int r = 0; r < rows; r++) {
                int o = r * w + span.start();
                if (span.kind() == Span.Kind.VALUE) {
                    out[o] = (float) Math.tanh(out[o]);
                } else {
                    for (int j = 0; j < span.width(); j++) {
                        double u = 1 - random.nextDouble();
                        out[o + j] += (float) -Math.log(-Math.log(u == 1 ? Math.nextDown(1.0) : u));
                    }
                }
            }
        }
        return out;
    }

    static float[] concat(float[] a, int aw, float[] b, int bw, int rows) {
        float[] out = new float[rows * (aw + bw)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, r * aw, out, r * (aw + bw), aw);
            System.arraycopy(b, r * bw, out, r * (aw + bw) + aw, bw);
        }
        return out;
    }

    static int draw(double[] p, SplittableRandom random) {
        double total = 0;
        for (double v : p) {
            total += v;
        }
        double u = random.nextDouble() * total;
        double cumulative = 0;
        for (int k = 0; k < p.length; k++) {
            cumulative += p[k];
            if (u < cumulative) {
                return k;
            }
        }
        return p.length - 1;
    }

    @Override
    public JsonNode networkJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("embedding", embedding);
        n.put("generatorWidth", width);
        n.put("generatorLayers", layers);
        return n;
    }

    @Override
    public WeightsBlock weights() {
        return weights;
    }

    /** Reads a stored generator; class shares come from the model's columns. */
    static CtganGenerator read(ParameterReader r, JsonNode network, ModeSpecificTransform transform,
                               WeightsBlock weights, double[][] classShares) {
        int embedding = r.count(network.get("embedding"), "network.embedding", 1);
        int width = r.count(network.get("generatorWidth"), "network.generatorWidth", 1);
        int layers = r.count(network.get("generatorLayers"), "network.generatorLayers", 0);
        return new CtganGenerator(transform, embedding, width, layers, conditionShares(transform, classShares),
                weights);
    }

    /** The class shares of the categorical columns, in conditional-vector order. */
    static double[][] conditionShares(ModeSpecificTransform transform, double[][] classShares) {
        ConditionLayout layout = ConditionLayout.of(transform);
        double[][] out = new double[layout.columns()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = classShares[layout.encodings()[i]];
        }
        return out;
    }
}
