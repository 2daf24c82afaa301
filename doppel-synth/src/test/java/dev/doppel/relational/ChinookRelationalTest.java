package dev.doppel.relational;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.SynthesizerCatalog;
import dev.doppel.synth.TwoSampleStatistics;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import dev.doppel.transform.TableDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Chinook music-store database (11 tables, 15.9k rows): fitted with the default synthesizer, saved, loaded back,
 * sampled at scale 1 and compared with the real tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChinookRelationalTest {
    static final Path CHINOOK = Path.of(System.getProperty("doppel.datasets", "../../shared/datasets"), "chinook");

    @TempDir
    static Path temp;

    DatabaseSchema schema;
    RelationalModel fitted;
    RelationalModel loaded;
    Path modelFile;
    Map<String, SyntheticTable> synthetic = new HashMap<>();

    @BeforeAll
    void fitSaveLoadSample() {
        assertThat(CHINOOK.resolve("metadata.json")).as("the shared datasets must sit beside the project").isRegularFile();
        schema = SchemaJson.read(CHINOOK.resolve("metadata.json"));
        fitted = new RelationalSynthesizer(SynthesizerCatalog.standard(), SynthesizerCatalog.DEFAULT, CsvFormat.DEFAULT)
                .fit(CHINOOK, schema, 0);
        modelFile = temp.resolve("chinook.doppel");
        RelationalModelFile.save(modelFile, fitted);
        loaded = RelationalModelFile.load(modelFile, SynthesizerCatalog.standard());
        for (SyntheticTable t : loaded.sample(1.0, 7)) {
            synthetic.put(t.name(), t);
        }
    }

    @Test
    void readsTheChinookSchema() {
        assertThat(schema.tables()).hasSize(11);
        assertThat(schema.table("PlaylistTrack").orElseThrow().compositeKey()).containsExactly("PlaylistId", "TrackId");
        assertThat(schema.table("InvoiceLine").orElseThrow().foreignKeys()).extracting(ForeignKey::parentTable)
                .containsExactlyInAnyOrder("Invoice", "Track");
        List<String> order = schema.parentsFirst().stream().map(TableSchema::name).toList();
        for (TableSchema t : schema.tables()) {
            for (ForeignKey fk : t.parentKeys()) {
                assertThat(order.indexOf(fk.parentTable())).as("%s before %s", fk.parentTable(), t.name())
                        .isLessThan(order.indexOf(t.name()));
            }
        }
    }

    @Test
    void countsComeFromTheParentWithChildrenEverywhere() {
        assertThat(fitted.table("InvoiceLine").countKey()).isEqualTo("InvoiceId");
        assertThat(fitted.table("Track").countKey()).isEqualTo("AlbumId");
        assertThat(fitted.table("Invoice").countKey()).isEqualTo("CustomerId");
        assertThat(fitted.table("Employee").countKey()).as("a self-reference is not a parent").isNull();
        assertThat(fitted.table("PlaylistTrack").rows()).as("a table of keys only").isEqualTo(8715);
        assertThat(fitted.table("PlaylistTrack").model()).isNull();
        assertThat(fitted.table("Customer").droppedRows()).as("the shared Chinook's customer 510 has SupportRepId 67: no employee")
                .isEqualTo(1);
    }

    @Test
    void everyForeignKeyPointsToASyntheticParentRow() {
        for (TableSchema t : schema.tables()) {
            SyntheticTable table = synthetic.get(t.name());
            if (t.primaryKey() != null) {
                List<String> keys = table.column(t.primaryKey());
                for (int i = 0; i < keys.size(); i++) {
                    assertThat(keys.get(i)).isEqualTo(Integer.toString(i + 1));
                }
            }
            for (ForeignKey fk : t.foreignKeys()) {
                Set<String> parentKeys = new HashSet<>(synthetic.get(fk.parentTable())
                        .column(schema.table(fk.parentTable()).orElseThrow().primaryKey()));
                List<String> values = table.column(fk.column());
                long dangling = values.stream().filter(v -> v != null && !parentKeys.contains(v)).count();
                assertThat(dangling).as("%s.%s values without a %s row", t.name(), fk.column(), fk.parentTable())
                        .isZero();
                long missing = values.stream().filter(v -> v == null).count();
                assertThat(missing).as("%s.%s missing values (the real tables have none but ReportsTo's one)",
                        t.name(), fk.column()).isLessThanOrEqualTo(fk.column().equals("ReportsTo") ? values.size() : 0);
            }
        }
    }

    @Test
    void selfReferencesPointToEarlierRows() {
        SyntheticTable employees = synthetic.get("Employee");
        List<String> managers = employees.column("ReportsTo");
        assertThat(managers.get(0)).as("the first row has no earlier row").isNull();
        for (int i = 1; i < managers.size(); i++) {
            if (managers.get(i) != null) {
                assertThat(Integer.parseInt(managers.get(i))).isBetween(1, i);
            }
        }
    }

    @Test
    void childCountsPerParentAreCloseToReal() throws Exception {
        // The bound is KS < 0.1. For 60 customers the two-sample 5 % critical value would be 0.25, so this
        // only holds because nearly every real customer has 7 invoices and the model keeps that point mass.
        // InvoiceLine.TrackId is a second parent: its per-track counts come from the dealt deck, not the row counts.
        for (String[] link : List.of(new String[] {"Invoice", "CustomerId", "Customer"},
                new String[] {"InvoiceLine", "InvoiceId", "Invoice"}, new String[] {"InvoiceLine", "TrackId", "Track"})) {
            double[] real = realCounts(link[0], link[1], link[2]);
            double[] synth = syntheticCounts(link[0], link[1], link[2]);
            double ks = TwoSampleStatistics.ks(real, synth);
            System.out.printf("child counts %s per %s: KS %.4f (real mean %.3f over %d, synthetic mean %.3f over %d)%n",
                    link[0], link[2], ks, mean(real), real.length, mean(synth), synth.length);
            assertThat(ks).as("KS of %s per %s", link[0], link[2]).isLessThan(0.1);
        }
        // Parents keep their real counts, handed out by the rank of the sampled ones: at scale 1 the
        // synthetic counts of these 5- to 25-row parents are a permutation of the real ones (Track is a second child of
        // MediaType and Genre). Playlists deal their tracks without repeats per track; the last tracks may need a
        // playlist with no room left, so allow 2 of the 18 playlists off (KS 2/18). Before: KS 0.40, 0.16, 0.28.
        for (String[] link : List.of(new String[] {"Track", "MediaTypeId", "MediaType", "0.01"},
                new String[] {"Track", "GenreId", "Genre", "0.01"},
                new String[] {"PlaylistTrack", "PlaylistId", "Playlist", "0.12"})) {
            double ks = TwoSampleStatistics.ks(realCounts(link[0], link[1], link[2]),
                    syntheticCounts(link[0], link[1], link[2]));
            System.out.printf("child counts %s per %s (small parent): KS %.4f%n", link[0], link[2], ks);
            assertThat(ks).as("KS of %s per %s", link[0], link[2]).isLessThan(Double.parseDouble(link[3]));
        }
        // Reported, not asserted (docs/RELATIONAL.md): the other links.
        for (String[] link : List.of(new String[] {"Track", "AlbumId", "Album"},
                new String[] {"Album", "ArtistId", "Artist"}, new String[] {"PlaylistTrack", "TrackId", "Track"})) {
            double[] real = realCounts(link[0], link[1], link[2]);
            double[] synth = syntheticCounts(link[0], link[1], link[2]);
            System.out.printf("child counts %s per %s (%s): KS %.4f (real mean %.3f over %d, synthetic mean %.3f over %d)%n",
                    link[0], link[2], link[1], TwoSampleStatistics.ks(real, synth), mean(real), real.length,
                    mean(synth), synth.length);
        }
    }

    @Test
    void columnShapesAreClose() throws Exception {
        Path out = temp.resolve("shapes");
        DatabaseCsvWriter.write(schema, loaded.sample(1.0, 7), out, modelFile, loaded.synthesizer(), 1.0, 7);
        double sum = 0;
        int tables = 0;
        for (TableModel m : fitted.tables()) {
            if (m.model() == null) {
                continue;
            }
            CsvTable realRaw = new CsvTableReader(CsvFormat.DEFAULT).read(CHINOOK.resolve(m.name() + ".csv"));
            CsvTable synthRaw = new CsvTableReader(CsvFormat.DEFAULT).read(out.resolve(m.name() + ".csv"));
            // The real table's inferred columns (as db fit and db evaluate type them), not the model's: inherited
            // columns are copied rather than learned and must be measured all the same.
            TableSchema table = schema.table(m.name()).orElseThrow();
            List<ColumnMetadata> learned = dev.doppel.metadata.MetadataInference.infer(realRaw).columns().stream()
                    .filter(c -> c.isLearned() && !table.isKeyColumn(c.name())).toList();
            if (learned.isEmpty()) {
                continue;
            }
            TableMetadata metadata = new TableMetadata(learned, m.nullMarker(), m.delimiter());
            Table real = TableDecoder.decode(realRaw, metadata);
            Table synth = TableDecoder.decode(synthRaw, metadata);
            double score = shape(real, synth, learned);
            // The noise floor: the same score for resamples of the real rows (with replacement, as many as the
            // synthetic table has), averaged over 20 draws. A 25-row table of 25 distinct names cannot score
            // near 1 against any sample of it, synthetic or real.
            java.util.SplittableRandom random = new java.util.SplittableRandom(11);
            double floor = 0;
            for (int k = 0; k < 20; k++) {
                int[] rows = random.ints(synth.rowCount(), 0, real.rowCount()).toArray();
                floor += shape(real, real.rows(rows), learned) / 20;
            }
            // For a child table, a second floor: resample the parents (as many as the synthetic parent table has)
            // and take all their real children. A child table's rows come in clusters (Invoice: 7 per customer,
            // whose country and city its billing columns copy), so its marginals carry the noise of the number of
            // parents, not of its own rows; resampling rows one by one hides that.
            double clusterFloor = Double.NaN;
            if (m.countKey() != null) {
                List<String> parentKeys = new ArrayList<>();
                Map<String, List<Integer>> children = new HashMap<>();
                CategoricalColumn link = (CategoricalColumn) realRaw.table().column(m.countKey());
                for (int r = 0; r < link.size(); r++) {
                    children.computeIfAbsent(link.get(r), k -> new ArrayList<>()).add(r);
                }
                String parent = schema.table(m.name()).orElseThrow().foreignKeys().stream()
                        .filter(f -> f.column().equals(m.countKey())).findFirst().orElseThrow().parentTable();
                CsvTable parentRaw = new CsvTableReader(CsvFormat.DEFAULT).read(CHINOOK.resolve(parent + ".csv"));
                parentKeys.addAll(((CategoricalColumn) parentRaw.table().column(
                        schema.table(parent).orElseThrow().primaryKey())).dictionary());
                int synthParents = synthetic.get(parent).rows().size();
                clusterFloor = 0;
                for (int k = 0; k < 20; k++) {
                    List<Integer> rows = new ArrayList<>();
                    for (int p = 0; p < synthParents; p++) {
                        rows.addAll(children.getOrDefault(parentKeys.get(random.nextInt(parentKeys.size())),
                                List.of()));
                    }
                    clusterFloor += shape(real, real.rows(rows.stream().mapToInt(Integer::intValue).toArray()),
                            learned) / 20;
                }
            }
            System.out.printf("shape %-12s %.3f, real resamples %.3f, of parents %.3f (%d real rows, %d synthetic)%n",
                    m.name(), score, floor, clusterFloor, real.rowCount(), synth.rowCount());
            // A KS or TVD statistic between samples of n rows varies by the order of 1/sqrt(n): allow two of
            // those below the noise floor (0.04 for Track and InvoiceLine, 0.1 for Invoice, more for tiny tables).
            double margin = 2 / Math.sqrt(Math.min(real.rowCount(), synth.rowCount()));
            if (m.inherited().isEmpty()) {
                // Rows drawn one by one: the floor of resampled rows applies. A table copying its parent's columns
                // (Invoice) comes in clusters of rows per parent, to which only the floor of resampled parents
                // applies.
                assertThat(score).as("column shape of %s", m.name()).isGreaterThan(floor - margin);
            }
            if (!Double.isNaN(clusterFloor)) {
                assertThat(score).as("column shape of %s against resampled parents", m.name())
                        .isGreaterThan(clusterFloor - margin);
            }
            if (m.name().equals("InvoiceLine")) {
                // The target; Track's real resamples only average 0.952 (Composer has hundreds of values).
                assertThat(score).as("column shape of %s (issue target)", m.name()).isGreaterThanOrEqualTo(0.95);
            }
            sum += score;
            tables++;
        }
        System.out.printf("mean column shape over %d tables: %.3f%n", tables, sum / tables);
    }

    @Test
    void sameSeedGivesTheSameFilesAndTheModelFileSamplesAsTheFittedModel() throws Exception {
        DatabaseManifest a = DatabaseCsvWriter.write(schema, fitted.sample(0.5, 3), temp.resolve("a"), modelFile,
                "trees", 0.5, 3);
        DatabaseManifest b = DatabaseCsvWriter.write(schema, loaded.sample(0.5, 3), temp.resolve("b"), modelFile,
                "trees", 0.5, 3);
        DatabaseManifest c = DatabaseCsvWriter.write(schema, loaded.sample(0.5, 4), temp.resolve("c"), modelFile,
                "trees", 0.5, 4);
        assertThat(a.tables()).isEqualTo(b.tables());
        assertThat(c.tables()).isNotEqualTo(a.tables());
        for (DatabaseManifest.Table t : a.tables()) {
            assertThat(Files.readAllBytes(temp.resolve("a").resolve(t.file())))
                    .isEqualTo(Files.readAllBytes(temp.resolve("b").resolve(t.file())));
        }
    }

    @Test
    void scaleMultipliesTheRootTables() {
        List<SyntheticTable> half = loaded.sample(0.5, 7);
        for (int i = 0; i < schema.tables().size(); i++) {
            TableModel m = loaded.tables().get(i);
            if (m.countKey() == null) {
                assertThat(half.get(i).rows()).as(m.name()).hasSize((int) Math.round(m.rows() * 0.5));
            }
        }
        int lines = half.get(schema.tables().indexOf(schema.table("InvoiceLine").orElseThrow())).rows().size();
        // Children follow their parents: about half of the 2,240 real invoice lines.
        assertThat(lines).isBetween(700, 1700);
    }

    @Test
    void playlistTrackPairsAreUnique() {
        SyntheticTable links = synthetic.get("PlaylistTrack");
        List<String> playlists = links.column("PlaylistId");
        List<String> tracks = links.column("TrackId");
        java.util.Set<String> pairs = new java.util.HashSet<>();
        for (int i = 0; i < playlists.size(); i++) {
            assertThat(pairs.add(playlists.get(i) + "/" + tracks.get(i))).as("pair %s/%s", playlists.get(i),
                    tracks.get(i)).isTrue();
        }
        // Counts come from Track (2.5 playlists per track); a track cannot be in more than the 18 playlists, and
        // the playlists it can join are those with sampled room: a few rows may be left out, not more than 1 %.
        assertThat(playlists.size()).isBetween((int) (8715 * 0.99), 8715);
        System.out.printf("PlaylistTrack: %d unique pairs of %d real%n", playlists.size(), 8715);
    }

    @Test
    void childTablesGetTheRealNumberOfRowsTimesTheScale() {
        // Before calibration Track came out 12 % short at scale 1 (3,091 of 3,503): trees thin the long tail of
        // tracks per album, and albums per artist were short as well. Now every total is the real one (rows with a
        // parent) times the scale, up to one row of rounding per level of the chain (Artist -> Album -> Track: 2).
        // Customer's orphan is left out, and its real population with it: Invoice gets 412 x 59/59 rows at scale 1.
        for (double scale : new double[] {1.0, 2.0}) {
            List<SyntheticTable> tables = loaded.sample(scale, 11);
            Map<String, Double> expected = new HashMap<>();
            for (TableSchema t : schema.parentsFirst()) {
                TableModel m = loaded.table(t.name());
                double rows;
                if (m.countKey() == null) {
                    rows = m.rows() * scale;
                } else {
                    String parent = t.foreignKeys().stream().filter(f -> f.column().equals(m.countKey()))
                            .findFirst().orElseThrow().parentTable();
                    TableModel p = loaded.table(parent);
                    rows = (m.rows() - m.droppedRows()) * expected.get(parent) / (p.rows() - p.droppedRows());
                }
                expected.put(t.name(), rows);
                double actual = tables.get(schema.tables().indexOf(t)).rows().size();
                assertThat(actual).as("%s rows at scale %s", m.name(), scale)
                        .isCloseTo(rows, org.assertj.core.data.Offset.offset(m.countKey() == null ? 0.5 : 3.0));
            }
        }
    }

    private static double shape(Table real, Table synth, List<ColumnMetadata> learned) {
        double score = 0;
        for (ColumnMetadata c : learned) {
            score += c.isNumeric()
                    ? 1 - TwoSampleStatistics.ks((NumericColumn) real.column(c.name()),
                            (NumericColumn) synth.column(c.name()))
                    : 1 - TwoSampleStatistics.tvd((CategoricalColumn) real.column(c.name()), (CategoricalColumn) synth.column(c.name()));
        }
        return score / learned.size();
    }

    @Test
    void invoicesFollowTheirCustomersCountry() {
        // Chinook bills every invoice to its customer's country. Invoices are drawn given the customer's context
        // columns, so most synthetic invoices should agree; drawn independently, agreement would be the chance
        // that two draws from the country distribution match (sum of squared shares over the 60 customers: 0.09).
        SyntheticTable invoices = synthetic.get("Invoice");
        SyntheticTable customers = synthetic.get("Customer");
        List<String> country = customers.column("Country");
        List<String> billed = invoices.column("BillingCountry");
        List<String> customer = invoices.column("CustomerId");
        int agree = 0;
        for (int i = 0; i < billed.size(); i++) {
            agree += country.get(Integer.parseInt(customer.get(i)) - 1).equals(billed.get(i)) ? 1 : 0;
        }
        System.out.printf("context: %s; invoices conditioned %d of %d; billing country = customer's country in %.3f%n",
                fitted.table("Invoice").context(), invoices.conditionedRows(), billed.size(),
                (double) agree / billed.size());
        assertThat(invoices.conditionedRows()).isGreaterThan(billed.size() / 2);
        assertThat((double) agree / billed.size()).isGreaterThan(0.5);
    }

    @Test
    void invoicesCopyTheirCustomersAddressWhichIsFoundAtFitTime() {
        // In Chinook every invoice's billing address is its customer's address (the real data agree in all 412
        // rows); no other child column copies a parent column in 99 % of rows.
        Map<String, Map<String, String>> inherited = new HashMap<>();
        loaded.tables().stream().filter(m -> !m.inherited().isEmpty()).forEach(m -> inherited.put(m.name(),
                m.inherited()));
        assertThat(inherited).isEqualTo(Map.of("Invoice", Map.of("BillingAddress", "Address", "BillingCity", "City",
                "BillingState", "State", "BillingCountry", "Country", "BillingPostalCode", "PostalCode")));
        assertThat(fitted.table("Invoice").inherited()).isEqualTo(inherited.get("Invoice"));
        // Copied, not learned: not in Invoice's model. Customer.City (53 values in 60 rows, free text when inferred
        // alone) is learned as categorical, so the copied cities are real cities as Invoice's model would draw them.
        assertThat(loaded.table("Invoice").model().metadata().columnNames()).doesNotContain("BillingCity",
                "BillingAddress");
        assertThat(loaded.table("Customer").model().metadata().column("City").orElseThrow().type())
                .isEqualTo(dev.doppel.metadata.ColumnType.CATEGORICAL);
        SyntheticTable invoices = synthetic.get("Invoice");
        SyntheticTable customers = synthetic.get("Customer");
        List<String> customer = invoices.column("CustomerId");
        Set<String> realCities = new HashSet<>(((CategoricalColumn) new CsvTableReader(CsvFormat.DEFAULT)
                .read(CHINOOK.resolve("Customer.csv")).table().column("City")).dictionary());
        for (Map.Entry<String, String> e : inherited.get("Invoice").entrySet()) {
            List<String> billed = invoices.column(e.getKey());
            List<String> own = customers.column(e.getValue());
            for (int i = 0; i < billed.size(); i++) {
                assertThat(billed.get(i)).as("%s of invoice %d", e.getKey(), i + 1)
                        .isEqualTo(own.get(Integer.parseInt(customer.get(i)) - 1));
            }
        }
        assertThat(realCities).containsAll(invoices.column("BillingCity"));
    }

    @Test
    void invoiceTotalsGrowWithTheirSampledLineCounts() {
        // Counts are learned jointly with the parent's columns: in the real data the rank correlation of an
        // invoice's Total with its number of lines is 0.98. Drawn independently it would be near 0 (the standard
        // error at n = 427 is about 0.05).
        SyntheticTable invoices = synthetic.get("Invoice");
        Map<String, Integer> lines = new HashMap<>();
        synthetic.get("InvoiceLine").column("InvoiceId").forEach(v -> lines.merge(v, 1, Integer::sum));
        List<String> ids = invoices.column("InvoiceId");
        List<String> totals = invoices.column("Total");
        double[] n = new double[ids.size()];
        double[] total = new double[ids.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = lines.getOrDefault(ids.get(i), 0);
            total[i] = Double.parseDouble(totals.get(i));
        }
        double rho = TwoSampleStatistics.spearman(n, total);
        System.out.printf("rank correlation of Invoice.Total with its line count: %.3f%n", rho);
        assertThat(rho).isGreaterThan(0.9);
    }

    private double[] realCounts(String child, String fk, String parent) {
        CsvTable c = new CsvTableReader(CsvFormat.DEFAULT).read(CHINOOK.resolve(child + ".csv"));
        CsvTable p = new CsvTableReader(CsvFormat.DEFAULT).read(CHINOOK.resolve(parent + ".csv"));
        String key = schema.table(parent).orElseThrow().primaryKey();
        return counts(((CategoricalColumn) c.table().column(fk)), (CategoricalColumn) p.table().column(key));
    }

    private double[] syntheticCounts(String child, String fk, String parent) {
        String key = schema.table(parent).orElseThrow().primaryKey();
        Map<String, Integer> n = new HashMap<>();
        synthetic.get(child).column(fk).forEach(v -> n.merge(v, 1, Integer::sum));
        return synthetic.get(parent).column(key).stream().mapToDouble(k -> n.getOrDefault(k, 0)).toArray();
    }

    private static double[] counts(CategoricalColumn childKeys, CategoricalColumn parentKeys) {
        Map<String, Integer> n = new HashMap<>();
        for (int i = 0; i < childKeys.size(); i++) {
            n.merge(childKeys.get(i), 1, Integer::sum);
        }
        double[] out = new double[parentKeys.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.getOrDefault(parentKeys.get(i), 0);
        }
        return out;
    }

    private static double mean(double[] x) {
        return java.util.Arrays.stream(x).average().orElse(0);
    }
}
