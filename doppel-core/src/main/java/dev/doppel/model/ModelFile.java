package dev.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.io.AtomicOutput;
import dev.doppel.io.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The container every Doppel model is stored in: versioned, self-describing, checksummed, no Java serialization.
 *
 * <p>Layout: line 1 is a JSON header ending in {@code \n},
 * {@code {"format":"doppel-model","formatVersion":1,"sections":[{"name":"model","mediaType":"application/json",
 * "length":1234,"sha256":"..."}]}}, followed by the sections' bytes in order. The first section is readable JSON
 * ({@code tail -n +2 model.doppel}); later sections may be binary (for example network weights). A section whose
 * bytes do not match its checksum, a truncated file or an unknown version is refused with a message saying so.
 */
public final class ModelFile {
    public static final String FORMAT = "doppel-model";
    public static final int FORMAT_VERSION = 1;
    private static final int MAX_HEADER_BYTES = 1 << 20;

    private ModelFile() {
    }

    /** One named part of a model file. */
    public record Section(String name, String mediaType, byte[] content) {
        public Section {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a section needs a name");
            }
        }
    }

    /** Writes {@code sections} to {@code file} atomically (temp file, then rename). */
    public static void write(Path file, List<Section> sections) {
        ObjectMapper mapper = Json.newMapper();
        ObjectNode header = mapper.createObjectNode();
        header.put("format", FORMAT);
        header.put("formatVersion", FORMAT_VERSION);
        ArrayNode list = header.putArray("sections");
        for (Section s : sections) {
            ObjectNode entry = list.addObject();
            entry.put("name", s.name());
            entry.put("mediaType", s.mediaType());
            entry.put("length", s.content().length);
            entry.put("sha256", sha256Hex(s.content()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            // The header is one line, so it must not be indented.
            bytes.write(mapper.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(header));
            bytes.write('\n');
            for (Section s : sections) {
                bytes.write(s.content());
            }
        } catch (IOException e) {
            throw new DoppelException("cannot encode model file " + file + ": " + e.getMessage(), e);
        }
        AtomicOutput.writeBytes(file, bytes.toByteArray());
    }

    /** Reads and checks every section of {@code file}. */
    public static List<Section> read(Path file) {
        String name = file.getFileName().toString();
        byte[] bytes = dev.doppel.io.InputFile.readBytes(file);
        int newline = -1;
        for (int i = 0; i < Math.min(bytes.length, MAX_HEADER_BYTES); i++) {
            if (bytes[i] == '\n') {
                newline = i;
                break;
            }
        }
        JsonNode header = null;
        if (newline > 0 && bytes[0] == '{') {
            try {
                header = Json.newMapper().readTree(new String(bytes, 0, newline, StandardCharsets.UTF_8));
            } catch (IOException e) {
                header = null;
            }
        }
        if (header == null || !FORMAT.equals(header.path("format").asText())) {
            throw new InvalidDataException(name, 1, null, "a Doppel model file (written by 'doppel fit')",
                    "something else");
        }
        int version = header.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new InvalidDataException(name, 1, "formatVersion",
                    "model file format version " + FORMAT_VERSION + " (this Doppel reads version " + FORMAT_VERSION
                            + ")", "version " + header.path("formatVersion"));
        }
        List<Section> sections = new ArrayList<>();
        long offset = newline + 1L;
        for (JsonNode entry : header.path("sections")) {
            String sectionName = entry.path("name").asText();
            long length = entry.path("length").asLong(-1);
            if (length < 0 || offset + length > bytes.length) {
                throw new InvalidDataException(name, 0, null,
                        "section '" + sectionName + "' of " + length + " bytes", "a truncated file");
            }
            byte[] content = java.util.Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length));
            if (!sha256Hex(content).equals(entry.path("sha256").asText())) {
                throw new InvalidDataException(name, 0, null,
                        "section '" + sectionName + "' to match its checksum",
                        "a checksum mismatch: the file is corrupted or was modified");
            }
            sections.add(new Section(sectionName, entry.path("mediaType").asText(), content));
            offset += length;
        }
        if (offset != bytes.length) {
            throw new InvalidDataException(name, 0, null, offset + " bytes as the header lists",
                    bytes.length + " bytes");
        }
        return sections;
    }

    /** Lower-case hex SHA-256 of {@code content}. */
    public static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
