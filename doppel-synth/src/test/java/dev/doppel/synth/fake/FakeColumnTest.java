package dev.doppel.synth.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.PiiKind;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.copula.GaussianCopulaModel;
import dev.doppel.synth.copula.GaussianCopulaSynthesizer;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeColumnTest {
    private static final int N = 500;

    private static CategoricalColumn distinct(String name, String pattern) {
        int[] codes = new int[N];
        List<String> dict = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            codes[i] = i;
            dict.add(String.format(pattern, i));
        }
        return new CategoricalColumn(name, codes, dict);
    }

    private final TableMetadata metadata = new TableMetadata(List.of(
            ColumnMetadata.id("id", true, null), ColumnMetadata.id("code", false, "C###"),
            ColumnMetadata.id("uuid", false, null), ColumnMetadata.pii("email", PiiKind.EMAIL),
            ColumnMetadata.pii("name", PiiKind.PERSON_NAME), ColumnMetadata.text("note"),
            ColumnMetadata.numerical("x", false, null, null, 3)));

    private final Table training = new Table(List.of(distinct("id", "%d"), distinct("code", "C%03d"),
            distinct("uuid", "u-%d"), distinct("email", "zq-secret-%d@training.invalid"),
            distinct("name", "Zorblax Secretname%d"), distinct("note", "alpha beta gamma %d"),
            new NumericColumn("x", new double[N])));

    private final GaussianCopulaModel model = new GaussianCopulaSynthesizer().fit(training, metadata, 3);

    @Test
    void idsAreUniqueAcrossBlocks() {
        for (String column : List.of("id", "code", "uuid")) {
            Set<String> seen = new HashSet<>();
            for (int b = 0; b < 3; b++) {
                CategoricalColumn c = (CategoricalColumn) model.sampleBlock(1, b, SyntheticModel.BLOCK_ROWS)
                        .column(column);
                for (int i = 0; i < c.size(); i++) {
                    assertThat(seen.add(c.get(i))).as("%s %s", column, c.get(i)).isTrue();
                }
            }
        }
        CategoricalColumn code = (CategoricalColumn) model.sampleBlock(1, 2, 10).column("code");
        // Row 0 of block 2 is global row 16384, key 16385: wider than the ### template, which widens.
        assertThat(code.get(0)).isEqualTo("C16385");
        assertThat(((CategoricalColumn) model.sampleBlock(1, 0, 10).column("code")).get(0)).isEqualTo("C001");
        assertThat(((CategoricalColumn) model.sampleBlock(1, 0, 10).column("uuid")).get(0))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void piiLooksRealAndNeverRepeatsTrainingValues() {
        Table out = model.sampleBlock(5, 0, 2000);
        CategoricalColumn email = (CategoricalColumn) out.column("email");
        CategoricalColumn name = (CategoricalColumn) out.column("name");
        CategoricalColumn note = (CategoricalColumn) out.column("note");
        for (int i = 0; i < email.size(); i++) {
            assertThat(email.get(i)).matches("[^@\\s]+@[^@\\s]+\\.[a-z]+");
            assertThat(email.get(i)).doesNotContain("secret").doesNotContain("training.invalid");
            assertThat(name.get(i)).doesNotContain("Zorblax").doesNotContain("Secretname");
            // Training notes have 4 words each, so every note has 4 words and none of the training words.
            assertThat(note.get(i).split(" ")).hasSize(4);
            assertThat(note.get(i)).doesNotContain("alpha beta gamma");
        }
    }

    @Test
    void sameSeedSameFakeValues() {
        CategoricalColumn a = (CategoricalColumn) model.sampleBlock(8, 1, 300).column("name");
        CategoricalColumn b = (CategoricalColumn) model.sampleBlock(8, 1, 300).column("name");
        CategoricalColumn c = (CategoricalColumn) model.sampleBlock(9, 1, 300).column("name");
        List<String> la = new ArrayList<>();
        List<String> lb = new ArrayList<>();
        List<String> lc = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            la.add(a.get(i));
            lb.add(b.get(i));
            lc.add(c.get(i));
        }
        assertThat(la).isEqualTo(lb).isNotEqualTo(lc);
    }

    @Test
    void keepsNullRateOfNonLearnedColumns() {
        int[] codes = new int[N];
        for (int i = 0; i < N; i++) {
            codes[i] = i % 4 == 0 ? CategoricalColumn.NULL : 0;
        }
        TableMetadata meta = new TableMetadata(List.of(ColumnMetadata.pii("phone", PiiKind.PHONE)));
        GaussianCopulaModel m = new GaussianCopulaSynthesizer()
                .fit(new Table(List.of(new CategoricalColumn("phone", codes, List.of("555")))), meta, 1);
        CategoricalColumn out = (CategoricalColumn) m.sampleBlock(2, 0, SyntheticModel.BLOCK_ROWS).column("phone");
        // Binomial sd of the null share at 8192 rows, p = 0.25, is 0.0048; allow 4 sd.
        assertThat((double) out.nullCount() / out.size()).isBetween(0.25 - 0.02, 0.25 + 0.02);
    }
}
