package dev.doppel.neural.diffusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.doppel.neural.Adam;
import dev.doppel.neural.Dense;
import dev.doppel.neural.NamedTensor;
import dev.doppel.neural.OwnedArrays;
import dev.doppel.neural.ParameterSet;
import dev.doppel.neural.SeededDraws;
import dev.doppel.neural.TrainingLoop;
import dev.doppel.neural.WeightsBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Trains a {@link Denoiser} on rows in model space, one {@link TrainingLoop} epoch at a time: each row gets a random
 * step t, its Gaussian coordinates are noised to step t and each categorical coordinate is masked with probability
 * 1 - ᾱ(t); the loss is the mean squared error of the predicted noise plus the mean cross-entropy of the masked
 * coordinates. A share of rows ({@link DiffusionParameters#cleanShare()}) keeps a random half of its categorical
 * coordinates unmasked whatever t is, so the network also learns to complete rows whose categories are given at any
 * step — what conditional sampling relies on. All randomness comes from Java streams.
 *
 * <p>Adam's step size follows a {@link LearningRateSchedule} by gradient step, and when
 * {@link DiffusionParameters#emaDecay()} is set, a {@link WeightAverage} of the weights is what validation judges,
 * early stopping keeps and the model is made of; the raw weights then travel in checkpoints as optimizer state.
 */
final class DiffusionTrainer implements TrainingLoop.Run {
    private final DiffusionParameters parameters;
    private final NoiseSchedule schedule;
    private final Denoiser.Architecture architecture;
    private final ParameterSet weights;
    private final List<Dense> layers;
    private final Adam adam;
    private final LearningRateSchedule rates;
    private final WeightAverage average;
    private final TabularCoding.Encoded training;
    private final Batch validation;

    /**
     * @param weights         an empty parameter set the network's layers are added to (initialised from
     *                        {@code initial}); owned by the caller
     * @param validationDraws the fixed noise, steps and masks of the validation rows, so epochs compare
     */
    DiffusionTrainer(DiffusionParameters parameters, Denoiser.Architecture architecture, ParameterSet weights,
                     SplittableRandom initial, TabularCoding.Encoded training, TabularCoding.Encoded validation,
                     SplittableRandom validationDraws) {
        this.parameters = parameters;
        this.schedule = parameters.schedule();
        this.architecture = architecture;
        this.weights = weights;
        this.layers = Denoiser.initialLayers(architecture, weights, initial);
        this.adam = new Adam(weights, (float) parameters.learningRate(), 0.9f, 0.999f, 0f);
        this.rates = parameters.learningRateSchedule(batchesPerEpoch(training.rows(), parameters.batchSize()));
        this.average = parameters.emaDecay() > 0 ? new WeightAverage(weights, parameters.emaDecay()) : null;
        this.training = training;
        this.validation = Batch.draw(architecture, schedule, validation, identity(validation.rows()), 0,
                validation.rows(), parameters.cleanShare(), validationDraws);
    }

    @Override
    public double trainEpoch(int epoch, SplittableRandom random) {
        int[] order = SeededDraws.permutation(random, training.rows());
        double sum = 0;
        int batches = 0;
        NDManager manager = weights.manager();
        long step = (long) epoch * batchesPerEpoch(order.length, parameters.batchSize());
        for (int from = 0; from < order.length; from += parameters.batchSize()) {
            int to = Math.min(order.length, from + parameters.batchSize());
            Batch batch = Batch.draw(architecture, schedule, training, order, from, to, parameters.cleanShare(),
                    random);
            try (NDManager scope = manager.newSubManager();
                 GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = batch.loss(scope, x -> Denoiser.forwardTrainable(x, layers));
                collector.backward(loss);
                sum += loss.getFloat();
            }
            adam.learningRate((float) rates.rate(step + batches));
            adam.step();
            batches++;
            if (average != null) {
                average.update();
            }
        }
        return sum / Math.max(1, batches);
    }

    static int batchesPerEpoch(int rows, int batchSize) {
        return (rows + batchSize - 1) / batchSize;
    }

    @Override
    public double validationLoss() {
        try (NDManager scope = weights.manager().newSubManager()) {
            if (average != null) {
                List<NDArray> arrays = average.arrays();
                return validation.loss(scope, x -> Denoiser.forward(x, arrays)).getFloat();
            }
            return validation.loss(scope, x -> Denoiser.forwardTrainable(x, layers)).getFloat();
        }
    }

    /** The weights that make the model: the average when there is one, else the raw weights. */
    @Override
    public List<NamedTensor> weights() {
        return average != null ? average.snapshot() : weights.snapshot();
    }

    @Override
    public void loadWeights(List<NamedTensor> values) {
        if (average != null) {
            average.load(values, average.updates());
        } else {
            weights.load(values);
        }
    }

    /** Adam's moments and, when averaging, the raw weights ({@code raw.*}) and the average's update count. */
    @Override
    public List<NamedTensor> optimizerState() {
        List<NamedTensor> state = new ArrayList<>(adam.state("adam"));
        if (average != null) {
            for (NamedTensor t : weights.snapshot()) {
                state.add(new NamedTensor(RAW + t.name(), t.shape(), t.values()));
            }
            // Two floats carrying the long's bits exactly (a float's 24-bit mantissa would round large counts).
            long n = average.updates();
            state.add(new NamedTensor(AVERAGE_UPDATES, new int[] {2},
                    new float[] {Float.intBitsToFloat((int) (n >>> 32)), Float.intBitsToFloat((int) n)}));
        }
        return state;
    }

    @Override
    public void restoreOptimizerState(WeightsBlock checkpoint) {
        adam.restore("adam", checkpoint);
        if (average != null) {
            List<NamedTensor> raw = new ArrayList<>();
            for (String name : weights.names()) {
                NamedTensor t = checkpoint.tensor(RAW + name);
                raw.add(new NamedTensor(name, t.shape(), t.values()));
            }
            weights.load(raw);
            float[] n = checkpoint.tensor(AVERAGE_UPDATES).values();
            long updates = ((long) Float.floatToRawIntBits(n[0]) << 32) | (Float.floatToRawIntBits(n[1]) & 0xffffffffL);
            average.load(average.snapshot(), updates);
        }
    }

    private static final String RAW = "raw.";
    private static final String AVERAGE_UPDATES = "average.updates";

    /**
     * The trained network as the training loop left it (the best weights when stopping early): the weight average
     * when there is one, else the raw weights.
     */
    Denoiser denoiser() {
        return new Denoiser(architecture, WeightsBlock.of(weights()), "training");
    }

    /** The raw (not averaged) weights as they are now. */
    List<NamedTensor> rawWeights() {
        return weights.snapshot();
    }

    /** One batch of noised rows: the network input, the noise to predict, one-hot targets and the loss mask. */
    record Batch(Denoiser.Architecture architecture, int rows, float[] input, float[] noise, float[] targets,
                 float[] masked, int maskedCount) {

        static Batch draw(Denoiser.Architecture a, NoiseSchedule schedule, TabularCoding.Encoded data, int[] order,
                          int from, int to, double cleanShare, SplittableRandom random) {
            int rows = to - from;
            int dg = a.gaussian();
            int[] sizes = a.categorySizes();
            int dk = sizes.length;
            int targetWidth = a.outputWidth() - dg;
            float[] input = new float[rows * a.inputWidth()];
            float[] noise = new float[rows * dg];
            float[] noisy = new float[rows * dg];
            int[] categories = new int[rows * dk];
            float[] targets = new float[rows * targetWidth];
            float[] masked = new float[rows * dk];
            int maskedCount = 0;
            int steps = schedule.steps();
            for (int i = 0; i < rows; i++) {
                int row = order[from + i];
                int t = 1 + random.nextInt(steps);
                double ab = schedule.alphaBar(t);
                double signal = Math.sqrt(ab);
                double spread = Math.sqrt(1 - ab);
                for (int g = 0; g < dg; g++) {
                    double eps = random.nextGaussian();
                    noise[i * dg + g] = (float) eps;
                    noisy[i * dg + g] = (float) (signal * data.gaussian()[row * dg + g] + spread * eps);
                }
                boolean keepsSome = random.nextDouble() < cleanShare;
                int offset = 0;
                for (int k = 0; k < dk; k++) {
                    int code = data.categories()[row * dk + k];
                    boolean isMasked = random.nextDouble() >= ab;
                    boolean kept = random.nextDouble() < 0.5;
                    if (keepsSome && kept) {
                        isMasked = false;
                    }
                    categories[i * dk + k] = isMasked ? sizes[k] : code;
                    targets[i * targetWidth + offset + code] = 1f;
                    if (isMasked) {
                        masked[i * dk + k] = 1f;
                        maskedCount++;
                    }
                    offset += sizes[k];
                }
                Denoiser.writeInput(a, input, i, noisy, categories, t, steps);
            }
            return new Batch(a, rows, input, noise, targets, masked, maskedCount);
        }

        /** Noise MSE plus the mean cross-entropy over masked coordinates, as a scalar of {@code manager}. */
        NDArray loss(NDManager manager, UnaryOperator<NDArray> network) {
            Denoiser.Architecture a = architecture;
            int dg = a.gaussian();
            int[] sizes = a.categorySizes();
            NDArray out = network.apply(OwnedArrays.copyOf(manager, input, new Shape(rows, a.inputWidth())));
            NDArray loss = manager.zeros(new Shape());
            if (dg > 0) {
                NDArray predicted = out.get(":, 0:" + dg);
                loss = loss.add(predicted.sub(OwnedArrays.copyOf(manager, noise, new Shape(rows, dg))).square().mean());
            }
            if (sizes.length > 0 && maskedCount > 0) {
                int targetWidth = a.outputWidth() - dg;
                NDArray target = OwnedArrays.copyOf(manager, targets, new Shape(rows, targetWidth));
                NDArray mask = OwnedArrays.copyOf(manager, masked, new Shape(rows, sizes.length));
                NDArray ce = manager.zeros(new Shape());
                int offset = 0;
                for (int k = 0; k < sizes.length; k++) {
                    NDArray logp = out.get(":, " + (dg + offset) + ":" + (dg + offset + sizes[k])).logSoftmax(1);
                    NDArray picked = logp.mul(target.get(":, " + offset + ":" + (offset + sizes[k]))).sum(new int[] {1});
                    ce = ce.sub(picked.mul(mask.get(":, " + k)).sum());
                    offset += sizes[k];
                }
                loss = loss.add(ce.div(OwnedArrays.scalar(manager, maskedCount)));
            }
            return loss;
        }
    }

    static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
