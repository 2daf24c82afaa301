package dev.doppel.neural.tvae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.doppel.neural.Adam;
import dev.doppel.neural.Dense;
import dev.doppel.neural.NamedTensor;
import dev.doppel.neural.ParameterSet;
import dev.doppel.neural.SeededDraws;
import dev.doppel.neural.TrainingLoop;
import dev.doppel.neural.WeightsBlock;
import dev.doppel.neural.transform.ModeSpecificTransform;
import dev.doppel.neural.transform.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * TVAE's training (Xu et al. 2019) as a {@link TrainingLoop.Run}: an encoder to a Gaussian code, a decoder back, and
 * the negative ELBO with per-column reconstruction terms (Gaussian with a learned deviation for values, cross-entropy
 * for one-hot spans, weighted by {@code lossFactor}) plus the KL divergence of the code. Validation: the same loss on
 * held-out rows with the code's mean (no sampling), so it is deterministic.
 */
final class TvaeTraining implements TrainingLoop.Run, AutoCloseable {
    private final TvaeSynthesizer settings;
    private final ModeSpecificTransform transform;
    private final float[] data;
    private final int[] train;
    private final int[] validation;
    private final int width;
    private final ParameterSet parameters;
    private final List<Dense> encoder = new ArrayList<>();
    private final Dense mu;
    private final Dense logVariance;
    private final List<Dense> decoder = new ArrayList<>();
    private final Dense decoderOut;
    private final Adam optimizer;
    private final float[] valueMask;

    TvaeTraining(TvaeSynthesizer settings, ModeSpecificTransform transform, float[] data, int[] train,
                 int[] validation, Device device, SplittableRandom init) {
        this.settings = settings;
        this.transform = transform;
        this.data = data;
        this.train = train;
        this.validation = validation;
        this.width = transform.width();
        parameters = new ParameterSet(device);
        int in = width;
        for (int l = 0; l < settings.compressLayers(); l++) {
            encoder.add(parameters.dense("enc.l" + l, in, settings.compressWidth(), init));
            in = settings.compressWidth();
        }
        mu = parameters.dense("enc.mu", in, settings.embedding(), init);
        logVariance = parameters.dense("enc.logvar", in, settings.embedding(), init);
        in = settings.embedding();
        for (int l = 0; l < settings.decompressLayers(); l++) {
            decoder.add(parameters.dense("dec.l" + l, in, settings.decompressWidth(), init));
            in = settings.decompressWidth();
        }
        decoderOut = parameters.dense("dec.out", in, width, init);
        float[] sigma = new float[width];
        Arrays.fill(sigma, 0.1f);
        parameters.add(new NamedTensor("dec.sigma", new int[] {width}, sigma));
        valueMask = new float[width];
        for (Span span : transform.spans()) {
            if (span.kind() == Span.Kind.VALUE) {
                valueMask[span.start()] = 1;
            }
        }
        optimizer = new Adam(parameters, (float) settings.learningRate(), 0.9f, 0.999f,
                (float) settings.weightDecay());
    }

    private NDArray rows(NDManager m, int[] order, int from, int count) {
        float[] x = new float[count * width];
        for (int i = 0; i < count; i++) {
            System.arraycopy(data, order[from + i] * width, x, i * width, width);
        }
        return m.create(x, new Shape(count, width));
    }

    /** The negative ELBO per row of {@code x}; {@code noise} null uses the code's mean. */
    private NDArray loss(NDManager m, NDArray x, float[] noise) {
        int batch = (int) x.getShape().get(0);
        NDArray h = x;
        for (Dense layer : encoder) {
            h = Activation.relu(layer.forward(h));
        }
        NDArray mean = mu.forward(h);
        NDArray logVar = logVariance.forward(h);
        NDArray z = noise == null ? mean
                : mean.add(m.create(noise, new Shape(batch, settings.embedding())).mul(logVar.mul(0.5f).exp()));
        NDArray d = z;
        for (Dense layer : decoder) {
            d = Activation.relu(layer.forward(d));
        }
        NDArray reconstruction = decoderOut.forward(d);
        NDArray sigma = parameters.get("dec.sigma");
        NDArray mask = m.create(valueMask);
        NDArray valueLoss = x.sub(reconstruction.tanh()).square().div(sigma.square().mul(2f)).mul(mask).sum()
                .add(sigma.log().mul(mask).sum().mul((float) batch));
        NDArray total = valueLoss;
        for (Span span : transform.spans()) {
            if (span.kind() == Span.Kind.ONE_HOT) {
                NDIndex columns = new NDIndex(":, {}:{}", span.start(), span.end());
                total = total.sub(reconstruction.get(columns).logSoftmax(1).mul(x.get(columns)).sum());
            }
        }
        NDArray kl = logVar.add(1f).sub(mean.square()).sub(logVar.exp()).sum().mul(-0.5f);
        return total.mul((float) settings.lossFactor()).add(kl).div((float) batch);
    }

    @Override
    public double trainEpoch(int epoch, SplittableRandom random) {
        int[] order = SeededDraws.permutation(random, train.length);
        int[] rowsInOrder = new int[train.length];
        for (int i = 0; i < order.length; i++) {
            rowsInOrder[i] = train[order[i]];
        }
        int batch = settings.batchSize();
        // As the reference (drop_last=False): a short last batch is still a step.
        int steps = (train.length + batch - 1) / batch;
        double total = 0;
        for (int s = 0; s < steps; s++) {
            int from = s * batch;
            int count = Math.min(batch, train.length - from);
            try (NDManager m = parameters.manager().newSubManager();
                 GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray loss = loss(m, rows(m, rowsInOrder, from, count),
                        SeededDraws.normal(random, count * settings.embedding()));
                gc.backward(loss);
                total += loss.getFloat() * count;
            }
            optimizer.step();
            // The reference clamps the deviations to [0.01, 1] after every step.
            float[] v = parameters.get("dec.sigma").toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(0.01f, Math.min(1f, v[i]));
            }
            parameters.replace(new NamedTensor("dec.sigma", new int[] {width}, v));
        }
        return total / train.length;
    }

    @Override
    public double validationLoss() {
        if (validation.length == 0) {
            return Double.NaN;
        }
        double total = 0;
        for (int from = 0; from < validation.length; from += settings.batchSize()) {
            int count = Math.min(settings.batchSize(), validation.length - from);
            try (NDManager m = parameters.manager().newSubManager()) {
                total += loss(m, rows(m, validation, from, count), null).getFloat() * count;
            }
        }
        return total / validation.length;
    }

    @Override
    public List<NamedTensor> weights() {
        return parameters.snapshot();
    }

    @Override
    public void loadWeights(List<NamedTensor> weights) {
        parameters.load(weights);
    }

    @Override
    public List<NamedTensor> optimizerState() {
        return optimizer.state("adam");
    }

    @Override
    public void restoreOptimizerState(WeightsBlock checkpoint) {
        optimizer.restore("adam", checkpoint);
    }

    /** The decoder's weights and deviations, as the model stores them. */
    WeightsBlock decoderWeights() {
        return WeightsBlock.of(parameters.snapshot().stream().filter(t -> t.name().startsWith("dec.")).toList());
    }

    @Override
    public void close() {
        optimizer.close();
        parameters.close();
    }
}
