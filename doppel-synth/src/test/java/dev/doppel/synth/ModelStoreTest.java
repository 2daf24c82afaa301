package dev.doppel.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.InvalidDataException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.provenance.Provenance;
import dev.doppel.synth.copula.GaussianCopulaSynthesizer;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path dir;

    private static FittedModel fitted() {
        int n = 500;
        double[] x = new double[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 50;
            c[i] = i % 3;
        }
        TableMetadata md = new TableMetadata(List.of(ColumnMetadata.numerical("x", true, 0.0, 49.0, 0),
                ColumnMetadata.categorical("c")));
        Table t = new Table(List.of(new NumericColumn("x", x), new CategoricalColumn("c", c, List.of("a", "b", "z"))));
        return new GaussianCopulaSynthesizer().fit(t, md, 1);
    }

    private static final Provenance PROVENANCE = new Provenance("data.csv", "ab".repeat(32), 500, 2,
            "gaussian-copula", Map.of("quantileKnots", 1001), 1, "test", "2026-11-24T00:00:00Z");

    @Test
    void savedModelLoadsWithItsProvenanceAndSamplesIdentically() {
        FittedModel model = fitted();
        Path file = dir.resolve("m.doppel");
        ModelStore.save(file, model, PROVENANCE);
        StoredModel stored = ModelStore.load(file);
        assertThat(stored.provenance()).isEqualTo(PROVENANCE);
        assertThat(stored.fingerprint()).startsWith("sha256:").hasSize(71);
        assertThat(stored.model().metadata()).isEqualTo(model.metadata());
        Table a = model.sampleBlock(3, 0, 100);
        Table b = stored.model().sampleBlock(3, 0, 100);
        for (int i = 0; i < 100; i++) {
            assertThat(((NumericColumn) b.column(0)).get(i)).isEqualTo(((NumericColumn) a.column(0)).get(i));
            assertThat(((CategoricalColumn) b.column(1)).get(i)).isEqualTo(((CategoricalColumn) a.column(1)).get(i));
        }
    }

    @Test
    void unknownSynthesizerInAModelIsNamed() throws IOException {
        Path file = dir.resolve("m.doppel");
        ModelStore.save(file, fitted(), PROVENANCE);
        // Rewrite the model section with another synthesizer name and a matching checksum: a well-formed file
        // from a future Doppel.
        List<dev.doppel.model.ModelFile.Section> sections = dev.doppel.model.ModelFile.read(file);
        String json = new String(sections.get(0).content(), StandardCharsets.UTF_8)
                .replace("\"synthesizer\" : \"gaussian-copula\",\n  \"provenance\"", "\"synthesizer\" : \"warp-drive\",\n  \"provenance\"");
        dev.doppel.model.ModelFile.write(file, List.of(new dev.doppel.model.ModelFile.Section("model",
                "application/json", json.getBytes(StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> ModelStore.load(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("warp-drive").hasMessageContaining("gaussian-copula");
    }

    @Test
    void tamperedModelIsRejected() throws IOException {
        Path file = dir.resolve("m.doppel");
        ModelStore.save(file, fitted(), PROVENANCE);
        String text = Files.readString(file, StandardCharsets.ISO_8859_1).replace("\"rows\" : 500", "\"rows\" : 501");
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ModelStore.load(file)).hasMessageContaining("checksum mismatch");
    }

    /** A model whose state is a binary part: rows repeat the part's bytes as numbers. */
    record Weighted(TableMetadata metadata, byte[] weights) implements FittedModel {
        static final TableMetadata METADATA = new TableMetadata(List.of(
                ColumnMetadata.numerical("w", true, null, null, 0)));

        @Override
        public String synthesizer() {
            return "weighted";
        }

        @Override
        public Table sampleBlock(long seed, long block, int rows) {
            double[] w = new double[rows];
            for (int i = 0; i < rows; i++) {
                w[i] = weights[(int) ((block * BLOCK_ROWS + i + seed) % weights.length)];
            }
            return new Table(List.of(new NumericColumn("w", w)));
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode parametersJson() {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("length",
                    weights.length);
        }

        @Override
        public Map<String, byte[]> binaryParts() {
            return Map.of("weights", weights);
        }

        static Weighted read(TableMetadata metadata, com.fasterxml.jackson.databind.JsonNode parameters,
                Map<String, byte[]> parts, String source) {
            byte[] w = parts.get("weights");
            if (w == null || w.length != parameters.path("length").asInt(-1)) {
                throw new InvalidDataException(source, 0, "weights", "a weights part of the stored length",
                        w == null ? "none" : w.length + " bytes");
            }
            return new Weighted(metadata, w);
        }
    }

    private static final SynthesizerCatalog WITH_WEIGHTED = SynthesizerCatalog.standard().plus(List.of(
            new SynthesizerCatalog.Entry("weighted", () -> {
                throw new UnsupportedOperationException("read-only in this test");
            }, Weighted::read)));

    @Test
    void binaryPartsAreStoredAsSectionsAndHandedBackToTheReader() {
        byte[] weights = {3, 1, 4, 1, 5, 9, 2, 6};
        Weighted model = new Weighted(Weighted.METADATA, weights);
        Path file = dir.resolve("w.doppel");
        ModelStore.save(file, model, PROVENANCE);
        assertThat(dev.doppel.model.ModelFile.read(file)).extracting(dev.doppel.model.ModelFile.Section::name)
                .containsExactly("model", "model.part.weights");
        StoredModel stored = new ModelStore(WITH_WEIGHTED).read(file);
        assertThat(((Weighted) stored.model()).weights()).containsExactly(weights);
        assertThat(stored.model().sampleBlock(2, 0, 20)).usingRecursiveComparison()
                .isEqualTo(model.sampleBlock(2, 0, 20));

        // The fingerprint covers the weights: other weights, same parameters, another fingerprint.
        Path other = dir.resolve("o.doppel");
        ModelStore.save(other, new Weighted(Weighted.METADATA, new byte[] {3, 1, 4, 1, 5, 9, 2, 7}), PROVENANCE);
        assertThat(new ModelStore(WITH_WEIGHTED).read(other).fingerprint()).isNotEqualTo(stored.fingerprint());
    }

    @Test
    void aCorruptedBinaryPartIsRefused() throws IOException {
        Path file = dir.resolve("w.doppel");
        ModelStore.save(file, new Weighted(Weighted.METADATA, new byte[] {3, 1, 4, 1, 5, 9, 2, 6}), PROVENANCE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 2] ^= 0x40;
        Files.write(file, bytes);
        assertThatThrownBy(() -> new ModelStore(WITH_WEIGHTED).read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void aParameterOnlySynthesizerRefusesBinaryParts() {
        FittedModel copula = fitted();
        FittedModel withPart = new FittedModel() {
            @Override
            public String synthesizer() {
                return copula.synthesizer();
            }

            @Override
            public TableMetadata metadata() {
                return copula.metadata();
            }

            @Override
            public Table sampleBlock(long seed, long block, int rows) {
                return copula.sampleBlock(seed, block, rows);
            }

            @Override
            public com.fasterxml.jackson.databind.JsonNode parametersJson() {
                return copula.parametersJson();
            }

            @Override
            public Map<String, byte[]> binaryParts() {
                return Map.of("stray", new byte[] {1});
            }
        };
        Path file = dir.resolve("m.doppel");
        ModelStore.save(file, withPart, PROVENANCE);
        assertThatThrownBy(() -> ModelStore.load(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("binary parts").hasMessageContaining("stray");
    }
}
