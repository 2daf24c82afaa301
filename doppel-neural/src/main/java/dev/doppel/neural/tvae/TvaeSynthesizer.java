package dev.doppel.neural.tvae;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * TVAE (Xu et al. 2019): the mode-specific transform with a variational autoencoder. Network and optimizer defaults
 * are the reference implementation's; Doppel adds a held-out share of rows whose loss drives early stopping.
 *
 * @param epochs           most passes over the training rows (the reference: 300)
 * @param batchSize        rows per step
 * @param embedding        code dimensions
 * @param compressWidth    units of each encoder layer
 * @param compressLayers   encoder layers
 * @param decompressWidth  units of each decoder layer
 * @param decompressLayers decoder layers
 * @param learningRate     Adam's step size
 * @param weightDecay      Adam's L2 weight decay
 * @param lossFactor       weight of the reconstruction terms against the KL term
 * @param validationShare  share of rows held out for the validation loss, in [0, 0.5]; 0 turns it off
 * @param patience         epochs without a better validation loss before stopping; 0 never stops early
 * @param device           {@code cpu} or {@code gpu}
 * @param threads          PyTorch threads, default 1: one thread gives the same model for a seed in
 *                         every run; two threads changed the losses between identical runs and were slower
 *                         on a busy 2-core machine (docs/BENCHMARKS.md, issue 5)
 * @param checkpoint       file to keep a checkpoint in, empty for none; resumed when present
 * @param checkpointEvery  epochs between checkpoints
 */
public record TvaeSynthesizer(int epochs, int batchSize, int embedding, int compressWidth, int compressLayers,
                              int decompressWidth, int decompressLayers, double learningRate, double weightDecay,
                              double lossFactor, double validationShare, int patience, String device, int threads,
                              String checkpoint, int checkpointEvery) implements NeuralSynthesizer {
    public static final String NAME = "tvae";

    public TvaeSynthesizer {
        new Compute(device, threads);
        if (epochs < 1 || batchSize < 1 || embedding < 1 || compressWidth < 1 || decompressWidth < 1
                || compressLayers < 0 || decompressLayers < 0 || checkpointEvery < 1 || patience < 0) {
            throw new DoppelException("tvae: epochs, batchSize, embedding, widths and checkpointEvery must be at "
                    + "least 1; layers and patience at least 0");
        }
        if (!(learningRate > 0) || !(weightDecay >= 0) || !(lossFactor > 0)) {
            throw new DoppelException("tvae: learningRate and lossFactor must be positive, weightDecay 0 or more");
        }
        if (!(validationShare >= 0 && validationShare <= 0.5)) {
            throw new DoppelException("tvae: validationShare must be in [0, 0.5], not " + validationShare);
        }
        if (patience > 0 && validationShare == 0) {
            throw new DoppelException("tvae: early stopping (patience " + patience + ") needs validationShare > 0");
        }
    }

    /** The reference settings, 10 % of rows held out, stopping after 30 epochs without improvement. */
    public TvaeSynthesizer() {
        this(300, 500, 128, 128, 2, 128, 2, 1e-3, 1e-5, 2, 0.1, 30, "cpu", 1, "", 10);
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
        p.put("compressWidth", compressWidth);
        p.put("compressLayers", compressLayers);
        p.put("decompressWidth", decompressWidth);
        p.put("decompressLayers", decompressLayers);
        p.put("learningRate", learningRate);
        p.put("weightDecay", weightDecay);
        p.put("lossFactor", lossFactor);
        p.put("validationShare", validationShare);
        p.put("patience", patience);
        p.put("device", device);
        p.put("threads", threads);
        p.put("checkpoint", checkpoint);
        p.put("checkpointEvery", checkpointEvery);
        return Collections.unmodifiableMap(p);
    }

    @Override
    public TvaeSynthesizer withParameters(Map<String, String> settings) {
        ParameterSettings p = ParameterSettings.apply(NAME, parameters(), settings);
        return p.build(() -> new TvaeSynthesizer(p.intValue("epochs"), p.intValue("batchSize"),
                p.intValue("embedding"), p.intValue("compressWidth"), p.intValue("compressLayers"),
                p.intValue("decompressWidth"), p.intValue("decompressLayers"), p.doubleValue("learningRate"),
                p.doubleValue("weightDecay"), p.doubleValue("lossFactor"), p.doubleValue("validationShare"),
                p.intValue("patience"), p.stringValue("device"), p.intValue("threads"), p.stringValue("checkpoint"),
                p.intValue("checkpointEvery")));
    }

    @Override
    public NeuralTableModel fit(Table table, TableMetadata metadata, long seed, TrainingProgress progress) {
        FitInputs inputs = FitInputs.of(NAME, table, metadata, seed);
        int n = inputs.encoded().rows();
        int[] order = SeededDraws.permutation(new SplittableRandom(StreamSeeds.mix(seed, 4)), n);
        int held = (int) Math.round(validationShare * n);
        int[] validation = Arrays.copyOf(order, held);
        int[] train = Arrays.copyOfRange(order, held, n);
        if (train.length == 0) {
            throw new DoppelException("tvae: no rows left to train on after holding out " + held);
        }
        Device d = new Compute(device, threads).start();
        TrainingLoop.Schedule schedule = inputs.schedule(NAME, parameters(), epochs, patience, checkpoint,
                checkpointEvery, seed);
        try (TvaeTraining training = new TvaeTraining(this, inputs.transform(), inputs.encoded().data(), train,
                validation, d, new SplittableRandom(StreamSeeds.mix(seed, 2)))) {
            TrainingLoop.Outcome outcome = TrainingLoop.run(schedule, training, progress);
            ObjectNode report = outcome.report("trainLoss");
            report.put("bestEpoch", outcome.bestEpoch());
            TrainingLoop.Outcome.putLosses(report, "validationLoss", outcome.validationLosses());
            TvaeGenerator generator = new TvaeGenerator(inputs.transform(), embedding, decompressWidth,
                    decompressLayers, training.decoderWeights());
            return new NeuralTableModel(NAME, metadata, inputs.transform(), inputs.fakes(), generator,
                    inputs.classShares(), report);
        }
    }

    /** Reads a stored tvae model (the catalog's model reader). */
    public static NeuralTableModel read(TableMetadata metadata, JsonNode parameters, Map<String, byte[]> binaryParts,
                                        String sourceName) {
        return NeuralTableModel.read(NAME, metadata, parameters, binaryParts, sourceName, TvaeGenerator::read);
    }
}
