package dev.doppel.neural;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;

/**
 * A trained network that makes rows in the feature space of a {@link dev.doppel.neural.transform.ModeSpecificTransform}
 * (arg-max decides each one-hot span). Evaluated in plain Java, so it is deterministic, thread safe and needs no
 * native library.
 */
public interface FeatureGenerator {
    /**
     * Features for {@code rows} rows, row-major [rows, width], every random draw taken from {@code random}.
     *
     * @param hint when not null, the rows are wanted with this categorical column in these classes; a generator that
     *             can steer towards it (CTGAN's conditional vector) does, others ignore it. Rows are checked
     *             afterwards either way
     */
    float[] generate(SplittableRandom random, int rows, ClassHint hint);

    /** The network's shape and settings, stored in the model's parameters. */
    JsonNode networkJson();

    /** The trained weights. */
    WeightsBlock weights();

    /**
     * Rows wanted with learned categorical column {@code encoding} (an index into the transform's encodings) in one
     * of {@code classes}, drawn with probabilities {@code shares}.
     */
    record ClassHint(int encoding, int[] classes, double[] shares) { }
}
