package dev.doppel.neural.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.ParameterReader;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.synth.FittedModel;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.neural.OwnedArrays;
import dev.doppel.neural.StoredWeights;
import dev.doppel.neural.WeightsBlock;
import dev.doppel.synth.condition.ColumnCondition;
import dev.doppel.synth.condition.Condition;
import dev.doppel.synth.condition.ImpossibleConditionException;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A trained tabular diffusion model. A block starts from pure noise (every Gaussian coordinate standard normal, every
 * categorical coordinate masked) and runs the reverse process from step T to 1: DDPM's ancestral step for the
 * Gaussian coordinates, and for the categorical ones each masked coordinate is unmasked with probability
 * (ᾱ(t-1) - ᾱ(t)) / (1 - ᾱ(t)) to a category drawn from the denoiser's prediction (at step 1 every coordinate is
 * unmasked). Block {@code b} draws all its randomness from {@code SplittableRandom(mix(seed, b))}.
 *
 * <p>Conditions on categorical columns ({@link #given}) are met by inpainting: before the reverse process the
 * conditioned coordinates are drawn, one after another, from the denoiser's step-T prediction restricted to the allowed
 * categories, and then stay fixed (unmasked) while the rest of the row is denoised around them. Training keeps random
 * categorical coordinates unmasked at every step so this is a situation the network has learned.
 */
public final class DiffusionModel implements FittedModel {
    /**
     * Version of {@link #parametersJson()}: 2 added numeric columns coded as categories ({@code discrete}); files
     * without a version are version 1.
     */
    static final int PARAMETERS_VERSION = 2;

    /** More partial assignments than this make {@link #probability} refuse rather than run for long. */
    private static final int MAX_PROBABILITY_STATES = 4096;

    private final TabularCoding coding;
    private final NoiseSchedule schedule;
    private final Denoiser denoiser;

    DiffusionModel(TabularCoding coding, NoiseSchedule schedule, Denoiser denoiser) {
        this.coding = coding;
        this.schedule = schedule;
        this.denoiser = denoiser;
    }

    @Override
    public String synthesizer() {
        return DiffusionSynthesizer.NAME;
    }

    @Override
    public TableMetadata metadata() {
        return coding.metadata();
    }

    @Override
    public Table sampleBlock(long seed, long block, int rows) {
        return sampleBlock(seed, block, rows, new boolean[coding.categoricalCount()][]);
    }

    /** A block whose categorical coordinate k only takes the categories {@code allowed[k]} allows (null: any). */
    Table sampleBlock(long seed, long block, int rows, boolean[][] allowed) {
        SyntheticModel.checkBlock(block, rows);
        long blockSeed = StreamSeeds.mix(seed, block);
        TabularCoding.Encoded encoded = generate(rows, new SplittableRandom(blockSeed), allowed);
        // Fake columns draw from their own stream so they never shift the diffusion's draws.
        return coding.decode(encoded, StreamSeeds.mix(blockSeed, 1), block * BLOCK_ROWS);
    }

    /** Rows in model space from the reverse process. */
    TabularCoding.Encoded generate(int rows, SplittableRandom random, boolean[][] allowed) {
        Denoiser.Architecture a = denoiser.architecture();
        int dg = a.gaussian();
        int[] sizes = a.categorySizes();
        int dk = sizes.length;
        int[] offsets = a.logitOffsets();
        int outWidth = a.outputWidth();
        float[] x = new float[rows * dg];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        int[] categories = new int[rows * dk];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < dk; k++) {
                categories[r * dk + k] = sizes[k];
            }
        }
        if (rows == 0) {
            return new TabularCoding.Encoded(0, x, categories);
        }
        int steps = schedule.steps();
        float[] input = new float[rows * a.inputWidth()];
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> weights = denoiser.arrays(manager);
            for (int k = 0; k < dk; k++) {
                if (allowed[k] == null) {
                    continue;
                }
                float[] out = predict(manager, weights, x, categories, steps, rows, input);
                for (int r = 0; r < rows; r++) {
                    categories[r * dk + k] = draw(out, r * outWidth + offsets[k], sizes[k], allowed[k], random);
                }
            }
            for (int t = steps; t >= 1; t--) {
                float[] out = predict(manager, weights, x, categories, t, rows, input);
                double ab = schedule.alphaBar(t);
                double beta = schedule.beta(t);
                double noiseScale = beta / Math.sqrt(1 - ab);
                double inverseRootAlpha = 1 / Math.sqrt(1 - beta);
                double sigma = t > 1 ? Math.sqrt(schedule.posteriorVariance(t)) : 0;
                double unmask = schedule.unmaskProbability(t);
                for (int r = 0; r < rows; r++) {
                    for (int g = 0; g < dg; g++) {
                        int i = r * dg + g;
                        double mean = inverseRootAlpha * (x[i] - noiseScale * out[r * outWidth + g]);
                        x[i] = (float) (t > 1 ? mean + sigma * random.nextGaussian() : mean);
                    }
                    for (int k = 0; k < dk; k++) {
                        int i = r * dk + k;
                        if (categories[i] == sizes[k] && random.nextDouble() < unmask) {
                            categories[i] = draw(out, r * outWidth + offsets[k], sizes[k], null, random);
                        }
                    }
                }
            }
        }
        return new TabularCoding.Encoded(rows, x, categories);
    }

    private float[] predict(NDManager manager, List<NDArray> weights, float[] x, int[] categories, int step, int rows,
                            float[] input) {
        Denoiser.Architecture a = denoiser.architecture();
        for (int r = 0; r < rows; r++) {
            Denoiser.writeInput(a, input, r, x, categories, step, schedule.steps());
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray in = OwnedArrays.copyOf(scope, input, new Shape(rows, a.inputWidth()));
            return Denoiser.forward(in, weights).toFloatArray();
        }
    }

    /** A category drawn from the softmax of {@code size} logits at {@code from}, restricted to {@code allowed}. */
    private static int draw(float[] logits, int from, int size, boolean[] allowed, SplittableRandom random) {
        double[] p = softmax(logits, from, size, allowed);
        double u = random.nextDouble();
        int last = 0;
        for (int c = 0; c < size; c++) {
            if (p[c] > 0) {
                last = c;
                u -= p[c];
                if (u < 0) {
                    return c;
                }
            }
        }
        return last;
    }

    private static double[] softmax(float[] logits, int from, int size, boolean[] allowed) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < size; c++) {
            if (allowed == null || allowed[c]) {
                max = Math.max(max, logits[from + c]);
            }
        }
        double[] p = new double[size];
        double sum = 0;
        for (int c = 0; c < size; c++) {
            if (allowed == null || allowed[c]) {
                p[c] = Math.exp(logits[from + c] - max);
                sum += p[c];
            }
        }
        for (int c = 0; c < size; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /**
     * This model restricted to rows meeting {@code condition}, which may only name categorical or boolean columns
     * (and says which values, null for missing, are allowed). Sampling stays exact: every row meets the condition.
     */
    @Override
    public SyntheticModel given(Condition condition) {
        return given(condition, new boolean[coding.categoricalCount()][]);
    }

    SyntheticModel given(Condition condition, boolean[][] allowed) {
        boolean[][] restricted = restrict(condition, allowed);
        for (int k = 0; k < restricted.length; k++) {
            if (restricted[k] != null && !anyTrue(restricted[k])) {
                throw new ImpossibleConditionException("the diffusion model never makes " + condition
                        + ": no allowed value of " + columnOf(k) + " occurs in its training data");
            }
        }
        return new ConditionedDiffusion(this, restricted);
    }

    /**
     * The model's probability of {@code condition} (given this model's own conditions, if any), by the chain rule
     * over the conditioned columns: each factor is the denoiser's prediction at step T with the Gaussian coordinates at
     * their mean (0) and the earlier columns set — an approximation of the model's marginal, not a sampled share.
     */
    @Override
    public double probability(Condition condition) {
        return mass(restrict(condition, new boolean[coding.categoricalCount()][]), condition);
    }

    /** The model's probability that every restricted coordinate takes an allowed category. */
    double mass(boolean[][] restrictions, Condition condition) {
        Denoiser.Architecture a = denoiser.architecture();
        int[] sizes = a.categorySizes();
        int dk = sizes.length;
        int[] offsets = a.logitOffsets();
        int outWidth = a.outputWidth();
        int[] start = new int[dk];
        for (int k = 0; k < dk; k++) {
            start[k] = sizes[k];
        }
        List<int[]> states = new ArrayList<>(List.of(start));
        List<Double> weights = new ArrayList<>(List.of(1.0));
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> parameters = denoiser.arrays(manager);
            for (int k = 0; k < dk; k++) {
                if (restrictions[k] == null) {
                    continue;
                }
                int n = states.size();
                int[] flat = new int[n * dk];
                for (int s = 0; s < n; s++) {
                    System.arraycopy(states.get(s), 0, flat, s * dk, dk);
                }
                float[] out = predict(manager, parameters, new float[n * a.gaussian()], flat, schedule.steps(), n,
                        new float[n * a.inputWidth()]);
                List<int[]> next = new ArrayList<>();
                List<Double> nextWeights = new ArrayList<>();
                for (int s = 0; s < n; s++) {
                    double[] p = softmax(out, s * outWidth + offsets[k], sizes[k], null);
                    for (int c = 0; c < sizes[k]; c++) {
                        if (restrictions[k][c]) {
                            int[] st = states.get(s).clone();
                            st[k] = c;
                            next.add(st);
                            nextWeights.add(weights.get(s) * p[c]);
                        }
                    }
                }
                if (next.size() > MAX_PROBABILITY_STATES) {
                    throw new DoppelException("the condition " + condition + " allows too many combinations ("
                            + next.size() + ") for the diffusion model to weigh");
                }
                states = next;
                weights = nextWeights;
            }
        }
        return weights.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** {@code allowed} narrowed by {@code condition}. */
    boolean[][] restrict(Condition condition, boolean[][] allowed) {
        boolean[][] restricted = new boolean[allowed.length][];
        for (int k = 0; k < allowed.length; k++) {
            restricted[k] = allowed[k] == null ? null : allowed[k].clone();
        }
        for (ColumnCondition part : condition.parts()) {
            TabularCoding.ColumnCoding c = codingOf(part.column());
            if (!(part instanceof ColumnCondition.OneOf oneOf) || !(c instanceof TabularCoding.Categorical k)) {
                throw new DoppelException("the diffusion synthesizer conditions on categorical and boolean columns "
                        + "only; " + part.column() + " is not one");
            }
            boolean[] ok = new boolean[k.values().size()];
            for (int v = 0; v < ok.length; v++) {
                ok[v] = oneOf.allows(k.values().get(v))
                        && (restricted[k.coordinate()] == null || restricted[k.coordinate()][v]);
            }
            restricted[k.coordinate()] = ok;
        }
        return restricted;
    }

    private TabularCoding.ColumnCoding codingOf(String column) {
        List<String> names = coding.metadata().columnNames();
        int c = names.indexOf(column);
        if (c < 0) {
            throw new DoppelException("no column named " + column + "; columns are " + names);
        }
        return coding.columns().get(c);
    }

    private String columnOf(int coordinate) {
        for (int c = 0; c < coding.columns().size(); c++) {
            if (coding.columns().get(c) instanceof TabularCoding.Categorical k && k.coordinate() == coordinate
                    || coding.columns().get(c) instanceof TabularCoding.Discrete d && d.coordinate() == coordinate) {
                return coding.metadata().columns().get(c).name();
            }
        }
        return "coordinate " + coordinate;
    }

    private static boolean anyTrue(boolean[] a) {
        for (boolean b : a) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> categories(String column) {
        if (codingOf(column) instanceof TabularCoding.Categorical k) {
            return k.values();
        }
        throw new DoppelException("column " + column + " is not categorical or boolean");
    }

    /** The network's weights, stored as the model file's binary part {@value StoredWeights#PART}. */
    @Override
    public Map<String, byte[]> binaryParts() {
        return StoredWeights.binaryParts(denoiser.weights());
    }

    /** The coding, schedule and architecture; the weights are the binary part. */
    @Override
    public JsonNode parametersJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", PARAMETERS_VERSION);
        root.set("columns", coding.toJson());
        root.put("schedule", schedule.kind().name().toLowerCase(Locale.ROOT));
        root.put("steps", schedule.steps());
        Denoiser.Architecture a = denoiser.architecture();
        root.put("timeDims", a.timeDims());
        ArrayNode hidden = root.putArray("hidden");
        for (int h : a.hidden()) {
            hidden.add(h);
        }
        return root;
    }

    /**
     * Reads {@link #parametersJson()} and the weights part; invalid parameters, missing, corrupted or misshapen
     * weights raise an {@code InvalidDataException}.
     */
    public static DiffusionModel read(TableMetadata metadata, JsonNode parameters, Map<String, byte[]> parts,
                                      String sourceName) {
        ParameterReader r = new ParameterReader(sourceName);
        int version = parameters.has("version") ? r.count(parameters.get("version"), "version", 1) : 1;
        if (version > PARAMETERS_VERSION) {
            throw r.invalid("version", "a diffusion model of version " + PARAMETERS_VERSION
                    + " or older (written by a newer Doppel?)", version);
        }
        TabularCoding coding = TabularCoding.fromJson(r, parameters, metadata, version >= 2);
        String kind = r.text(parameters, "schedule", "schedule");
        if (!kind.equals("cosine") && !kind.equals("linear")) {
            throw r.invalid("schedule", "cosine or linear", kind);
        }
        int steps = r.count(parameters.get("steps"), "steps", 2);
        int timeDims = r.count(parameters.get("timeDims"), "timeDims", 2);
        if (timeDims % 2 != 0) {
            throw r.invalid("timeDims", "an even number", timeDims);
        }
        JsonNode hiddenNode = r.array(parameters, "hidden", "hidden");
        if (hiddenNode.isEmpty()) {
            throw r.invalid("hidden", "at least one layer width", "none");
        }
        int[] hidden = new int[hiddenNode.size()];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = r.count(hiddenNode.get(i), "hidden[" + i + "]", 1);
        }
        WeightsBlock weights = StoredWeights.fromBinaryParts(parts, sourceName);
        Denoiser.Architecture a = new Denoiser.Architecture(coding.gaussianCount(), coding.categorySizes(), timeDims,
                hidden);
        NoiseSchedule schedule = new NoiseSchedule(NoiseSchedule.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), steps);
        return new DiffusionModel(coding, schedule, new Denoiser(a, weights, sourceName));
    }

    @Override
    public String toString() {
        return "DiffusionModel" + Arrays.toString(denoiser.architecture().widths());
    }
}
