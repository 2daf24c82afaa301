package dev.doppel.neural.tvae;

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
 * TVAE's trained decoder evaluated in Java: standard normal codes through ReLU layers to the features; values are
 * tanh of the output plus normal noise of the learned per-feature deviation (clipped to [-1, 1]), one-hot spans are
 * decided by arg-max, as the reference implementation samples. Conditions are met by checking rows (the hint is
 * ignored).
 */
final class TvaeGenerator implements FeatureGenerator {
    private final ModeSpecificTransform transform;
    private final int embedding;
    private final List<FrozenDense> layers = new ArrayList<>();
    private final FrozenDense output;
    private final float[] sigma;
    private final WeightsBlock weights;
    private final int width;

    TvaeGenerator(ModeSpecificTransform transform, int embedding, int width, int layerCount, WeightsBlock weights) {
        this.transform = transform;
        this.embedding = embedding;
        this.width = width;
        this.weights = weights;
        int in = embedding;
        for (int l = 0; l < layerCount; l++) {
            FrozenDense layer = FrozenDense.of(weights, "dec.l" + l);
            if (layer.in() != in || layer.out() != width) {
                throw new IllegalArgumentException("layer dec.l" + l + " is " + layer.in() + " → " + layer.out()
                        + ", the network needs " + in + " → " + width);
            }
            layers.add(layer);
            in = width;
        }
        output = FrozenDense.of(weights, "dec.out");
        if (output.in() != in || output.out() != transform.width()) {
            throw new IllegalArgumentException("layer dec.out is " + output.in() + " → " + output.out()
                    + ", the network needs " + in + " → " + transform.width());
        }
        sigma = weights.tensor("dec.sigma").values();
        if (sigma.length != transform.width()) {
            throw new IllegalArgumentException("dec.sigma needs " + transform.width() + " values");
        }
    }

    @Override
    public float[] generate(SplittableRandom random, int rows, ClassHint hint) {
        float[] h = SeededDraws.normal(random, rows * embedding);
        for (FrozenDense layer : layers) {
            h = layer.forward(h, rows);
            for (int i = 0; i < h.length; i++) {
                h[i] = Math.max(h[i], 0f);
            }
        }
        float[] out = output.forward(h, rows);
        int w = transform.width();
        float[] noise = SeededDraws.normal(random, rows * w);
        for (Span span : transform.spans()) {
            if (span.kind() != Span.Kind.VALUE) {
                continue;
            }
            int f = span.start();
            for (int r = 0; r < rows; r++) {
                int o = r * w + f;
                float v = (float) Math.tanh(out[o]) + sigma[f] * noise[o];
                out[o] = Math.max(-1f, Math.min(1f, v));
            }
        }
        return out;
    }

    @Override
    public JsonNode networkJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("embedding", embedding);
        n.put("decoderWidth", width);
        n.put("decoderLayers", layers.size());
        return n;
    }

    @Override
    public WeightsBlock weights() {
        return weights;
    }

    static TvaeGenerator read(ParameterReader r, JsonNode network, ModeSpecificTransform transform,
                              WeightsBlock weights, double[][] classShares) {
        return new TvaeGenerator(transform, r.count(network.get("embedding"), "network.embedding", 1),
                r.count(network.get("decoderWidth"), "network.decoderWidth", 1),
                r.count(network.get("decoderLayers"), "network.decoderLayers", 0), weights);
    }
}
