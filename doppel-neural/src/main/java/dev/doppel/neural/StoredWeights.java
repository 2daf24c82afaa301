package dev.doppel.neural;

import dev.doppel.InvalidDataException;
import java.util.Map;

/**
 * Where a neural model's {@link WeightsBlock} goes in a model file: the binary part {@value #PART} of
 * {@link dev.doppel.synth.FittedModel#binaryParts()} (a section of its own with its own checksum in the model file),
 * read back and validated on load (the block's own version and checksum as well as the section's).
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
}
