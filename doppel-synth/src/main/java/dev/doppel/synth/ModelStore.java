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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves fitted models into a {@link ModelFile} and loads them back. The "model" section is JSON:
 * {@code {"synthesizer": "...", "provenance": {...}, "metadata": {...}, "parameters": {...}}}; each binary part of the
 * model (see {@link FittedModel#binaryParts()}) follows as a section named {@code model.part.NAME}.
 */
public final class ModelStore {
    private static final String SECTION = "model";
    /** Prefix of the sections holding a model's binary parts. */
    public static final String PART_PREFIX = "model.part.";

    private final SynthesizerCatalog catalog;

    public ModelStore(SynthesizerCatalog catalog) {
        this.catalog = catalog;
    }

    /** Saves with the standard catalog's format. */
    public static void save(Path file, FittedModel model, Provenance provenance) {
        ObjectMapper mapper = Json.newMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("synthesizer", model.synthesizer());
        root.set("provenance", mapper.valueToTree(provenance));
        root.set("metadata", MetadataJson.toJson(model.metadata()));
        root.set("parameters", model.parametersJson());
        try {
            List<ModelFile.Section> sections = new ArrayList<>();
            sections.add(new ModelFile.Section(SECTION, "application/json", mapper.writeValueAsBytes(root)));
            sections.addAll(partSections(PART_PREFIX, model.binaryParts()));
            ModelFile.write(file, sections);
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
        List<ModelFile.Section> sections = ModelFile.read(file);
        ModelFile.Section section = sections.stream()
                .filter(s -> s.name().equals(SECTION)).findFirst()
                .orElseThrow(() -> new InvalidDataException(name, 0, null, "a 'model' section", "none"));
        Map<String, byte[]> parts = parts(sections, PART_PREFIX);
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
        FittedModel model = metadata.constraints().isEmpty()
                ? catalog.readModel(synthesizer, metadata, root.get("parameters"), parts, name)
                : ConstrainedModel.fromJson(metadata, root.get("parameters"), name,
                        (modelSpace, parameters) -> catalog.readModel(synthesizer, modelSpace, parameters, parts,
                                name));
        return new StoredModel(model, provenance, fingerprint(section.content(), parts));
    }

    /** Sections for {@code parts}, named {@code prefix + name}, in name order so files do not depend on map order. */
    public static List<ModelFile.Section> partSections(String prefix, Map<String, byte[]> parts) {
        List<ModelFile.Section> sections = new ArrayList<>();
        new TreeMap<>(parts).forEach((partName, bytes) ->
                sections.add(new ModelFile.Section(prefix + partName, "application/octet-stream", bytes)));
        return sections;
    }

    /** The binary parts among {@code sections}: those named {@code prefix + name}, by name. */
    public static Map<String, byte[]> parts(List<ModelFile.Section> sections, String prefix) {
        Map<String, byte[]> parts = new TreeMap<>();
        for (ModelFile.Section s : sections) {
            if (s.name().startsWith(prefix)) {
                parts.put(s.name().substring(prefix.length()), s.content());
            }
        }
        return parts;
    }

    /**
     * {@code sha256:} and the hash of the model section, or, when the model has binary parts, of the section and the
     * parts' hashes in name order, so that a manifest links to the weights as well.
     */
    public static String fingerprint(byte[] modelSection, Map<String, byte[]> parts) {
        if (parts.isEmpty()) {
            return "sha256:" + ModelFile.sha256Hex(modelSection);
        }
        StringBuilder all = new StringBuilder(ModelFile.sha256Hex(modelSection));
        new TreeMap<>(parts).forEach((partName, bytes) ->
                all.append('\n').append(partName).append(' ').append(ModelFile.sha256Hex(bytes)));
        return "sha256:" + ModelFile.sha256Hex(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
