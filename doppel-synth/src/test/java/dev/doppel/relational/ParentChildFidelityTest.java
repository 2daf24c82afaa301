package dev.doppel.relational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.InvalidDataException;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.Json;
import dev.doppel.model.ModelFile;
import dev.doppel.synth.SynthesizerCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a child keeps of its parent beyond the key: columns copied from the parent (inherited), real child counts of
 * small parents, and declared text lengths. Small generated databases.
 */
class ParentChildFidelityTest {
    @TempDir
    Path dir;

    private static final String SCHEMA = """
            {"format": "doppel-schema", "formatVersion": 2, "tables": [
              {"name": "stores", "file": "stores.csv", "primaryKey": "id",
               "columns": [{"name": "id", "type": "integer"}, {"name": "city", "type": "varchar(20)"},
                           {"name": "region", "type": "varchar(10)"}, {"name": "note", "type": "varchar(5)"}]},
              {"name": "sales", "file": "sales.csv", "primaryKey": "id",
               "foreignKeys": [{"column": "store", "references": "stores"}],
               "columns": [{"name": "id", "type": "integer"}, {"name": "store", "type": "integer"},
                           {"name": "ship_city", "type": "varchar(20)"}, {"name": "ship_region", "type": "text"},
                           {"name": "amount", "type": "numeric(8,2)"}, {"name": "remark", "type": "VARCHAR(5)"}]}]}
            """;

    /**
     * 12 stores in 3 regions with 0 to 40 sales each (a skewed count that a 12-row model cannot learn well); each sale
     * ships to its store's city (always) and region (in 95 % of sales: not enough to be a copy); remarks are free text
     * of three to six words, far longer than their declared 5 characters.
     */
    private Path database() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        String[] regions = {"north", "south", "east"};
        StringBuilder stores = new StringBuilder("id,city,region,note\n");
        StringBuilder sales = new StringBuilder("id,store,ship_city,ship_region,amount,remark\n");
        int sale = 0;
        int[] counts = {0, 0, 1, 2, 2, 3, 5, 8, 13, 21, 30, 40};
        for (int s = 1; s <= counts.length; s++) {
            String city = "city" + s;
            String region = regions[s % 3];
            stores.append(s).append(',').append(city).append(',').append(region).append(',')
                    .append("n").append(s).append('\n');
            for (int k = 0; k < counts[s - 1]; k++) {
                String shipRegion = random.nextDouble() < 0.95 ? region : regions[(s + 1) % 3];
                sales.append(++sale).append(',').append(s).append(',').append(city).append(',').append(shipRegion)
                        .append(',').append(10 + random.nextInt(90)).append(".50,")
                        .append(String.join(" ", words(random, 3 + random.nextInt(4)))).append('\n');
            }
        }
        Files.writeString(dir.resolve("stores.csv"), stores);
        Files.writeString(dir.resolve("sales.csv"), sales);
        Path file = dir.resolve("schema.json");
        Files.writeString(file, SCHEMA);
        return file;
    }

    private static List<String> words(SplittableRandom random, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("w" + Integer.toString(random.nextInt(1_000_000), 36));
        }
        return out;
    }

    private RelationalModel fit() throws Exception {
        return new RelationalSynthesizer(SynthesizerCatalog.standard(), SynthesizerCatalog.DEFAULT, CsvFormat.DEFAULT)
                .fit(dir, SchemaJson.read(database()), 1);
    }

    @Test
    void aColumnCopiedFromTheParentIsInheritedAndStaysEqualToIt() throws Exception {
        RelationalModel model = fit();
        TableModel sales = model.table("sales");
        // ship_city equals the store's city in every row; ship_region only in about 95 %: learned, not copied.
        assertThat(sales.inherited()).isEqualTo(Map.of("ship_city", "city"));
        assertThat(sales.model().metadata().columnNames()).doesNotContain("ship_city").contains("ship_region");
        for (long seed = 1; seed <= 3; seed++) {
            List<SyntheticTable> tables = model.sample(1.5, seed);
            List<String> cities = tables.get(0).column("city");
            SyntheticTable s = tables.get(1);
            List<String> store = s.column("store");
            List<String> shipped = s.column("ship_city");
            assertThat(shipped).isNotEmpty();
            for (int i = 0; i < shipped.size(); i++) {
                assertThat(shipped.get(i)).isEqualTo(cities.get(Integer.parseInt(store.get(i)) - 1));
            }
        }
    }

    @Test
    void generatedTextIsCutToTheDeclaredLength() throws Exception {
        RelationalModel model = fit();
        for (SyntheticTable t : model.sample(2.0, 5)) {
            for (String column : List.of("note", "remark")) {
                if (!t.columns().contains(column)) {
                    continue;
                }
                List<String> values = t.column(column).stream().filter(v -> v != null).toList();
                assertThat(values).as(column).isNotEmpty();
                // Within varchar(5), and not emptied: the first word or its first five letters are kept.
                assertThat(values).as(column).allMatch(v -> v.codePointCount(0, v.length()) <= 5 && !v.isBlank());
            }
        }
        assertThat(RelationalModel.shorten("laboriosam omnis et", 12)).isEqualTo("laboriosam");
        assertThat(RelationalModel.shorten("abcdefgh", 5)).isEqualTo("abcde");
        assertThat(RelationalModel.shorten("ab cdefgh", 5)).isEqualTo("ab cd");
        assertThat(RelationalModel.shorten("abcd efgh", 5)).isEqualTo("abcd");
        assertThat(RelationalModel.shorten("fits", 5)).isEqualTo("fits");
        // Characters are code points, as the databases count them: a character outside the BMP is one.
        String note = "\uD83C\uDFB5";
        assertThat(RelationalModel.shorten(note.repeat(3), 2)).isEqualTo(note.repeat(2));
    }

    @Test
    void declaredLengthsAreReadFromTheCommonSpellings() {
        Map<String, OptionalInt> cases = new HashMap<>();
        cases.put("varchar(5)", OptionalInt.of(5));
        cases.put("NVARCHAR(40)", OptionalInt.of(40));
        cases.put("character varying(120)", OptionalInt.of(120));
        cases.put("character(3)", OptionalInt.of(3));
        cases.put("bpchar(2)", OptionalInt.of(2));
        cases.put("char", OptionalInt.of(1));
        cases.put("character varying", OptionalInt.empty());
        cases.put("text", OptionalInt.empty());
        cases.put("numeric(10,2)", OptionalInt.empty());
        cases.put("varchar(99999999999)", OptionalInt.empty());
        cases.forEach((type, expected) -> assertThat(ColumnSchema.typed("c", type).maxLength()).as(type)
                .isEqualTo(expected));
        assertThat(new ColumnSchema("c", null, null, false).maxLength()).isEmpty();
    }

    @Test
    void smallParentsGetTheirRealChildCountsByRank() throws Exception {
        RelationalModel model = fit();
        List<Integer> real = List.of(0, 0, 1, 2, 2, 3, 5, 8, 13, 21, 30, 40);
        assertThat(model.table("stores").childCounts()).isEqualTo(Map.of(
                TableModel.countColumn("sales", "store"), real));
        // At the real number of stores, the sales per store are exactly the real counts, in some order.
        for (long seed = 1; seed <= 3; seed++) {
            List<SyntheticTable> tables = model.sample(1.0, seed);
            int[] perStore = new int[tables.get(0).rows().size()];
            tables.get(1).column("store").forEach(s -> perStore[Integer.parseInt(s) - 1]++);
            assertThat(Arrays.stream(perStore).sorted().boxed().toList()).isEqualTo(real);
        }
    }

    @Test
    void countsByRankFollowTheSampledOrderAndTheRealQuantiles() {
        List<Integer> real = List.of(0, 1, 5, 9);
        int[] sampled = {7, 0, 3, 2};
        // Same length: a permutation of the real counts, largest where the sample was largest.
        assertThat(RelationalModel.byRank(sampled, real, new SplittableRandom(1))).containsExactly(9, 0, 5, 1);
        // Twice as many rows: each real count twice (quantiles at (r + 0.5) / 8).
        int[] twice = RelationalModel.byRank(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, real, new SplittableRandom(1));
        assertThat(twice).containsExactly(0, 0, 1, 1, 5, 5, 9, 9);
        // Ties go in random order, but the multiset is fixed.
        int[] tied = RelationalModel.byRank(new int[6], real, new SplittableRandom(2));
        assertThat(Arrays.stream(tied).sorted().toArray()).containsExactly(0, 1, 1, 5, 9, 9);
        assertThat(IntStream.of(tied).sum()).isEqualTo(25);
    }

    @Test
    void theModelFileKeepsInheritedColumnsAndCountsAndStillReadsVersion1() throws Exception {
        RelationalModel model = fit();
        Path file = dir.resolve("shop.doppel");
        RelationalModelFile.save(file, model);
        RelationalModel loaded = RelationalModelFile.load(file, SynthesizerCatalog.standard());
        assertThat(loaded.table("sales").inherited()).isEqualTo(model.table("sales").inherited());
        assertThat(loaded.table("stores").childCounts()).isEqualTo(model.table("stores").childCounts());
        assertThat(loaded.sample(1.0, 4)).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(model.sample(1.0, 4));

        List<ModelFile.Section> sections = new ArrayList<>(ModelFile.read(file));
        ObjectNode root = (ObjectNode) Json.newMapper().readTree(sections.get(0).content());
        ObjectNode sales = (ObjectNode) root.withArray("tables").get(1);
        Path bad = dir.resolve("bad.doppel");
        sales.putObject("inherited").put("store", "city");
        write(bad, sections, root);
        assertThatThrownBy(() -> RelationalModelFile.load(bad, SynthesizerCatalog.standard()))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("tables[1].inherited.store");
        sales.putObject("inherited").put("ship_city", "town");
        write(bad, sections, root);
        assertThatThrownBy(() -> RelationalModelFile.load(bad, SynthesizerCatalog.standard()))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("tables[1].inherited.ship_city")
                .hasMessageContaining("town");
        ObjectNode stores = (ObjectNode) root.withArray("tables").get(0);
        sales.putObject("inherited").put("ship_city", "city");
        ArrayNode counts = stores.putObject("childCounts").putArray(TableModel.countColumn("sales", "store"));
        counts.add(3).add(1);
        write(bad, sections, root);
        assertThatThrownBy(() -> RelationalModelFile.load(bad, SynthesizerCatalog.standard()))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("tables[0].childCounts")
                .hasMessageContaining("increasing order");

        // A version 1 file (before inherited columns and kept counts) still loads and samples.
        root.put("formatVersion", 1);
        for (var t : root.withArray("tables")) {
            ((ObjectNode) t).remove(List.of("inherited", "childCounts"));
        }
        write(bad, sections, root);
        RelationalModel old = RelationalModelFile.load(bad, SynthesizerCatalog.standard());
        assertThat(old.table("sales").inherited()).isEmpty();
        assertThat(old.sample(1.0, 4).get(1).rows()).isNotEmpty();
        root.put("formatVersion", 3);
        write(bad, sections, root);
        assertThatThrownBy(() -> RelationalModelFile.load(bad, SynthesizerCatalog.standard()))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("formatVersion");
    }

    private static void write(Path file, List<ModelFile.Section> sections, ObjectNode root) throws Exception {
        List<ModelFile.Section> copy = new ArrayList<>(sections);
        copy.set(0, new ModelFile.Section("relational", "application/json",
                Json.newMapper().writeValueAsBytes(root)));
        ModelFile.write(file, copy);
    }
}
