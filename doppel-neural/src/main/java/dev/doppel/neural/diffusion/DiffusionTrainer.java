package dev.doppel.neural.diffusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a {@link Denoiser} on rows in model space: each row gets a random step t, its Gaussian coordinates are noised
 * to step t and each categorical coordinate is masked with probability 1 - ᾱ(t); the loss is the mean squared error of
 * the predicted noise plus the mean cross-entropy of the masked coordinates. A share of rows
 * ({@link DiffusionParameters#cleanShare()}) keeps a random half of its categorical coordinates unmasked whatever t is,
 * so the network also learns to complete rows whose categories are given at any step — what conditional sampling
 * relies on. All randomness (initial weights, batches, steps, noise, masks) comes from Java streams of the seed.
 */
final class DiffusionTrainer {
    /** The trained network and how training went. */
    record Result(Denoiser denoiser, int epochsRun, int bestEpoch, double bestValidationLoss, double[] trainingLosses) { }

    private final DiffusionParameters parameters;
    private final NoiseSchedule schedule;
    private final TrainingProgress progress;

    DiffusionTrainer(DiffusionParameters parameters, TrainingProgress progress) {
        this.parameters = parameters;
        this.schedule = parameters.schedule();
        this.progress = progress;
    }

    Result train(Denoiser initial, TabularCoding.Encoded training, TabularCoding.Encoded validation, long seed) {
        Denoiser.Architecture a = initial.architecture();
        SplittableRandom batchOrder = new SplittableRandom(seed);
        SplittableRandom noise = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Batch validationBatch = Batch.draw(a, schedule, validation, identity(validation.rows()), 0,
                validation.rows(), parameters.cleanShare(), new SplittableRandom(~seed));
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) parameters.learningRate())).build();
        Denoiser best = initial;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int epochs = parameters.epochs();
        double[] losses = new double[epochs];
        int epoch = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> weights = initial.parameters(manager);
            for (NDArray w : weights) {
                w.setRequiresGradient(true);
            }
            int[] order = identity(training.rows());
            while (epoch < epochs) {
                shuffle(order, batchOrder);
                double sum = 0;
                int batches = 0;
                for (int from = 0; from < order.length; from += parameters.batchSize()) {
                    int to = Math.min(order.length, from + parameters.batchSize());
                    Batch batch = Batch.draw(a, schedule, training, order, from, to, parameters.cleanShare(), noise);
                    try (NDManager step = manager.newSubManager();
                         GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.zeroGradients();
                        NDArray loss = batch.loss(step, weights);
                        collector.backward(loss);
                        sum += loss.getFloat();
                        batches++;
                    }
                    for (int i = 0; i < weights.size(); i++) {
                        adam.update("w" + i, weights.get(i), weights.get(i).getGradient());
                    }
                }
                losses[epoch] = sum / Math.max(1, batches);
                epoch++;
                double validationLoss;
                try (NDManager step = manager.newSubManager()) {
                    validationLoss = validationBatch.loss(step, weights).getFloat();
                }
                progress.epochFinished(epoch, epochs, losses[epoch - 1], validationLoss);
                if (validationLoss < bestLoss) {
                    bestLoss = validationLoss;
                    bestEpoch = epoch;
                    best = initial.withParameters(weights);
                } else if (epoch - bestEpoch >= parameters.patience()) {
                    break;
                }
            }
        }
        return new Result(best, epoch, bestEpoch, bestLoss, java.util.Arrays.copyOf(losses, epoch));
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
        NDArray loss(NDManager manager, List<NDArray> weights) {
            Denoiser.Architecture a = architecture;
            int dg = a.gaussian();
            int[] sizes = a.categorySizes();
            NDArray out = Denoiser.forward(manager.create(input, new Shape(rows, a.inputWidth())), weights);
            NDArray loss = manager.zeros(new Shape());
            if (dg > 0) {
                NDArray predicted = out.get(":, 0:" + dg);
                loss = loss.add(predicted.sub(manager.create(noise, new Shape(rows, dg))).square().mean());
            }
            if (sizes.length > 0 && maskedCount > 0) {
                int targetWidth = a.outputWidth() - dg;
                NDArray target = manager.create(targets, new Shape(rows, targetWidth));
                NDArray mask = manager.create(masked, new Shape(rows, sizes.length));
                NDArray ce = manager.zeros(new Shape());
                int offset = 0;
                for (int k = 0; k < sizes.length; k++) {
                    NDArray logp = out.get(":, " + (dg + offset) + ":" + (dg + offset + sizes[k])).logSoftmax(1);
                    NDArray picked = logp.mul(target.get(":, " + offset + ":" + (offset + sizes[k]))).sum(new int[] {1});
                    ce = ce.sub(picked.mul(mask.get(":, " + k)).sum());
                    offset += sizes[k];
                }
                loss = loss.add(ce.div(maskedCount));
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

    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
