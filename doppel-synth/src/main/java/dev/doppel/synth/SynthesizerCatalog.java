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
    /** Reads a model's parameters back; invalid parameters raise an {@link InvalidDataException}. */
    @FunctionalInterface
    public interface ModelReader {
        SyntheticModel read(TableMetadata metadata, JsonNode parameters, String sourceName);
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
                new Entry(GaussianCopulaSynthesizer.NAME, GaussianCopulaSynthesizer::new, GaussianCopulaModel::fromJson),
                new Entry(BayesNetSynthesizer.NAME, BayesNetSynthesizer::new, BayesNetModel::fromJson),
                new Entry(TreeSynthesizer.NAME, TreeSynthesizer::new, TreeModel::fromJson)));
    }

    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** A synthesizer with default parameters. */
    public Synthesizer create(String name) {
        return entry(name).factory().get();
    }

    /** The model of synthesizer {@code name} from its stored parameters. */
    public SyntheticModel readModel(String name, TableMetadata metadata, JsonNode parameters, String sourceName) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new InvalidDataException(sourceName, 0, "synthesizer", "one of " + names(), "'" + name + "'");
        }
        return e.reader().read(metadata, parameters, sourceName);
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new DoppelException("unknown synthesizer '" + name + "'; known: " + String.join(", ", names()));
        }
        return e;
    }
}
