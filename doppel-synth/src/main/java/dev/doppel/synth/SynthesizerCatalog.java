package dev.doppel.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.bayesnet.BayesNetModel;
import dev.doppel.synth.bayesnet.BayesNetSynthesizer;
import dev.doppel.synth.copula.GaussianCopulaModel;
import dev.doppel.synth.copula.GaussianCopulaSynthesizer;
import dev.doppel.synth.trees.TreeModel;
import dev.doppel.synth.trees.TreeSynthesizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The synthesizers Doppel knows by name: how to make each, and how to read back the models it fits. */
public final class SynthesizerCatalog {
    /**
     * Reads a model back from its stored parameters and binary parts (see {@link FittedModel#binaryParts()}); invalid
     * input raises an {@link InvalidDataException}.
     */
    @FunctionalInterface
    public interface ModelReader {
        FittedModel read(TableMetadata metadata, JsonNode parameters, Map<String, byte[]> binaryParts,
                String sourceName);

        /** A reader for models stored as parameters alone; a model file with binary parts for it is refused. */
        static ModelReader parametersOnly(ParametersReader reader) {
            return (metadata, parameters, binaryParts, sourceName) -> {
                if (!binaryParts.isEmpty()) {
                    throw new InvalidDataException(sourceName, 0, "binary parts", "none for this synthesizer",
                            String.join(", ", new java.util.TreeSet<>(binaryParts.keySet())));
                }
                return reader.read(metadata, parameters, sourceName);
            };
        }
    }

    /** Reads a model stored as parameters alone. */
    @FunctionalInterface
    public interface ParametersReader {
        FittedModel read(TableMetadata metadata, JsonNode parameters, String sourceName);
    }

    /** One synthesizer: its name, a factory with default parameters, and its model reader. */
    public record Entry(String name, Supplier<Synthesizer> factory, ModelReader reader) { }

    /**
     * The synthesizer used when none is named: {@code trees}, the best measured on Adult and the credit-card sample
     * (docs/BENCHMARKS.md). {@code bayes-net} is the one that samples conditionally.
     */
    public static final String DEFAULT = TreeSynthesizer.NAME;

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public SynthesizerCatalog(List<Entry> entries) {
        for (Entry e : entries) {
            if (this.entries.putIfAbsent(e.name(), e) != null) {
                throw new IllegalArgumentException("synthesizer " + e.name() + " is listed twice");
            }
        }
    }

    /** Every synthesizer that ships with Doppel. */
    public static SynthesizerCatalog standard() {
        return new SynthesizerCatalog(List.of(
                new Entry(GaussianCopulaSynthesizer.NAME, GaussianCopulaSynthesizer::new,
                        ModelReader.parametersOnly(GaussianCopulaModel::fromJson)),
                new Entry(BayesNetSynthesizer.NAME, BayesNetSynthesizer::new,
                        ModelReader.parametersOnly(BayesNetModel::fromJson)),
                new Entry(TreeSynthesizer.NAME, TreeSynthesizer::new, ModelReader.parametersOnly(TreeModel::fromJson))));
    }

    /** This catalog and {@code more} (synthesizers from other modules, such as the neural ones). */
    public SynthesizerCatalog plus(List<Entry> more) {
        List<Entry> all = new java.util.ArrayList<>(entries.values());
        all.addAll(more);
        return new SynthesizerCatalog(all);
    }

    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** A synthesizer with default parameters. */
    public Synthesizer create(String name) {
        return entry(name).factory().get();
    }

    /** The model of synthesizer {@code name} from its stored parameters. */
    public FittedModel readModel(String name, TableMetadata metadata, JsonNode parameters,
            Map<String, byte[]> binaryParts, String sourceName) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new InvalidDataException(sourceName, 0, "synthesizer", "one of " + names(), "'" + name + "'");
        }
        return e.reader().read(metadata, parameters, binaryParts, sourceName);
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new DoppelException("unknown synthesizer '" + name + "'; known: " + String.join(", ", names()));
        }
        return e;
    }
}
