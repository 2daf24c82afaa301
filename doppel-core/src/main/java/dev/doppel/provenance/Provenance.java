package dev.doppel.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;

/**
 * How a model was made: from which data, by which synthesizer with which parameters, with which seed and Doppel
 * version, and when. Written into every model file, so a model can explain itself and be made again.
 *
 * @param sourceName   file name (not path) of the training data
 * @param sourceSha256 SHA-256 of the training file's bytes, lower-case hex
 * @param rows         training rows
 * @param columns      training columns
 * @param synthesizer  synthesizer name, e.g. {@code gaussian-copula}
 * @param parameters   every parameter of the synthesizer, defaults included
 * @param seed         the seed used for fitting
 * @param doppelVersion the Doppel version that fitted the model
 * @param createdAt    ISO-8601 instant of the fit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
        String sourceName,
        String sourceSha256,
        long rows,
        int columns,
        String synthesizer,
        Map<String, Object> parameters,
        long seed,
        String doppelVersion,
        String createdAt) {

    public Provenance {
        Objects.requireNonNull(synthesizer, "synthesizer");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
