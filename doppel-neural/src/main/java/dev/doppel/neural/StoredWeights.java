package dev.doppel.neural;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.doppel.InvalidDataException;
import java.util.Base64;
import java.util.Map;

/**
 * Where a neural model's {@link WeightsBlock} goes in a model file: the binary part {@value #PART} of
 * {@link dev.doppel.synth.FittedModel#binaryParts()} (a section of its own with its own checksum in the model file),
 * read back and validated on load. {@link #toJson}/{@link #fromJson} hold the same bytes as Base64 text for stores
 * that only carry JSON; the block's own version and checksum are checked either way.
 */
public final class StoredWeights {
    /** The name of the binary part holding the weights. */
    public static final String PART = "weights";

    private StoredWeights() {
    }

    /** The binary parts of a model whose weights are {@code block}. */
    public static Map<String, byte[]> binaryParts(WeightsBlock block) {
        return Map.of(PART, block.encode());
    }

    /** The weights among a stored model's binary parts. */
    public static WeightsBlock fromBinaryParts(Map<String, byte[]> parts, String sourceName) {
        byte[] bytes = parts.get(PART);
        if (bytes == null) {
            throw new InvalidDataException(sourceName, 0, null, "a binary part '" + PART + "' with the network "
                    + "weights", "none");
        }
        return WeightsBlock.decode(bytes, sourceName + ", part " + PART);
    }

    /** The block as Base64 text. */
    public static JsonNode toJson(WeightsBlock block) {
        return JsonNodeFactory.instance.textNode(Base64.getEncoder().encodeToString(block.encode()));
    }

    /** The block from {@link #toJson}'s text at {@code path} of a model's parameters. */
    public static WeightsBlock fromJson(JsonNode node, String sourceName, String path) {
        if (node == null || !node.isTextual()) {
            throw new InvalidDataException(sourceName, 0, path, "the network weights as Base64 text",
                    node == null ? "none" : node.getNodeType().toString());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(sourceName, 0, path, "Base64 text", e.getMessage());
        }
        return WeightsBlock.decode(bytes, sourceName + ", " + path);
    }
}
