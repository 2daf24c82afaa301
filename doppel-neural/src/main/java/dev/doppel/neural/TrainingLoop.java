package dev.doppel.neural;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.io.AtomicOutput;
import dev.doppel.synth.StreamSeeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs the epochs of a fit: early stopping on a validation loss (the best weights are kept and restored), progress
 * reports, and checkpoints from which an interrupted fit resumes exactly.
 *
 * <p>Epoch {@code e} draws from {@code SplittableRandom(mix(seed, e))}, so an epoch's randomness (batch order, noise,
 * dropout masks) does not depend on the epochs before it, and a resumed fit makes the same model as an uninterrupted
 * one.
 */
public final class TrainingLoop {
    private TrainingLoop() {
    }

    /** A model being trained. */
    public interface Run {
        /** Trains one epoch (0-based), drawing every random choice from {@code random}; returns the mean loss. */
        double trainEpoch(int epoch, SplittableRandom random);

        /** The loss on held-out rows, lower is better, deterministic; NaN when the model has none. */
        double validationLoss();

        /** The weights that make the model (what early stopping keeps). */
        List<NamedTensor> weights();

        /** Replaces the weights by ones {@link #weights()} returned. */
        void loadWeights(List<NamedTensor> weights);

        /** Everything else a resumed fit needs, such as optimizer moments; names must not start with "best." */
        List<NamedTensor> optimizerState();

        /** Restores {@link #optimizerState()} from a checkpoint. */
        void restoreOptimizerState(WeightsBlock checkpoint);
    }

    /**
     * @param epochs     most epochs, at least 1
     * @param patience   stop after this many epochs without a better validation loss; 0 never stops early
     * @param seed       seeds every epoch's random stream
     * @param checkpoint where to keep a checkpoint after every {@code checkpointEvery} epochs, if anywhere; a
     *                   checkpoint found there at the start is resumed, and it is deleted when the fit ends
     * @param checkpointEvery epochs between checkpoints, at least 1
     * @param fitKey     identifies the fit (data, parameters, seed); a checkpoint of another fit is refused
     */
    public record Schedule(int epochs, int patience, long seed, Optional<Path> checkpoint, int checkpointEvery,
                           String fitKey) {
        public Schedule {
            if (epochs < 1) {
                throw new DoppelException("epochs must be at least 1, not " + epochs);
            }
            if (patience < 0) {
                throw new DoppelException("patience must be 0 (never stop early) or more, not " + patience);
            }
            if (checkpointEvery < 1) {
                throw new DoppelException("checkpointEvery must be at least 1, not " + checkpointEvery);
            }
        }
    }

    /**
     * What happened.
     *
     * @param epochsRun        epochs trained, resumed ones included
     * @param bestEpoch        1-based epoch whose weights the model holds
     * @param trainLosses      mean training loss of each epoch run
     * @param validationLosses validation loss after each epoch (NaN when the model has none)
     * @param resumedAt        epochs already done when the fit resumed from a checkpoint, 0 for a fresh fit
     * @param divergedAt       1-based epoch whose loss was not finite, where training stopped (the model keeps the
     *                         best or, without validation, the last sound epoch's weights); 0 when none was
     */
    public record Outcome(int epochsRun, int bestEpoch, double[] trainLosses, double[] validationLosses,
                          int resumedAt, int divergedAt) {
        public boolean stoppedEarly(Schedule schedule) {
            return epochsRun < schedule.epochs();
        }

        /** The model report's common part: epochs run, the epoch that diverged (if one did), the training losses. */
        public ObjectNode report(String lossName) {
            ObjectNode report = JsonNodeFactory.instance.objectNode();
            report.put("epochsRun", epochsRun);
            if (divergedAt > 0) {
                report.put("divergedAtEpoch", divergedAt);
            }
            putLosses(report, lossName, trainLosses);
            return report;
        }

        /** Adds per-epoch losses to a report as an array of floats; a missing or non-finite loss is null. */
        public static void putLosses(ObjectNode report, String name, double[] losses) {
            ArrayNode array = report.putArray(name);
            for (double v : losses) {
                if (Double.isFinite(v)) {
                    array.add((float) v);
                } else {
                    array.addNull();
                }
            }
        }
    }

    public static Outcome run(Schedule schedule, Run run, TrainingProgress progress) {
        List<Double> train = new ArrayList<>();
        List<Double> validation = new ArrayList<>();
        int start = 0;
        int bestEpoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        List<NamedTensor> best = null;
        if (schedule.checkpoint().isPresent() && Files.exists(schedule.checkpoint().get())) {
            Path file = schedule.checkpoint().get();
            WeightsBlock saved = WeightsBlock.decode(readBytes(file), file.getFileName().toString());
            String key = saved.attributes().get("fitKey");
            if (!schedule.fitKey().equals(key)) {
                throw new DoppelException("checkpoint " + file + " belongs to another fit (other data, parameters or "
                        + "seed); delete it to start afresh");
            }
            start = Integer.parseInt(saved.attributes().get("epochsDone"));
            bestEpoch = Integer.parseInt(saved.attributes().get("bestEpoch"));
            bestLoss = Double.parseDouble(saved.attributes().get("bestLoss"));
            for (float v : saved.tensor("loop.trainLosses").values()) {
                train.add((double) v);
            }
            for (float v : saved.tensor("loop.validationLosses").values()) {
                validation.add((double) v);
            }
            List<NamedTensor> current = new ArrayList<>();
            List<NamedTensor> kept = new ArrayList<>();
            for (NamedTensor t : saved.tensors()) {
                if (t.name().startsWith("weights.")) {
                    current.add(rename(t, t.name().substring("weights.".length())));
                } else if (t.name().startsWith("best.")) {
                    kept.add(rename(t, t.name().substring("best.".length())));
                }
            }
            run.loadWeights(current);
            run.restoreOptimizerState(saved);
            best = kept.isEmpty() ? null : kept;
        }
        int epoch = start;
        int divergedAt = 0;
        List<NamedTensor> lastFinite = null;
        while (epoch < schedule.epochs()) {
            double loss = run.trainEpoch(epoch, new SplittableRandom(StreamSeeds.mix(schedule.seed(), epoch)));
            if (!Double.isFinite(loss)) {
                // A diverged network only produces NaN from here on: stop, and keep the last sound weights.
                divergedAt = epoch + 1;
                progress.epochDone(epoch + 1, schedule.epochs(), loss, Double.NaN);
                if (schedule.patience() > 0 && best != null) {
                    break;
                }
                if (lastFinite == null) {
                    throw new DoppelException("training diverged in epoch " + divergedAt + " (the loss is not a "
                            + "number) before any sound epoch; try a smaller learningRate");
                }
                run.loadWeights(lastFinite);
                break;
            }
            double validationLoss = run.validationLoss();
            train.add(loss);
            validation.add(validationLoss);
            epoch++;
            if (schedule.patience() == 0) {
                lastFinite = run.weights();
            }
            if (!Double.isNaN(validationLoss) && validationLoss < bestLoss) {
                bestLoss = validationLoss;
                bestEpoch = epoch;
                best = schedule.patience() > 0 ? run.weights() : null;
            }
            progress.epochDone(epoch, schedule.epochs(), loss, validationLoss);
            boolean stop = schedule.patience() > 0 && bestEpoch > 0 && epoch - bestEpoch >= schedule.patience();
            if (schedule.checkpoint().isPresent() && !stop && epoch < schedule.epochs()
                    && epoch % schedule.checkpointEvery() == 0) {
                writeCheckpoint(schedule, run, epoch, bestEpoch, bestLoss, best, train, validation);
            }
            if (stop) {
                break;
            }
        }
        if (schedule.patience() > 0 && best != null) {
            run.loadWeights(best);
        } else {
            bestEpoch = epoch;
        }
        schedule.checkpoint().ifPresent(TrainingLoop::delete);
        return new Outcome(epoch, bestEpoch, unbox(train), unbox(validation), start, divergedAt);
    }

    private static void writeCheckpoint(Schedule schedule, Run run, int epochsDone, int bestEpoch, double bestLoss,
                                        List<NamedTensor> best, List<Double> train, List<Double> validation) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("fitKey", schedule.fitKey());
        attributes.put("epochsDone", Integer.toString(epochsDone));
        attributes.put("bestEpoch", Integer.toString(bestEpoch));
        attributes.put("bestLoss", Double.toString(bestLoss));
        List<NamedTensor> tensors = new ArrayList<>();
        run.weights().forEach(t -> tensors.add(rename(t, "weights." + t.name())));
        if (best != null) {
            best.forEach(t -> tensors.add(rename(t, "best." + t.name())));
        }
        tensors.addAll(run.optimizerState());
        tensors.add(losses("loop.trainLosses", train));
        tensors.add(losses("loop.validationLosses", validation));
        AtomicOutput.writeBytes(schedule.checkpoint().get(), new WeightsBlock(attributes, tensors).encode());
    }

    private static NamedTensor losses(String name, List<Double> values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).floatValue();
        }
        return new NamedTensor(name, new int[] {v.length}, v);
    }

    private static NamedTensor rename(NamedTensor t, String name) {
        return new NamedTensor(name, t.shape(), t.values());
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidDataException(file.toString(), 0, null, "a readable checkpoint", e.getMessage());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new DoppelException("cannot delete checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
