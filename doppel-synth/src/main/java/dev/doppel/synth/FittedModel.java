package dev.doppel.synth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A model as a synthesizer fitted it or a model file holds it: a {@link SyntheticModel} that can be stored.
 * Conditioned or rebalanced views made from it ({@link #given}, {@code Rebalancing}) only sample; the model is what
 * gets stored, and a view's condition is given again when sampling (and recorded in the output's manifest).
 */
public interface FittedModel extends SyntheticModel {
    /** The learned parameters as JSON, read back by the synthesizer's model reader. */
    JsonNode parametersJson();

    /**
     * Named binary parts stored beside the parameters, such as network weights; each becomes its own checksummed
     * section of the model file and is handed back to the model reader by name. None by default.
     */
    default Map<String, byte[]> binaryParts() {
        return Map.of();
    }
}
