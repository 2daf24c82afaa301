package dev.doppel.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.io.Json;
import dev.doppel.metadata.MetadataJson;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.model.ModelFile;
import dev.doppel.provenance.Provenance;
import dev.doppel.synth.constraint.ConstrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Saves fitted models into a {@link ModelFile} and loads them back. The "model" section is JSON:
 * {@code {"synthesizer": "...", "provenance": {...}, "metadata": {...}, "parameters": {...}}}.
 */
public final class ModelStore {
    private static final String SECTION = "model";

    private final SynthesizerCatalog catalog;

    public ModelStore(SynthesizerCatalog catalog) {
        this.catalog = catalog;
    }

    /** Saves with the standard catalog's format. */
    public static void save(Path file, SyntheticModel model, Provenance provenance) {
        ObjectMapper mapper = Json.newMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("synthesizer", model.synthesizer());
        root.set("provenance", mapper.valueToTree(provenance));
        root.set("metadata", MetadataJson.toJson(model.metadata()));
        root.set("parameters", model.parametersJson());
        try {
            ModelFile.write(file, List.of(new ModelFile.Section(SECTION, "application/json",
                    mapper.writeValueAsBytes(root))));
        } catch (JsonProcessingException e) {
            throw new DoppelException("cannot encode the model: " + e.getMessage(), e);
        }
    }

    /** Loads a model with the standard catalog. */
    public static StoredModel load(Path file) {
        return new ModelStore(SynthesizerCatalog.standard()).read(file);
    }

    /** Loads a model, checking the file, its checksum, and every part of the model. */
    public StoredModel read(Path file) {
        String name = file.getFileName().toString();
        ModelFile.Section section = ModelFile.read(file).stream()
                .filter(s -> s.name().equals(SECTION)).findFirst()
                .orElseThrow(() -> new InvalidDataException(name, 0, null, "a 'model' section", "none"));
        ObjectMapper mapper = Json.newMapper();
        JsonNode root;
        try {
            root = mapper.readTree(section.content());
        } catch (IOException e) {
            throw new InvalidDataException(name, 0, "model", "JSON", e.getMessage());
        }
        for (String field : List.of("synthesizer", "provenance", "metadata", "parameters")) {
            if (!root.hasNonNull(field)) {
                throw new InvalidDataException(name, 0, field, "a '" + field + "' field in the model", "none");
            }
        }
        Provenance provenance;
        try {
            provenance = mapper.treeToValue(root.get("provenance"), Provenance.class);
        } catch (JsonProcessingException e) {
            throw new InvalidDataException(name, 0, "provenance", "valid provenance", e.getOriginalMessage());
        }
        TableMetadata metadata = MetadataJson.fromJson(root.get("metadata"), name);
        String synthesizer = root.get("synthesizer").asText();
        // A model with constraints wraps the synthesizer's model, fitted on the metadata the constraints derive.
        SyntheticModel model = metadata.constraints().isEmpty()
                ? catalog.readModel(synthesizer, metadata, root.get("parameters"), name)
                : ConstrainedModel.fromJson(metadata, root.get("parameters"), name,
                        (modelSpace, parameters) -> catalog.readModel(synthesizer, modelSpace, parameters, name));
        return new StoredModel(model, provenance, "sha256:" + ModelFile.sha256Hex(section.content()));
    }
}
