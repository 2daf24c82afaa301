package dev.doppel.neural.ctgan;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
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
import java.util.List;
import java.util.SplittableRandom;

/**
 * CTGAN's training (Xu et al. 2019) as a {@link TrainingLoop.Run}: a conditional generator and a PacGAN critic with
 * a WGAN-GP gradient penalty, conditional vectors drawn by training-by-sampling (a categorical column uniformly, then
 * one of its classes in proportion to the log of its frequency, then a real row holding it).
 *
 * <p>The gradient penalty needs the gradient of the critic with respect to its input inside the loss. DJL's gradient
 * collector cannot build that graph (no {@code create_graph}), and PyTorch's {@code backward(create_graph=True)}, which
 * DJL's JNI reaches, leaks through the parameter-gradient cycle when gradients cannot be reset to None. The critic is
 * piecewise linear (dense layers, leaky ReLU, dropout), so its input gradient is written out exactly: the output
 * weights carried back through each layer's dropout mask and leaky-ReLU slope and transposed weights. Autograd then
 * differentiates that expression as an ordinary one, which gives the same second-order terms.
 *
 * <p>All randomness (initial weights, noise, conditional vectors, real rows, dropout masks, interpolation weights,
 * Gumbel noise) comes from Java streams of the seed.
 */
final class CtganTraining implements TrainingLoop.Run, AutoCloseable {
    private static final float GUMBEL_TAU = 0.2f;
    private static final float LEAKY_SLOPE = 0.2f;
    private static final float DROPOUT = 0.5f;
    private static final double BATCH_NORM_MOMENTUM = 0.1;

    private final CtganSynthesizer settings;
    private final ModeSpecificTransform transform;
    private final ModeSpecificTransform.Encoded data;
    private final ConditionLayout layout;
    private final int[][][] rowsOfClass;
    private final double[][] logShares;
    private final ParameterSet generator;
    private final ParameterSet critic;
    private final List<Dense> generatorLayers = new ArrayList<>();
    /** Per residual layer, the batch norm's running mean and variance, updated on the device by PyTorch. */
    private final List<NDArray[]> runningStats = new ArrayList<>();
    private final NDManager constants;
    private final SpanSoftmax spans;
    private final Dense generatorOut;
    private final List<Dense> criticLayers = new ArrayList<>();
    private final Dense criticOut;
    private final Adam generatorOptimizer;
    private final Adam criticOptimizer;
    private final int width;
    private final int conditionWidth;
    /** Rows the critic sees, and rows held out for the validation loss (empty: none). */
    private final int[] train;
    private final int[] validation;
    /** The validation sample's noise and conditions: the same every epoch, so epochs compare on equal draws. */
    private final long validationSeed;
    final List<Double> generatorLosses = new ArrayList<>();
    final List<Double> conditionLosses = new ArrayList<>();

    CtganTraining(CtganSynthesizer settings, ModeSpecificTransform transform, ModeSpecificTransform.Encoded data,
                  int[] train, int[] validation, Device device, SplittableRandom init) {
        this.settings = settings;
        this.transform = transform;
        this.data = data;
        this.train = train;
        this.validation = validation;
        this.validationSeed = init.nextLong();
        this.layout = ConditionLayout.of(transform);
        this.width = transform.width();
        this.conditionWidth = layout.width();
        this.rowsOfClass = new int[layout.columns()][][];
        this.logShares = new double[layout.columns()][];
        for (int i = 0; i < layout.columns(); i++) {
            int[] classes = data.classes()[layout.encodings()[i]];
            int[] counts = new int[layout.sizes()[i]];
            for (int r : train) {
                counts[classes[r]]++;
            }
            rowsOfClass[i] = new int[counts.length][];
            logShares[i] = new double[counts.length];
            int[] at = new int[counts.length];
            for (int k = 0; k < counts.length; k++) {
                rowsOfClass[i][k] = new int[counts[k]];
                logShares[i][k] = Math.log(counts[k] + 1.0);
            }
            for (int r : train) {
                rowsOfClass[i][classes[r]][at[classes[r]]++] = r;
            }
        }
        generator = new ParameterSet(device);
        int in = settings.embedding() + conditionWidth;
        for (int l = 0; l < settings.generatorLayers(); l++) {
            generatorLayers.add(generator.dense("g.res" + l + ".fc", in, settings.generatorWidth(), init));
            float[] ones = new float[settings.generatorWidth()];
            java.util.Arrays.fill(ones, 1f);
            generator.add(new NamedTensor("g.res" + l + ".bn.gamma", new int[] {ones.length}, ones));
            generator.add(new NamedTensor("g.res" + l + ".bn.beta", new int[] {ones.length},
                    new float[ones.length]));
            in += settings.generatorWidth();
        }
        generatorOut = generator.dense("g.out", in, width, init);
        constants = generator.manager().newSubManager();
        for (int l = 0; l < settings.generatorLayers(); l++) {
            runningStats.add(new NDArray[] {constants.zeros(new Shape(settings.generatorWidth())),
                    constants.ones(new Shape(settings.generatorWidth()))});
        }
        spans = new SpanSoftmax(transform.spans(), width, constants);
        critic = new ParameterSet(device);
        int criticIn = settings.pac() * (width + conditionWidth);
        for (int l = 0; l < settings.discriminatorLayers(); l++) {
            criticLayers.add(critic.dense("d.l" + l, criticIn, settings.discriminatorWidth(), init));
            criticIn = settings.discriminatorWidth();
        }
        criticOut = critic.dense("d.out", criticIn, 1, init);
        // CTGAN: Adam(lr 2e-4, betas (0.5, 0.9), weight decay 1e-6) for both networks.
        generatorOptimizer = new Adam(generator, (float) settings.learningRate(), 0.5f, 0.9f, 1e-6f);
        criticOptimizer = new Adam(critic, (float) settings.learningRate(), 0.5f, 0.9f, 1e-6f);
    }

    /** Conditional vectors, and for each row the categorical column chosen and its class. */
    private record Conditions(float[] vector, int[] column, int[] cls) { }

    private Conditions sampleConditions(SplittableRandom random, int batch) {
        float[] vector = new float[batch * conditionWidth];
        int[] column = new int[batch];
        int[] cls = new int[batch];
        for (int r = 0; r < batch; r++) {
            if (layout.columns() == 0) {
                continue;
            }
            column[r] = random.nextInt(layout.columns());
            cls[r] = CtganGenerator.draw(logShares[column[r]], random);
            vector[r * conditionWidth + layout.offsets()[column[r]] + cls[r]] = 1;
        }
        return new Conditions(vector, column, cls);
    }

    /**
     * For each position i of the batch, a real row holding the class chosen for row {@code order[i]}, followed by
     * that row's conditional vector (so the critic's real input is made in one piece).
     */
    private float[] realRows(SplittableRandom random, Conditions c, int[] order) {
        int batch = order.length;
        int stride = width + conditionWidth;
        float[] rows = new float[batch * stride];
        for (int i = 0; i < batch; i++) {
            int r;
            if (layout.columns() == 0) {
                r = train[random.nextInt(train.length)];
            } else {
                int[] candidates = rowsOfClass[c.column()[order[i]]][c.cls()[order[i]]];
                r = candidates[random.nextInt(candidates.length)];
            }
            System.arraycopy(data.data(), r * width, rows, i * stride, width);
            System.arraycopy(c.vector(), order[i] * conditionWidth, rows, i * stride + width, conditionWidth);
        }
        return rows;
    }

    @Override
    public double trainEpoch(int epoch, SplittableRandom random) {
        int batch = settings.batchSize();
        int steps = Math.max(train.length / batch, 1);
        double criticTotal = 0;
        double generatorTotal = 0;
        double conditionTotal = 0;
        NDManager root = generator.manager();
        for (int step = 0; step < steps; step++) {
            for (int d = 0; d < settings.discriminatorSteps(); d++) {
                try (NDManager m = root.newSubManager()) {
                    Conditions c1 = sampleConditions(random, batch);
                    int[] order = SeededDraws.permutation(random, batch);
                    NDArray cond1 = OwnedArrays.copyOf(m, c1.vector(), new Shape(batch, conditionWidth));
                    // The critic's loss does not reach the generator: its forward pass records no graph.
                    NDArray fakeCat;
                    boolean recording = JniUtils.isGradMode();
                    JniUtils.setGradMode(false);
                    try {
                        fakeCat = join(activate(generate(m, random, cond1, batch), random, m), cond1);
                    } finally {
                        JniUtils.setGradMode(recording);
                    }
                    NDArray realCat = OwnedArrays.copyOf(m, realRows(random, c1, order), new Shape(batch, width + conditionWidth));
                    try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                        // Fake and real packs through the critic in one pass: fewer, larger products.
                        NDArray y = critic(m, NDArrays.concat(new NDList(fakeCat, realCat), 0), random, null);
                        int packs = batch / settings.pac();
                        NDArray yFake = y.get("0:" + packs);
                        NDArray yReal = y.get(packs + ":");
                        NDArray penalty = gradientPenalty(m, realCat, fakeCat, random);
                        NDArray total = yReal.mean().sub(yFake.mean()).neg().add(penalty);
                        gc.backward(total);
                        criticTotal += total.getFloat();
                    }
                }
                criticOptimizer.step();
            }
            // The generator's loss goes through the critic, whose weight gradients it does not need.
            critic.setTrainable(false);
            try (NDManager m = root.newSubManager(); GradientCollector gc = m.getEngine().newGradientCollector()) {
                Conditions c1 = sampleConditions(random, batch);
                NDArray cond1 = OwnedArrays.copyOf(m, c1.vector(), new Shape(batch, conditionWidth));
                NDArray logits = generate(m, random, cond1, batch);
                NDArray fake = activate(logits, random, m);
                NDArray yFake = critic(m, join(fake, cond1), random, null);
                NDArray conditionLoss = conditionLoss(m, logits, c1, batch);
                NDArray loss = yFake.mean().neg().add(conditionLoss);
                gc.backward(loss);
                generatorTotal += loss.getFloat();
                conditionTotal += conditionLoss.getFloat();
            }
            critic.setTrainable(true);
            generatorOptimizer.step();
        }
        generatorLosses.add(generatorTotal / steps);
        conditionLosses.add(conditionTotal / steps);
        return criticTotal / (steps * settings.discriminatorSteps());
    }

    private NDArray join(NDArray rows, NDArray condition) {
        return conditionWidth == 0 ? rows : NDArrays.concat(new NDList(rows, condition), 1);
    }

    /**
     * The generator in training mode: batch statistics, running statistics updated as PyTorch's batch norm does
     * (momentum 0.1, unbiased variance), in place on the device.
     */
    private NDArray generate(NDManager m, SplittableRandom random, NDArray condition, int batch) {
        return generate(m, random, condition, batch, true);
    }

    /** The generator; {@code training} false normalises with the running statistics and leaves them as they are. */
    private NDArray generate(NDManager m, SplittableRandom random, NDArray condition, int batch, boolean training) {
        NDArray h = join(SeededDraws.normal(m, random, batch, settings.embedding()), condition);
        for (int l = 0; l < generatorLayers.size(); l++) {
            NDArray z = generatorLayers.get(l).forward(h);
            NDArray[] running = runningStats.get(l);
            NDArray normalized = JniUtils.batchNorm((PtNDArray) z, (PtNDArray) running[0], (PtNDArray) running[1],
                    (PtNDArray) generator.get("g.res" + l + ".bn.gamma"),
                    (PtNDArray) generator.get("g.res" + l + ".bn.beta"), training, BATCH_NORM_MOMENTUM,
                    CtganGenerator.BATCH_NORM_EPSILON);
            h = NDArrays.concat(new NDList(Activation.relu(normalized), h), 1);
        }
        return generatorOut.forward(h);
    }

    /**
     * tanh for values, Gumbel-softmax (τ = 0.2) for one-hot spans. Gumbel noise is drawn for every feature (those
     * outside one-hot spans are not read), so it is one array computed on the device.
     */
    private NDArray activate(NDArray logits, SplittableRandom random, NDManager m) {
        if (spans.isEmpty()) {
            return logits.tanh();
        }
        int batch = (int) logits.getShape().get(0);
        NDArray perturbed = logits.add(SeededDraws.gumbel(m, random, batch, width)).div(OwnedArrays.scalar(m, GUMBEL_TAU));
        return spans.activate(logits.tanh(), perturbed);
    }

    /**
     * Cross-entropy of the chosen class in the chosen column's span, summed over rows / batch (CTGAN's cond loss):
     * the target is the conditional vector laid out on the output features.
     */
    private NDArray conditionLoss(NDManager m, NDArray logits, Conditions c, int batch) {
        if (layout.columns() == 0) {
            return m.create(0f);
        }
        float[] target = new float[batch * width];
        for (int r = 0; r < batch; r++) {
            target[r * width + layout.featureStart()[c.column()[r]] + c.cls()[r]] = 1;
        }
        return spans.logLikelihood(logits, OwnedArrays.copyOf(m, target, new Shape(batch, width))).neg()
                .div(OwnedArrays.scalar(m, batch));
    }

    /** The critic on packs of {@code pac} rows; records pre-activations and masks when {@code trace} is given. */
    private NDArray critic(NDManager m, NDArray rows, SplittableRandom random, List<NDArray[]> trace) {
        int packs = (int) rows.getShape().get(0) / settings.pac();
        NDArray h = rows.reshape(packs, -1);
        for (Dense layer : criticLayers) {
            NDArray z = layer.forward(h);
            NDArray mask = OwnedArrays.copyOf(m, SeededDraws.dropoutMask(random, (int) z.size(), DROPOUT), z.getShape());
            if (trace != null) {
                trace.add(new NDArray[] {z, mask});
            }
            h = Activation.leakyRelu(z, LEAKY_SLOPE).mul(mask);
        }
        return criticOut.forward(h);
    }

    /**
     * λ · mean over packs of (‖∇D(x̂)‖ − 1)², x̂ = α·real + (1 − α)·fake with one α per pack (Gulrajani et al. 2017,
     * as CTGAN applies it to packs). The input gradient is written out (see the class comment).
     */
    private NDArray gradientPenalty(NDManager m, NDArray real, NDArray fake, SplittableRandom random) {
        int batch = (int) real.getShape().get(0);
        int packs = batch / settings.pac();
        float[] alpha = new float[batch];
        for (int p = 0; p < packs; p++) {
            float a = (float) random.nextDouble();
            for (int i = 0; i < settings.pac(); i++) {
                alpha[p * settings.pac() + i] = a;
            }
        }
        NDArray a = OwnedArrays.copyOf(m, alpha, new Shape(batch, 1));
        NDArray mixed = real.mul(a).add(fake.mul(a.neg().add(1f)));
        List<NDArray[]> trace = new ArrayList<>();
        // Only the signs of the pre-activations and the masks enter the gradient below: no graph for this pass.
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            critic(m, mixed, random, trace);
        } finally {
            JniUtils.setGradMode(recording);
        }
        NDArray g = criticOut.weight().transpose();
        // A transpose of a parameter belongs to the parameters' manager: moved to the step's, or it outlives it.
        g.attach(m);
        for (int l = criticLayers.size() - 1; l >= 0; l--) {
            NDArray z = trace.get(l)[0];
            NDArray slope = z.gt(0).toType(DataType.FLOAT32, false).mul(1 - LEAKY_SLOPE).add(LEAKY_SLOPE);
            NDArray weightT = criticLayers.get(l).weight().transpose();
            weightT.attach(m);
            g = g.mul(slope).mul(trace.get(l)[1]).matMul(weightT);
        }
        NDArray norm = g.square().sum(new int[] {1}).add(1e-12f).sqrt();
        return norm.sub(1f).square().mean().mul(OwnedArrays.scalar(m, (float) settings.gradientPenalty()));
    }

    /**
     * How far the generator's rows are from the held-out rows, feature span by feature span, in [0, 1] (lower is
     * better): for each one-hot span (a category, a numeric column's mode) the total variation distance between the
     * class shares of generated rows (argmax of the span) and of held-out rows; for each value feature the
     * Kolmogorov-Smirnov distance between generated and held-out values; the mean over spans. The generated rows are
     * as many as the held-out ones, conditioned as the sampler does (each row's condition a held-out row's class of a
     * random categorical column, so the real shares), with the running batch-norm statistics and a fixed seed.
     * A GAN's own losses do not fall as its rows improve; this does, and it is what early stopping watches.
     * NaN when no rows are held out.
     */
    @Override
    public double validationLoss() {
        if (validation.length == 0) {
            return Double.NaN;
        }
        SplittableRandom random = new SplittableRandom(validationSeed);
        int n = validation.length;
        float[] generated = new float[n * width];
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = generator.manager().newSubManager()) {
            for (int from = 0; from < n; from += settings.batchSize()) {
                int count = Math.min(settings.batchSize(), n - from);
                float[] vector = new float[count * conditionWidth];
                for (int r = 0; r < count && layout.columns() > 0; r++) {
                    int column = random.nextInt(layout.columns());
                    int cls = data.classes()[layout.encodings()[column]][validation[random.nextInt(n)]];
                    vector[r * conditionWidth + layout.offsets()[column] + cls] = 1;
                }
                NDArray condition = OwnedArrays.copyOf(m, vector, new Shape(count, conditionWidth));
                float[] out = generate(m, random, condition, count, false).tanh().toFloatArray();
                System.arraycopy(out, 0, generated, from * width, out.length);
            }
        } finally {
            JniUtils.setGradMode(recording);
        }
        double total = 0;
        int terms = 0;
        for (Span span : transform.spans()) {
            if (span.kind() == Span.Kind.ONE_HOT) {
                double[] shares = new double[span.width()];
                for (int i = 0; i < n; i++) {
                    shares[argmax(generated, i * width + span.start(), span.width())] += 1.0 / n;
                    shares[argmax(data.data(), validation[i] * width + span.start(), span.width())] -= 1.0 / n;
                }
                double tv = 0;
                for (double d : shares) {
                    tv += Math.abs(d) / 2;
                }
                total += tv;
            } else {
                for (int j = span.start(); j < span.end(); j++) {
                    double[] a = new double[n];
                    double[] b = new double[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = generated[i * width + j];
                        b[i] = data.data()[validation[i] * width + j];
                    }
                    total += KS.kolmogorovSmirnovStatistic(a, b);
                    terms++;
                }
                continue;
            }
            terms++;
        }
        return total / terms;
    }

    private static final org.hipparchus.stat.inference.KolmogorovSmirnovTest KS =
            new org.hipparchus.stat.inference.KolmogorovSmirnovTest();

    private static int argmax(float[] v, int from, int length) {
        int best = 0;
        for (int k = 1; k < length; k++) {
            if (v[from + k] > v[from + best]) {
                best = k;
            }
        }
        return best;
    }

    @Override
    public List<NamedTensor> weights() {
        List<NamedTensor> out = new ArrayList<>(generator.snapshot());
        for (int l = 0; l < runningStats.size(); l++) {
            NDArray[] s = runningStats.get(l);
            int n = settings.generatorWidth();
            out.add(new NamedTensor("g.res" + l + ".bn.mean", new int[] {n}, s[0].toFloatArray()));
            out.add(new NamedTensor("g.res" + l + ".bn.var", new int[] {n}, s[1].toFloatArray()));
        }
        out.addAll(critic.snapshot());
        return out;
    }

    @Override
    public void loadWeights(List<NamedTensor> weights) {
        WeightsBlock block = WeightsBlock.of(weights);
        generator.load(weights);
        critic.load(weights);
        for (int l = 0; l < runningStats.size(); l++) {
            runningStats.get(l)[0].set(block.tensor("g.res" + l + ".bn.mean").values());
            runningStats.get(l)[1].set(block.tensor("g.res" + l + ".bn.var").values());
        }
    }

    @Override
    public List<NamedTensor> optimizerState() {
        List<NamedTensor> out = new ArrayList<>(generatorOptimizer.state("adam.g"));
        out.addAll(criticOptimizer.state("adam.d"));
        float[] losses = new float[generatorLosses.size() * 2];
        for (int i = 0; i < generatorLosses.size(); i++) {
            losses[2 * i] = generatorLosses.get(i).floatValue();
            losses[2 * i + 1] = conditionLosses.get(i).floatValue();
        }
        out.add(new NamedTensor("ctgan.losses", new int[] {generatorLosses.size(), 2}, losses));
        return out;
    }

    @Override
    public void restoreOptimizerState(WeightsBlock checkpoint) {
        generatorOptimizer.restore("adam.g", checkpoint);
        criticOptimizer.restore("adam.d", checkpoint);
        float[] losses = checkpoint.tensor("ctgan.losses").values();
        generatorLosses.clear();
        conditionLosses.clear();
        for (int i = 0; i + 1 < losses.length; i += 2) {
            generatorLosses.add((double) losses[i]);
            conditionLosses.add((double) losses[i + 1]);
        }
    }

    /** The generator's weights (running statistics included), as the model stores them. */
    WeightsBlock generatorWeights() {
        List<NamedTensor> out = new ArrayList<>();
        for (NamedTensor t : weights()) {
            if (t.name().startsWith("g.")) {
                out.add(t);
            }
        }
        return WeightsBlock.of(out);
    }

    @Override
    public void close() {
        spans.close();
        constants.close();
        generatorOptimizer.close();
        criticOptimizer.close();
        generator.close();
        critic.close();
    }
}
