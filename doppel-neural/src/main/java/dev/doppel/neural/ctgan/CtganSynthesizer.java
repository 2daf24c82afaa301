package dev.doppel.neural.ctgan;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.neural.Compute;
import dev.doppel.neural.FitInputs;
import dev.doppel.neural.NeuralSynthesizer;
import dev.doppel.neural.NeuralTableModel;
import dev.doppel.neural.SeededDraws;
import dev.doppel.neural.TrainingLoop;
import dev.doppel.neural.TrainingProgress;
import dev.doppel.synth.ParameterSettings;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.table.Table;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * CTGAN (Xu, Skoularidou, Cuesta-Infante and Veeramachaneni, "Modeling Tabular Data using Conditional GAN", 2019):
 * mode-specific normalization, a conditional generator trained by sampling, a PacGAN critic with gradient penalty.
 * Defaults are those of the reference implementation.
 *
 * @param epochs              passes over the data (the reference: 300)
 * @param batchSize           rows per step, a multiple of {@code pac}
 * @param embedding           noise dimensions
 * @param generatorWidth      units of each residual layer of the generator
 * @param generatorLayers     residual layers of the generator
 * @param discriminatorWidth  units of each hidden layer of the critic
 * @param discriminatorLayers hidden layers of the critic, at least 1
 * @param pac                 rows the critic judges together (PacGAN)
 * @param discriminatorSteps  critic updates per generator update
 * @param learningRate        Adam's step size for both networks
 * @param gradientPenalty     weight λ of the gradient penalty
 * @param validationShare     share of rows held out for the validation loss (a distance between generated and
 *                            held-out rows, see {@code CtganTraining#validationLoss}), in [0, 0.5]; default
 *                            0.1; 0 (the reference) holds out none
 * @param patience            epochs without a better validation loss before stopping and keeping the best
 *                            epoch's weights (default 20); 0 never stops early; needs {@code validationShare > 0}
 * @param device              {@code cpu} or {@code gpu}
 * @param threads             PyTorch threads, default 1 (the same model for a seed on any machine; see
 *                            {@link dev.doppel.neural.Compute})
 * @param checkpoint          file to keep a checkpoint in, empty for none; resumed when present
 * @param checkpointEvery     epochs between checkpoints
 */
public record CtganSynthesizer(int epochs, int batchSize, int embedding, int generatorWidth, int generatorLayers,
                               int discriminatorWidth, int discriminatorLayers, int pac, int discriminatorSteps,
                               double learningRate, double gradientPenalty, double validationShare, int patience,
                               String device, int threads,
                               String checkpoint, int checkpointEvery) implements NeuralSynthesizer {
    public static final String NAME = "ctgan";

    public CtganSynthesizer {
        new Compute(device, threads);
        positive("epochs", epochs);
        positive("embedding", embedding);
        positive("generatorWidth", generatorWidth);
        positive("discriminatorWidth", discriminatorWidth);
        positive("discriminatorLayers", discriminatorLayers);
        positive("pac", pac);
        positive("discriminatorSteps", discriminatorSteps);
        positive("checkpointEvery", checkpointEvery);
        if (generatorLayers < 0) {
            throw new DoppelException("generatorLayers must be 0 or more, not " + generatorLayers);
        }
        if (batchSize < pac || batchSize % pac != 0) {
            throw new DoppelException("batchSize must be a positive multiple of pac (" + pac + "), not " + batchSize);
        }
        if (!(learningRate > 0) || !(gradientPenalty >= 0)) {
            throw new DoppelException("learningRate must be positive and gradientPenalty 0 or more");
        }
        if (!(validationShare >= 0 && validationShare <= 0.5)) {
            throw new DoppelException("ctgan: validationShare must be in [0, 0.5], not " + validationShare);
        }
        if (patience < 0) {
            throw new DoppelException("ctgan: patience must be 0 or more, not " + patience);
        }
        if (patience > 0 && validationShare == 0) {
            throw new DoppelException("ctgan: early stopping (patience " + patience + ") needs validationShare > 0; "
                    + "patience=0 trains every epoch on every row");
        }
    }

    /**
     * The reference implementation's settings, on one PyTorch thread, except that a tenth of the rows is held out and
     * training stops after 20 epochs without a closer validation distance, keeping the best epoch: on Adult that
     * stopped at epoch 89 (best 69) in 195 s with quality 0.887, where 300 epochs took 763 s and one such run ended
     * broken without an error (docs/BENCHMARKS.md, issue 5). {@code validationShare=0 patience=0} gives the reference's
     * 300 epochs on every row.
     */
    public CtganSynthesizer() {
        this(300, 500, 128, 256, 2, 256, 2, 10, 1, 2e-4, 10, 0.1, 20, "cpu", 1,
                "", 10);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new DoppelException(name + " must be at least 1, not " + value);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("epochs", epochs);
        p.put("batchSize", batchSize);
        p.put("embedding", embedding);
        p.put("generatorWidth", generatorWidth);
        p.put("generatorLayers", generatorLayers);
        p.put("discriminatorWidth", discriminatorWidth);
        p.put("discriminatorLayers", discriminatorLayers);
        p.put("pac", pac);
        p.put("discriminatorSteps", discriminatorSteps);
        p.put("learningRate", learningRate);
        p.put("gradientPenalty", gradientPenalty);
        p.put("validationShare", validationShare);
        p.put("patience", patience);
        p.put("device", device);
        p.put("threads", threads);
        p.put("checkpoint", checkpoint);
        p.put("checkpointEvery", checkpointEvery);
        return Collections.unmodifiableMap(p);
    }

    @Override
    public CtganSynthesizer withParameters(Map<String, String> settings) {
        ParameterSettings p = ParameterSettings.apply(NAME, parameters(), settings);
        return p.build(() -> new CtganSynthesizer(p.intValue("epochs"), p.intValue("batchSize"),
                p.intValue("embedding"), p.intValue("generatorWidth"), p.intValue("generatorLayers"),
                p.intValue("discriminatorWidth"), p.intValue("discriminatorLayers"), p.intValue("pac"),
                p.intValue("discriminatorSteps"), p.doubleValue("learningRate"), p.doubleValue("gradientPenalty"),
                p.doubleValue("validationShare"), p.intValue("patience"), p.stringValue("device"), p.intValue("threads"), p.stringValue("checkpoint"),
                p.intValue("checkpointEvery")));
    }

    @Override
    public NeuralTableModel fit(Table table, TableMetadata metadata, long seed, TrainingProgress progress) {
        FitInputs inputs = FitInputs.of(NAME, table, metadata, seed);
        int n = inputs.encoded().rows();
        int[] order = SeededDraws.permutation(new SplittableRandom(StreamSeeds.mix(seed, 4)), n);
        int held = (int) Math.round(validationShare * n);
        int[] validation = Arrays.copyOf(order, held);
        int[] train = validation.length == 0 ? IntStream.range(0, n).toArray() : Arrays.copyOfRange(order, held, n);
        if (train.length < pac) {
            throw new DoppelException("ctgan: " + train.length + " rows left to train on after holding out " + held
                    + "; at least pac (" + pac + ") are needed");
        }
        Device d = new Compute(device, threads).start();
        TrainingLoop.Schedule schedule = inputs.schedule(NAME, parameters(), epochs, patience, checkpoint,
                checkpointEvery, seed);
        try (CtganTraining training = new CtganTraining(this, inputs.transform(), inputs.encoded(), train,
                validation, d,
                new SplittableRandom(StreamSeeds.mix(seed, 2)))) {
            TrainingLoop.Outcome outcome = TrainingLoop.run(schedule, training, progress);
            ObjectNode report = outcome.report("criticLoss");
            if (validation.length > 0) {
                report.put("bestEpoch", outcome.bestEpoch());
                TrainingLoop.Outcome.putLosses(report, "validationLoss", outcome.validationLosses());
            }
            TrainingLoop.Outcome.putLosses(report, "generatorLoss",
                    training.generatorLosses.stream().mapToDouble(x -> x).toArray());
            TrainingLoop.Outcome.putLosses(report, "conditionLoss",
                    training.conditionLosses.stream().mapToDouble(x -> x).toArray());
            CtganGenerator generator = new CtganGenerator(inputs.transform(), embedding, generatorWidth,
                    generatorLayers, CtganGenerator.conditionShares(inputs.transform(), inputs.classShares()),
                    training.generatorWeights());
            return new NeuralTableModel(NAME, metadata, inputs.transform(), inputs.fakes(), generator,
                    inputs.classShares(), report);
        }
    }

    /** Reads a stored ctgan model (the catalog's model reader). */
    public static NeuralTableModel read(TableMetadata metadata, com.fasterxml.jackson.databind.JsonNode parameters,
                                        Map<String, byte[]> binaryParts, String sourceName) {
        return NeuralTableModel.read(NAME, metadata, parameters, binaryParts, sourceName, CtganGenerator::read);
    }
}
