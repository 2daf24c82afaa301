package dev.doppel.neural.diffusion;

import ai.djl.Device;
import dev.doppel.DoppelException;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.neural.Compute;
import dev.doppel.neural.EpochReporting;
import dev.doppel.neural.ParameterSet;
import dev.doppel.neural.SeededDraws;
import dev.doppel.neural.TrainingLoop;
import dev.doppel.neural.TrainingProgress;
import dev.doppel.synth.ParameterSettings;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.synth.SynthesizerCatalog;
import dev.doppel.table.Table;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * TabDDPM-style tabular diffusion: Gaussian diffusion over quantile-normal scores of the numeric columns, masked
 * (absorbing-state) diffusion over the categorical ones, one MLP denoiser for both (see {@link DiffusionTrainer},
 * {@link DiffusionModel}). Same seed, same thread count → same model.
 */
public final class DiffusionSynthesizer implements EpochReporting {
    public static final String NAME = "diffusion";

    private final DiffusionParameters parameters;
    private final TrainingProgress progress;

    public DiffusionSynthesizer() {
        this(DiffusionParameters.defaults(), TrainingProgress.NONE);
    }

    public DiffusionSynthesizer(DiffusionParameters parameters, TrainingProgress progress) {
        this.parameters = parameters;
        this.progress = progress;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        return Collections.unmodifiableMap(parameters.asMap());
    }

    @Override
    public DiffusionSynthesizer withParameters(Map<String, String> settings) {
        ParameterSettings p = ParameterSettings.apply(NAME, parameters(), settings);
        List<Integer> hidden;
        try {
            hidden = p.listValue("hidden").stream().map(s -> Integer.valueOf(s.strip())).toList();
        } catch (NumberFormatException e) {
            throw new DoppelException("diffusion: hidden must be whole numbers separated by commas");
        }
        return p.build(() -> new DiffusionSynthesizer(new DiffusionParameters(p.intValue("epochs"),
                p.intValue("batchSize"), p.intValue("steps"), p.stringValue("schedule").strip(), hidden,
                p.intValue("timeDims"), p.doubleValue("learningRate"), p.stringValue("learningRateDecay").strip(),
                p.intValue("warmupEpochs"), p.doubleValue("emaDecay"), p.doubleValue("validationShare"),
                p.intValue("patience"), p.intValue("discreteLimit"), p.doubleValue("cleanShare"),
                new Compute(p.stringValue("device"), p.intValue("threads")), p.stringValue("checkpoint"),
                p.intValue("checkpointEvery")), progress));
    }

    /** This synthesizer reporting each epoch to {@code listener}. */
    public DiffusionSynthesizer withProgress(TrainingProgress listener) {
        return new DiffusionSynthesizer(parameters, listener);
    }

    @Override
    public DiffusionSynthesizer reporting(TrainingProgress progress) {
        return withProgress(progress);
    }

    /** This synthesizer's catalog entry: its name, default settings and model reader. */
    public static SynthesizerCatalog.Entry catalogEntry() {
        return new SynthesizerCatalog.Entry(NAME, DiffusionSynthesizer::new, DiffusionModel::read);
    }

    public DiffusionParameters settings() {
        return parameters;
    }

    @Override
    public DiffusionModel fit(Table table, TableMetadata metadata, long seed) {
        if (table.rowCount() < 2) {
            throw new DoppelException("diffusion needs at least 2 rows to train, not " + table.rowCount());
        }
        TabularCoding coding = TabularCoding.fit(table, metadata, parameters.discreteLimit());
        TabularCoding.Encoded all = coding.encode(table, StreamSeeds.mix(seed, 2));
        int[] order = SeededDraws.permutation(new SplittableRandom(StreamSeeds.mix(seed, 3)), all.rows());
        int held = Math.max(1, Math.min(all.rows() - 1, (int) Math.round(all.rows() * parameters.validationShare())));
        TabularCoding.Encoded validation = rows(all, coding, order, 0, held);
        TabularCoding.Encoded training = rows(all, coding, order, held, all.rows());
        Denoiser.Architecture architecture = new Denoiser.Architecture(coding.gaussianCount(), coding.categorySizes(),
                parameters.timeDims(), parameters.hiddenWidths());
        Device device = parameters.compute().start();
        TrainingLoop.Schedule schedule = new TrainingLoop.Schedule(parameters.epochs(), parameters.patience(),
                StreamSeeds.mix(seed, 4),
                parameters.checkpoint().isEmpty() ? Optional.empty() : Optional.of(Path.of(parameters.checkpoint())),
                parameters.checkpointEvery(), fitKey(all, seed));
        try (ParameterSet weights = new ParameterSet(device)) {
            DiffusionTrainer trainer = new DiffusionTrainer(parameters, architecture, weights,
                    new SplittableRandom(StreamSeeds.mix(seed, 1)), training, validation,
                    new SplittableRandom(StreamSeeds.mix(seed, 5)));
            TrainingLoop.run(schedule, trainer, progress);
            return new DiffusionModel(coding, parameters.schedule(), trainer.denoiser());
        }
    }

    /** Identifies a fit for its checkpoint: the rows in model space, the settings that shape training, the seed. */
    private String fitKey(TabularCoding.Encoded data, long seed) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(4 * (data.gaussian().length + data.categories().length) + 8);
            for (float v : data.gaussian()) {
                buf.putFloat(v);
            }
            for (int v : data.categories()) {
                buf.putInt(v);
            }
            buf.putLong(seed);
            md.update(buf.array());
            Map<String, Object> shaping = new LinkedHashMap<>(parameters.asMap());
            shaping.remove("checkpoint");
            shaping.remove("checkpointEvery");
            md.update(shaping.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static TabularCoding.Encoded rows(TabularCoding.Encoded all, TabularCoding coding, int[] order, int from,
                                              int to) {
        int dg = coding.gaussianCount();
        int dk = coding.categoricalCount();
        float[] g = new float[(to - from) * dg];
        int[] k = new int[(to - from) * dk];
        for (int i = from; i < to; i++) {
            System.arraycopy(all.gaussian(), order[i] * dg, g, (i - from) * dg, dg);
            System.arraycopy(all.categories(), order[i] * dk, k, (i - from) * dk, dk);
        }
        return new TabularCoding.Encoded(to - from, g, k);
    }
}
