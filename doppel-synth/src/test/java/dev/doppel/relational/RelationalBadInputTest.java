package dev.doppel.relational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.Json;
import dev.doppel.model.ModelFile;
import dev.doppel.synth.SynthesizerCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schemas and data that cannot be used, and the awkward ones that can; small generated tables. */
class RelationalBadInputTest {
    @TempDir
    Path dir;

    private static final String SHOP = """
            {"format": "doppel-schema", "formatVersion": 1, "tables": [
              {"name": "customers", "file": "customers.csv", "primaryKey": "id"},
              {"name": "orders", "file": "orders.csv", "primaryKey": "id",
               "foreignKeys": [{"column": "customer", "references": "customers"}]}]}
            """;

    /** 300 customers, a third of them "vip" with 6 orders each, the others with 0 to 2; amounts by segment. */
    private Path shop(String schema) throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder customers = new StringBuilder("id,segment,age\n");
        StringBuilder orders = new StringBuilder("id,customer,amount,channel\n");
        int order = 0;
        for (int c = 1; c <= 300; c++) {
            boolean vip = c % 3 == 0;
            customers.append(c).append(',').append(vip ? "vip" : "basic").append(',')
                    .append(20 + random.nextInt(50)).append('\n');
            int n = vip ? 6 : random.nextInt(3);
            for (int k = 0; k < n; k++) {
                orders.append(++order).append(',').append(c).append(',')
                        .append(vip ? 100 + random.nextInt(100) : 10 + random.nextInt(20)).append(',')
                        .append(random.nextBoolean() ? "web" : "store").append('\n');
            }
        }
        Files.writeString(dir.resolve("customers.csv"), customers);
        Files.writeString(dir.resolve("orders.csv"), orders);
        Path file = dir.resolve("schema.json");
        Files.writeString(file, schema);
        return file;
    }

    /**
     * A link table between students and courses, key (student, course), and a table of exam attempts keyed by
     * (enrolment's student, attempt number): a composite key of foreign keys only, and one with a sequence column.
     */
    private Path school(boolean duplicatePair) throws Exception {
        SplittableRandom random = new SplittableRandom(9);
        StringBuilder students = new StringBuilder("id,year\n");
        StringBuilder courses = new StringBuilder("id,level\n");
        StringBuilder enrolments = new StringBuilder("student,course,grade\n");
        StringBuilder attempts = new StringBuilder("student,attempt,score\n");
        for (int c = 1; c <= 12; c++) {
            courses.append(c).append(',').append(c <= 4 ? "intro" : "advanced").append('\n');
        }
        for (int s = 1; s <= 200; s++) {
            students.append(s).append(',').append(1 + random.nextInt(4)).append('\n');
            // Each student takes 2 to 9 distinct courses of 12: duplicates are likely when courses are drawn
            // independently, so the key has to be enforced.
            List<Integer> all = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
            int n = 2 + random.nextInt(8);
            for (int k = 0; k < n; k++) {
                int course = all.remove(random.nextInt(all.size()));
                enrolments.append(s).append(',').append(course).append(',').append(1 + random.nextInt(6))
                        .append('\n');
            }
            int tries = random.nextInt(4);
            for (int a = 1; a <= tries; a++) {
                attempts.append(s).append(',').append(a).append(',').append(40 + random.nextInt(60)).append('\n');
            }
        }
        if (duplicatePair) {
            enrolments.append("1,").append(enrolments.toString().split("\n")[1].split(",")[1]).append(",3\n");
        }
        Files.writeString(dir.resolve("students.csv"), students);
        Files.writeString(dir.resolve("courses.csv"), courses);
        Files.writeString(dir.resolve("enrolments.csv"), enrolments);
        Files.writeString(dir.resolve("attempts.csv"), attempts);
        Path file = dir.resolve("school.json");
        Files.writeString(file, """
                {"format": "doppel-schema", "formatVersion": 1, "tables": [
                  {"name": "students", "file": "students.csv", "primaryKey": "id"},
                  {"name": "courses", "file": "courses.csv", "primaryKey": "id"},
                  {"name": "enrolments", "file": "enrolments.csv", "primaryKey": ["student", "course"],
                   "foreignKeys": [{"column": "student", "references": "students"},
                                   {"column": "course", "references": "courses"}]},
                  {"name": "attempts", "file": "attempts.csv", "primaryKey": ["student", "attempt"],
                   "foreignKeys": [{"column": "student", "references": "students"}]}]}
                """);
        return file;
    }

    @Test
    void compositeKeysAreUniqueAndTheirForeignKeysValid() throws Exception {
        RelationalModel model = fit(school(false));
        assertThat(model.table("enrolments").countKey()).as("every student has courses").isEqualTo("student");
        for (long seed = 1; seed <= 3; seed++) {
            List<SyntheticTable> tables = model.sample(1.5, seed);
            SyntheticTable enrolments = tables.get(2);
            List<String> students = enrolments.column("student");
            List<String> courses = enrolments.column("course");
            java.util.Set<String> pairs = new HashSet<>();
            for (int i = 0; i < students.size(); i++) {
                assertThat(pairs.add(students.get(i) + "/" + courses.get(i))).as("pair %s/%s is unique",
                        students.get(i), courses.get(i)).isTrue();
                assertThat(Integer.parseInt(courses.get(i))).isBetween(1, tables.get(1).rows().size());
                assertThat(Integer.parseInt(students.get(i))).isBetween(1, tables.get(0).rows().size());
            }
            // At most 18 courses (12 at scale 1.5) per student can be kept: the rows left out are counts above that
            // (the real counts are 2..9), so nearly every enrolment survives. Real: 200 students, ~1,100 enrolments.
            int expected = (int) Math.round(model.table("enrolments").rows() * 1.5);
            assertThat(students.size()).isBetween((int) (expected * 0.97), expected);
            SyntheticTable attempts = tables.get(3);
            Map<String, List<Integer>> byStudent = new HashMap<>();
            List<String> attemptNumbers = attempts.column("attempt");
            List<String> attemptStudents = attempts.column("student");
            for (int i = 0; i < attemptNumbers.size(); i++) {
                byStudent.computeIfAbsent(attemptStudents.get(i), k -> new ArrayList<>())
                        .add(Integer.parseInt(attemptNumbers.get(i)));
            }
            // The key column that is no foreign key is numbered 1..n within each student.
            for (List<Integer> numbers : byStudent.values()) {
                for (int k = 0; k < numbers.size(); k++) {
                    assertThat(numbers.get(k)).isEqualTo(k + 1);
                }
            }
        }
    }

    @Test
    void aRepeatedCompositeKeyInTheSourceIsAnErrorWithItsLine() throws Exception {
        Path schema = school(true);
        long lines = Files.readAllLines(dir.resolve("enrolments.csv")).size();
        assertThatThrownBy(() -> fit(schema)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("enrolments.csv").hasMessageContaining("line " + lines)
                .hasMessageContaining("unique values of the composite primary key [student, course]");
    }

    private RelationalModel fit(Path schema) {
        return new RelationalSynthesizer(SynthesizerCatalog.standard(), SynthesizerCatalog.DEFAULT, CsvFormat.DEFAULT)
                .fit(dir, SchemaJson.read(schema), 0);
    }

    @Test
    void childCountsAndChildRowsFollowTheParentsAttributes() throws Exception {
        RelationalModel model = fit(shop(SHOP));
        List<SyntheticTable> tables = model.sample(2.0, 1);
        List<String> segment = tables.get(0).column("segment");
        Map<String, Integer> orders = new HashMap<>();
        tables.get(1).column("customer").forEach(c -> orders.merge(c, 1, Integer::sum));
        double[] sum = new double[2];
        double[] n = new double[2];
        for (int i = 0; i < segment.size(); i++) {
            int s = segment.get(i).equals("vip") ? 1 : 0;
            sum[s] += orders.getOrDefault(Integer.toString(i + 1), 0);
            n[s]++;
        }
        // Real means: 6 for vip, 1 for basic; with 600 synthetic customers the sampling error is about 0.1.
        assertThat(sum[1] / n[1]).isBetween(5.0, 7.0);
        assertThat(sum[0] / n[0]).isBetween(0.6, 1.4);
        // Orders are drawn given the customer's segment (context): vip orders are the large ones.
        List<String> amounts = tables.get(1).column("amount");
        List<String> customer = tables.get(1).column("customer");
        int agree = 0;
        for (int i = 0; i < amounts.size(); i++) {
            boolean vip = segment.get(Integer.parseInt(customer.get(i)) - 1).equals("vip");
            agree += vip == (Double.parseDouble(amounts.get(i)) >= 100) ? 1 : 0;
        }
        assertThat((double) agree / amounts.size()).isGreaterThan(0.9);
    }

    @Test
    void everySynthesizerKeepsIntegrityAndOnlyConditioningOnesUseTheContext() throws Exception {
        DatabaseSchema schema = SchemaJson.read(shop(SHOP));
        for (String name : List.of("gaussian-copula", "bayes-net")) {
            RelationalModel model = new RelationalSynthesizer(SynthesizerCatalog.standard(), name, CsvFormat.DEFAULT)
                    .fit(dir, schema, 0);
            List<SyntheticTable> tables = model.sample(1.0, 2);
            HashSet<String> keys = new HashSet<>(tables.get(0).column("id"));
            assertThat(tables.get(1).column("customer")).as(name).allMatch(keys::contains);
            int rows = tables.get(1).rows().size();
            // The copula cannot condition: its child rows are drawn unconditioned, and the manifest says so.
            assertThat(tables.get(1).conditionedRows()).as(name).isEqualTo(name.equals("bayes-net") ? rows : 0);
        }
    }

    @Test
    void orphanRowsAreLeftOutAndCounted() throws Exception {
        Path schema = shop(SHOP);
        Files.writeString(dir.resolve("orders.csv"), "9001,9999,50,web\n9002,,50,web\n",
                java.nio.file.StandardOpenOption.APPEND);
        RelationalModel model = fit(schema);
        assertThat(model.table("orders").droppedRows()).isEqualTo(2);
        List<SyntheticTable> tables = model.sample(1.0, 1);
        HashSet<String> keys = new HashSet<>(tables.get(0).column("id"));
        assertThat(tables.get(1).column("customer")).allMatch(keys::contains);
    }

    @Test
    void rejectsAMissingTableFile() throws Exception {
        Path schema = shop(SHOP);
        Files.delete(dir.resolve("orders.csv"));
        assertThatThrownBy(() -> fit(schema)).isInstanceOf(DoppelException.class)
                .hasMessageContaining("table orders").hasMessageContaining("does not exist");
    }

    @Test
    void rejectsAForeignKeyToAMissingTable() throws Exception {
        Path schema = shop(SHOP.replace("\"references\": \"customers\"", "\"references\": \"clients\""));
        assertThatThrownBy(() -> SchemaJson.read(schema)).isInstanceOf(DoppelException.class)
                .hasMessageContaining("orders.customer references table clients, which is not in the schema");
    }

    @Test
    void rejectsACycleOfForeignKeysAndNamesIt() {
        assertThatThrownBy(() -> new DatabaseSchema(List.of(
                new TableSchema("a", "a.csv", "id", List.of(new ForeignKey("b_id", "b"))),
                new TableSchema("b", "b.csv", "id", List.of(new ForeignKey("c_id", "c"))),
                new TableSchema("c", "c.csv", "id", List.of(new ForeignKey("a_id", "a"))))))
                .isInstanceOf(DoppelException.class)
                .hasMessageContaining("cycle").hasMessageContaining("a -> b -> c -> a");
    }

    @Test
    void acceptsASelfReference() {
        DatabaseSchema schema = new DatabaseSchema(List.of(
                new TableSchema("staff", "staff.csv", "id", List.of(new ForeignKey("boss", "staff")))));
        assertThat(schema.parentsFirst()).hasSize(1);
    }

    @Test
    void aTableWithoutPrimaryKeyIsSampledAsAPlainChild() throws Exception {
        RelationalModel model = fit(shop(SHOP.replace("\"orders.csv\", \"primaryKey\": \"id\"", "\"orders.csv\"")));
        assertThat(model.schema().table("orders").orElseThrow().key()).isEmpty();
        List<SyntheticTable> tables = model.sample(1.0, 2);
        int customers = tables.get(0).rows().size();
        List<String> links = tables.get(1).column("customer");
        // Its rows still come per parent, and its foreign key still points to a synthetic customer.
        assertThat(model.table("orders").countKey()).isEqualTo("customer");
        assertThat(links).isNotEmpty().allMatch(v -> Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= customers);
    }

    @Test
    void rejectsAReferenceToATableWithoutSingleKey() {
        assertThatThrownBy(() -> new DatabaseSchema(List.of(
                new TableSchema("links", "links.csv", null, List.of()),
                new TableSchema("notes", "notes.csv", "id", List.of(new ForeignKey("link", "links"))))))
                .isInstanceOf(DoppelException.class).hasMessageContaining("has no single-column primary key");
    }

    @Test
    void readsCompositeKeysButRefusesCompositeForeignKeys() throws Exception {
        Path file = dir.resolve("m.json");
        Files.writeString(file, """
                {"tables": {"p": {"primary_key": ["id"], "foreign_keys": []},
                            "pair": {"primary_key": ["a", "b"], "foreign_keys": [
                               {"columns": ["a"], "references": {"table": "p", "columns": ["id"]}}]}}}
                """);
        DatabaseSchema schema = SchemaJson.read(file);
        assertThat(schema.table("pair").orElseThrow().primaryKey()).isNull();
        assertThat(schema.table("pair").orElseThrow().compositeKey()).containsExactly("a", "b");
        assertThat(schema.table("pair").orElseThrow().file()).isEqualTo("pair.csv");
        // Written in Doppel's format as an array, and read back the same.
        SchemaJson.write(schema, dir.resolve("doppel.json"));
        assertThat(Files.readString(dir.resolve("doppel.json"))).contains("\"primaryKey\" : [ \"a\", \"b\" ]");
        assertThat(SchemaJson.read(dir.resolve("doppel.json"))).isEqualTo(schema);
        Files.writeString(file, """
                {"tables": {"p": {"primary_key": ["id"]},
                            "pair": {"foreign_keys": [
                               {"columns": ["a", "b"], "references": {"table": "p", "columns": ["id", "x"]}}]}}}
                """);
        assertThatThrownBy(() -> SchemaJson.read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("tables.pair.foreign_keys[0].columns")
                .hasMessageContaining("composite foreign keys are not supported");
        Files.writeString(file, """
                {"tables": {"p": {"primary_key": ["id"]},
                            "c": {"foreign_keys": [{"columns": ["a"], "references": {"table": "p", "columns": ["x"]}}]}}}
                """);
        assertThatThrownBy(() -> SchemaJson.read(file)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("the primary key of p (id)");
    }

    @Test
    void schemaErrorsNameTheJsonPath() throws Exception {
        Path schema = shop(SHOP.replace("\"column\": \"customer\"", "\"column\": \"customer\", \"on\": 1"));
        assertThatThrownBy(() -> SchemaJson.read(schema)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("schema.json").hasMessageContaining("tables[1].foreignKeys[0].on");
        Files.writeString(schema, SHOP.replace("\"formatVersion\": 1", "\"formatVersion\": 3"));
        assertThatThrownBy(() -> SchemaJson.read(schema)).hasMessageContaining("formatVersion");
        Files.writeString(schema, SHOP.replace("\"file\": \"orders.csv\", ", ""));
        assertThatThrownBy(() -> SchemaJson.read(schema)).hasMessageContaining("tables[1].file");
    }

    @Test
    void writesAndReadsItsOwnSchemaFormat() throws Exception {
        DatabaseSchema schema = SchemaJson.read(shop(SHOP));
        Path copy = dir.resolve("copy.json");
        SchemaJson.write(schema, copy);
        assertThat(SchemaJson.read(copy)).isEqualTo(schema);
    }

    @Test
    void rejectsKeyProblemsInTheDataWithTheLine() throws Exception {
        Path schema = shop(SHOP);
        Files.writeString(dir.resolve("customers.csv"), "1,basic,30\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> fit(schema)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("customers.csv, line 302, column id")
                .hasMessageContaining("unique primary key values");
        Files.writeString(schema, SHOP.replace("\"column\": \"customer\"", "\"column\": \"client\""));
        shop(Files.readString(schema));
        assertThatThrownBy(() -> fit(schema)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("orders.csv").hasMessageContaining("column client");
    }

    @Test
    void modelFileErrorsNameTheSectionAndPath() throws Exception {
        RelationalModel model = fit(shop(SHOP));
        Path file = dir.resolve("shop.doppel");
        RelationalModelFile.save(file, model);
        assertThat(RelationalModelFile.load(file, SynthesizerCatalog.standard()).sample(1.0, 9))
                .usingRecursiveFieldByFieldElementComparator().isEqualTo(model.sample(1.0, 9));

        List<ModelFile.Section> original = ModelFile.read(file);
        List<ModelFile.Section> sections = new ArrayList<>(original);
        ObjectNode root = (ObjectNode) Json.newMapper().readTree(sections.get(0).content());
        ((ObjectNode) root.withArray("tables").get(1)).put("countKey", "amount");
        sections.set(0, new ModelFile.Section("relational", "application/json",
                Json.newMapper().writeValueAsBytes(root)));
        Path bad = dir.resolve("bad.doppel");
        ModelFile.write(bad, sections);
        assertThatThrownBy(() -> RelationalModelFile.load(bad, SynthesizerCatalog.standard()))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("tables[1].countKey");

        ModelFile.write(bad, List.of(new ModelFile.Section("model", "application/json", "{}".getBytes())));
        assertThatThrownBy(() -> RelationalModelFile.load(bad, SynthesizerCatalog.standard()))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("doppel db fit");

        ModelFile.write(bad, original.subList(0, 2));
        assertThatThrownBy(() -> RelationalModelFile.load(bad, SynthesizerCatalog.standard()))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("table:orders");
    }

    @Test
    void refusesToWriteIntoAFolderThatHoldsFiles() throws Exception {
        RelationalModel model = fit(shop(SHOP));
        Path out = dir.resolve("out");
        Files.createDirectory(out);
        Files.writeString(out.resolve("keep.txt"), "x");
        Path modelFile = dir.resolve("shop.doppel");
        RelationalModelFile.save(modelFile, model);
        assertThatThrownBy(() -> DatabaseCsvWriter.write(model.schema(), model.sample(1.0, 1), out, modelFile,
                "trees", 1.0, 1)).isInstanceOf(DoppelException.class).hasMessageContaining("not an empty folder");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".out.tmp"));
        }
    }
}
