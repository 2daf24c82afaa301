package dev.doppel.neural;

import dev.doppel.InvalidDataException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The binary form of a network's weights (or a training checkpoint): named float tensors plus text attributes, with
 * its own version and checksum so a weights block is validated on its own, wherever it is stored (a binary part of a
 * model file, a checkpoint file).
 *
 * <p>Layout, big-endian: magic {@code DOPPELWT}, format version (int, {@value #VERSION}), attribute count, then each
 * attribute as two UTF-8 strings (length-prefixed); tensor count, then each tensor as name, rank, dimensions and
 * little-endian float32 values; last, the SHA-256 of every byte before it. Floats are little-endian because that is
 * how they sit in memory on every platform PyTorch's CPU engine runs on.
 *
 * @param attributes small facts stored with the tensors (e.g. a checkpoint's epoch), in insertion order
 * @param tensors    in order, names unique
 */
public record WeightsBlock(Map<String, String> attributes, List<NamedTensor> tensors) {
    /** The version of the binary layout this code writes and reads. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "DOPPELWT".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;
    private static final int MAX_RANK = 8;

    public WeightsBlock {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        tensors = List.copyOf(tensors);
        Set<String> names = new HashSet<>();
        for (NamedTensor t : tensors) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("tensor " + t.name() + " is listed twice");
            }
        }
    }

    /** Tensors without attributes. */
    public static WeightsBlock of(List<NamedTensor> tensors) {
        return new WeightsBlock(Map.of(), tensors);
    }

    /** The tensor called {@code name}; an {@link IllegalArgumentException} when absent. */
    public NamedTensor tensor(String name) {
        for (NamedTensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no tensor named " + name);
    }

    /** The bytes of this block, checksum included. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(attributes.size());
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            out.writeInt(tensors.size());
            for (NamedTensor t : tensors) {
                writeString(out, t.name());
                int[] shape = t.shape();
                out.writeInt(shape.length);
                for (int d : shape) {
                    out.writeInt(d);
                }
                ByteBuffer values = ByteBuffer.allocate(t.values().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                values.asFloatBuffer().put(t.values());
                out.write(values.array());
            }
            out.flush();
            out.write(sha256(bytes.toByteArray(), bytes.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a block written by {@link #encode()}, checking magic, version, checksum and every length.
     *
     * @param source names the block in messages, e.g. {@code model.doppel, part weights}
     * @throws InvalidDataException when the bytes are not a valid weights block
     */
    public static WeightsBlock decode(byte[] bytes, String source) {
        if (bytes.length < MAGIC.length + Integer.BYTES + DIGEST_BYTES
                || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw invalid(source, "a Doppel weights block (starting with DOPPELWT)", "something else");
        }
        int version = ByteBuffer.wrap(bytes, MAGIC.length, Integer.BYTES).getInt();
        if (version != VERSION) {
            throw invalid(source, "weights block version " + VERSION, "version " + version);
        }
        int body = bytes.length - DIGEST_BYTES;
        if (!MessageDigest.isEqual(sha256(bytes, body), Arrays.copyOfRange(bytes, body, bytes.length))) {
            throw invalid(source, "weights matching their checksum",
                    "a checksum mismatch: the weights are corrupted or were modified");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, body);
        in.position(MAGIC.length + Integer.BYTES);
        try {
            int attributeCount = count(in, source, "attribute count");
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < attributeCount; i++) {
                attributes.put(readString(in, source), readString(in, source));
            }
            int tensorCount = count(in, source, "tensor count");
            List<NamedTensor> tensors = new ArrayList<>(tensorCount);
            for (int i = 0; i < tensorCount; i++) {
                String name = readString(in, source);
                int rank = in.getInt();
                if (rank < 0 || rank > MAX_RANK) {
                    throw invalid(source, "a rank of 0.." + MAX_RANK + " for tensor " + name, String.valueOf(rank));
                }
                int[] shape = new int[rank];
                long size = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.getInt();
                    size *= Math.max(shape[d], 0);
                    if (shape[d] < 0 || size * Float.BYTES > in.remaining()) {
                        throw invalid(source, "dimensions of tensor " + name + " that fit the block",
                                Arrays.toString(Arrays.copyOf(shape, d + 1)));
                    }
                }
                float[] values = new float[(int) size];
                in.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
                in.position(in.position() + values.length * Float.BYTES);
                tensors.add(new NamedTensor(name, shape, values));
            }
            if (in.hasRemaining()) {
                throw invalid(source, "nothing after the last tensor", in.remaining() + " more bytes");
            }
            return new WeightsBlock(attributes, tensors);
        } catch (java.nio.BufferUnderflowException e) {
            throw invalid(source, "a complete weights block", "a truncated one");
        } catch (IllegalArgumentException e) {
            throw invalid(source, "a valid weights block", e.getMessage());
        }
    }

    private static int count(ByteBuffer in, String source, String what) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw invalid(source, "a " + what + " that fits the block", String.valueOf(n));
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(ByteBuffer in, String source) {
        int n = count(in, source, "text length");
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static InvalidDataException invalid(String source, String expected, String actual) {
        return new InvalidDataException(source, 0, null, expected, actual);
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
