package dev.doppel.neural.diffusion;

import dev.doppel.DoppelException;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.ParameterSettings;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.synth.Synthesizer;
import dev.doppel.table.Table;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * TabDDPM-style tabular diffusion: Gaussian diffusion over quantile-normal scores of the numeric columns, masked
 * (absorbing-state) diffusion over the categorical ones, one MLP denoiser for both (see {@link DiffusionTrainer},
 * {@link DiffusionModel}). Same seed, same thread count → same model.
 */
public final class DiffusionSynthesizer implements Synthesizer {
    public static final String NAME = "diffusion";

    private final DiffusionParameters parameters;
    private final TrainingProgress progress;

    public DiffusionSynthesizer() {
        this(DiffusionParameters.DEFAULTS, TrainingProgress.NONE);
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
        // ParameterSettings reads numbers, booleans and lists; the schedule's name is taken here as it is.
        Map<String, String> rest = new java.util.LinkedHashMap<>(settings);
        String schedule = rest.containsKey("schedule") ? rest.remove("schedule").strip() : parameters.scheduleKind();
        ParameterSettings p = ParameterSettings.apply(NAME, parameters(), rest);
        List<Integer> hidden;
        try {
            hidden = p.listValue("hidden").stream().map(s -> Integer.valueOf(s.strip())).toList();
        } catch (NumberFormatException e) {
            throw new DoppelException("diffusion: hidden must be whole numbers separated by commas");
        }
        return p.build(() -> new DiffusionSynthesizer(new DiffusionParameters(p.intValue("epochs"),
                p.intValue("batchSize"), p.intValue("steps"), schedule, hidden, p.intValue("timeDims"),
                p.doubleValue("learningRate"), p.doubleValue("validationShare"), p.intValue("patience"),
                p.doubleValue("cleanShare")), progress));
    }

    /** This synthesizer reporting each epoch to {@code listener}. */
    public DiffusionSynthesizer withProgress(TrainingProgress listener) {
        return new DiffusionSynthesizer(parameters, listener);
    }

    public DiffusionParameters settings() {
        return parameters;
    }

    @Override
    public DiffusionModel fit(Table table, TableMetadata metadata, long seed) {
        if (table.rowCount() < 2) {
            throw new DoppelException("diffusion needs at least 2 rows to train, not " + table.rowCount());
        }
        TabularCoding coding = TabularCoding.fit(table, metadata);
        TabularCoding.Encoded all = coding.encode(table, StreamSeeds.mix(seed, 2));
        int[] order = DiffusionTrainer.identity(all.rows());
        DiffusionTrainer.shuffle(order, new SplittableRandom(StreamSeeds.mix(seed, 3)));
        int held = Math.max(1, Math.min(all.rows() - 1, (int) Math.round(all.rows() * parameters.validationShare())));
        TabularCoding.Encoded validation = rows(all, coding, order, 0, held);
        TabularCoding.Encoded training = rows(all, coding, order, held, all.rows());
        Denoiser.Architecture architecture = new Denoiser.Architecture(coding.gaussianCount(), coding.categorySizes(),
                parameters.timeDims(), parameters.hiddenWidths());
        Denoiser initial = Denoiser.initial(architecture, new SplittableRandom(StreamSeeds.mix(seed, 1)));
        DiffusionTrainer.Result result = new DiffusionTrainer(parameters, progress)
                .train(initial, training, validation, StreamSeeds.mix(seed, 4));
        return new DiffusionModel(coding, parameters.schedule(), result.denoiser(), null);
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
