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

    private static SyntheticModel fitted() {
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
        SyntheticModel model = fitted();
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
}
