package dev.doppel.neural.tvae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.doppel.neural.Adam;
import dev.doppel.neural.Dense;
import dev.doppel.neural.NamedTensor;
import dev.doppel.neural.OwnedArrays;
import dev.doppel.neural.ParameterSet;
import dev.doppel.neural.SeededDraws;
import dev.doppel.neural.SpanSoftmax;
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
    /** 1 on value features, 0 on one-hot ones; with the span index arrays, lives as long as the training. */
    private final NDArray valueMask;
    private final NDManager constants;
    private final SpanSoftmax spans;

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
        float[] mask = new float[width];
        for (Span span : transform.spans()) {
            if (span.kind() == Span.Kind.VALUE) {
                mask[span.start()] = 1;
            }
        }
        constants = parameters.manager().newSubManager();
        valueMask = OwnedArrays.copyOf(constants, mask);
        spans = new SpanSoftmax(transform.spans(), width, constants);
        optimizer = new Adam(parameters, (float) settings.learningRate(), 0.9f, 0.999f,
                (float) settings.weightDecay());
    }

    private NDArray rows(NDManager m, int[] order, int from, int count) {
        float[] x = new float[count * width];
        for (int i = 0; i < count; i++) {
            System.arraycopy(data, order[from + i] * width, x, i * width, width);
        }
        return OwnedArrays.copyOf(m, x, new Shape(count, width));
    }

    /** The negative ELBO per row of {@code x}; {@code noise} null uses the code's mean. */
    private NDArray loss(NDManager m, NDArray x, NDArray noise) {
        int batch = (int) x.getShape().get(0);
        NDArray h = x;
        for (Dense layer : encoder) {
            h = Activation.relu(layer.forward(h));
        }
        NDArray mean = mu.forward(h);
        NDArray logVar = logVariance.forward(h);
        NDArray z = noise == null ? mean
                : mean.add(noise.mul(logVar.mul(OwnedArrays.scalar(m, 0.5f)).exp()));
        NDArray d = z;
        for (Dense layer : decoder) {
            d = Activation.relu(layer.forward(d));
        }
        NDArray reconstruction = decoderOut.forward(d);
        // Results of operations on the parameter belong to the parameters' manager: moved to the step's.
        NDArray variance = parameters.get("dec.sigma").square();
        variance.attach(m);
        NDArray logSigma = parameters.get("dec.sigma").log();
        logSigma.attach(m);
        NDArray valueLoss = x.sub(reconstruction.tanh()).square().div(variance.mul(OwnedArrays.scalar(m, 2f))).mul(valueMask).sum()
                .add(logSigma.mul(valueMask).sum().mul(OwnedArrays.scalar(m, batch)));
        NDArray total = valueLoss.sub(spans.logLikelihood(reconstruction, x));
        NDArray kl = logVar.add(1f).sub(mean.square()).sub(logVar.exp()).sum().mul(OwnedArrays.scalar(m, -0.5f));
        return total.mul(OwnedArrays.scalar(m, (float) settings.lossFactor())).add(kl)
                .div(OwnedArrays.scalar(m, batch));
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
                        SeededDraws.normal(m, random, count, settings.embedding()));
                gc.backward(loss);
                total += loss.getFloat() * count;
            }
            optimizer.step();
            clampDeviations();
        }
        return total / train.length;
    }

    /**
     * The reference clamps the deviations to [0.01, 1] after every step; done in place on the device, outside any
     * gradient recording (PyTorch refuses in-place writes to a leaf that needs gradients while recording).
     */
    private void clampDeviations() {
        NDArray sigma = parameters.get("dec.sigma");
        try (NDManager scope = constants.newSubManager()) {
            NDArray clipped = sigma.clip(0.01f, 1f);
            clipped.attach(scope);
            NDArray excess = sigma.sub(clipped);
            excess.attach(scope);
            sigma.subi(excess);
        }
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
        spans.close();
        constants.close();
        optimizer.close();
        parameters.close();
    }
}
