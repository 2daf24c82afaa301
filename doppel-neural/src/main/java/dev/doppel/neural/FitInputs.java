package dev.doppel.neural;

import dev.doppel.DoppelException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.neural.transform.ColumnEncoding;
import dev.doppel.neural.transform.ModeSpecificTransform;
import dev.doppel.synth.StreamSeeds;
import dev.doppel.synth.fake.FakeColumn;
import dev.doppel.table.Table;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every neural synthesizer derives from the table before training: the transform, the encoded rows, the fake
 * columns, each categorical column's class shares, and a key identifying the fit for checkpoints.
 *
 * @param classShares per learned column (transform encoding order): class shares for categorical ones, null else
 */
public record FitInputs(ModeSpecificTransform transform, ModeSpecificTransform.Encoded encoded,
                        Map<Integer, FakeColumn> fakes, double[][] classShares) {
    /** Checks the table against its metadata, fits the transform and encodes the rows (modes drawn from the seed). */
    public static FitInputs of(String synthesizer, Table table, TableMetadata metadata, long seed) {
        if (table.columnCount() != metadata.columns().size()) {
            throw new IllegalArgumentException("table has " + table.columnCount() + " columns, metadata "
                    + metadata.columns().size());
        }
        if (table.rowCount() < 2) {
            throw new DoppelException("the " + synthesizer + " synthesizer needs at least 2 rows to learn from, not "
                    + table.rowCount());
        }
        Map<Integer, FakeColumn> fakes = new HashMap<>();
        for (int c = 0; c < metadata.columns().size(); c++) {
            ColumnMetadata meta = metadata.columns().get(c);
            if (!meta.isLearned()) {
                fakes.put(c, FakeColumn.fit(meta, table.column(c)));
            }
        }
        ModeSpecificTransform transform = ModeSpecificTransform.fit(table, metadata);
        ModeSpecificTransform.Encoded encoded = transform.encode(table, StreamSeeds.mix(seed, 1));
        double[][] shares = new double[transform.encodings().size()][];
        for (int e = 0; e < shares.length; e++) {
            if (transform.encodings().get(e) instanceof ColumnEncoding.Categorical k) {
                shares[e] = new double[k.width()];
                for (int cls : encoded.classes()[e]) {
                    shares[e][cls] += 1.0 / encoded.rows();
                }
                double sum = 0;
                for (double s : shares[e]) {
                    sum += s;
                }
                for (int i = 0; i < shares[e].length; i++) {
                    shares[e][i] /= sum;
                }
            }
        }
        return new FitInputs(transform, encoded, fakes, shares);
    }

    /**
     * A key naming this fit for checkpoints: SHA-256 of the encoded rows, the synthesizer's settings (those that
     * shape the model) and the seed.
     */
    public String fitKey(String settings, long seed) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(encoded.data().length * Float.BYTES);
            buffer.asFloatBuffer().put(encoded.data());
            digest.update(buffer.array());
            digest.update((settings + "|seed=" + seed).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The training schedule of a fit: early stopping after {@code patience} epochs, epoch draws from the seed, and a
     * checkpoint key covering the rows, the seed and every setting but where and how often checkpoints are kept.
     */
    public TrainingLoop.Schedule schedule(String synthesizer, Map<String, Object> parameters, int epochs, int patience,
                                         String checkpoint, int checkpointEvery, long seed) {
        Map<String, Object> shaping = new LinkedHashMap<>(parameters);
        shaping.remove("checkpoint");
        shaping.remove("checkpointEvery");
        return new TrainingLoop.Schedule(epochs, patience, StreamSeeds.mix(seed, 3),
                checkpoint.isBlank() ? Optional.empty() : Optional.of(Path.of(checkpoint)), checkpointEvery,
                fitKey(synthesizer + shaping, seed));
    }
}
