package dev.doppel.synth.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.DoppelException;
import dev.doppel.InvalidDataException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.PiiKind;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.copula.GaussianCopulaSynthesizer;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TreeSynthesizerTest {
    private static final int N = 8_000;

    static TreeSynthesizer trees(int threads, String... order) {
        return new TreeSynthesizer(10, 0, 24, 0, 256, List.of(order), threads);
    }

    private static double normal(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static CategoricalColumn categorical(String name, String[] values) {
        List<String> dictionary = new ArrayList<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                codes[i] = CategoricalColumn.NULL;
            } else {
                int code = dictionary.indexOf(values[i]);
                if (code < 0) {
                    code = dictionary.size();
                    dictionary.add(values[i]);
                }
                codes[i] = code;
            }
        }
        return new CategoricalColumn(name, codes, dictionary);
    }

    /**
     * g ∈ {a, b, c} with y ~ N(0, 2, 5 by group, 1); x1, x2 ~ U(-1, 1) with z = "same" when their signs agree (90%
     * of such rows, 10% otherwise); k null for 30% of rows and w = 10 + noise exactly then; v null for 50% of
     * group a and 5% of the others.
     */
    static Table mixedTable(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] g = new String[n];
        double[] y = new double[n];
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        String[] z = new String[n];
        String[] k = new String[n];
        double[] w = new double[n];
        double[] v = new double[n];
        double[] mean = {0, 2, 5};
        for (int i = 0; i < n; i++) {
            int group = r.nextInt(3);
            g[i] = "abc".substring(group, group + 1);
            y[i] = mean[group] + normal(r);
            x1[i] = 2 * r.nextDouble() - 1;
            x2[i] = 2 * r.nextDouble() - 1;
            boolean agree = (x1[i] > 0) == (x2[i] > 0);
            z[i] = (r.nextDouble() < 0.9) == agree ? "same" : "different";
            k[i] = r.nextDouble() < 0.3 ? null : r.nextBoolean() ? "p" : "q";
            w[i] = (k[i] == null ? 10 : 0) + normal(r);
            v[i] = r.nextDouble() < (group == 0 ? 0.5 : 0.05) ? Double.NaN : Math.rint(100 * r.nextDouble());
        }
        return new Table(List.of(categorical("g", g), new NumericColumn("y", y), new NumericColumn("x1", x1),
                new NumericColumn("x2", x2), categorical("z", z), categorical("k", k), new NumericColumn("w", w),
                new NumericColumn("v", v)));
    }

    static TableMetadata mixedMetadata() {
        return new TableMetadata(List.of(ColumnMetadata.categorical("g"),
                ColumnMetadata.numerical("y", false, null, null, 6), ColumnMetadata.numerical("x1", false, null, null, 6),
                ColumnMetadata.numerical("x2", false, null, null, 6), ColumnMetadata.categorical("z"),
                ColumnMetadata.categorical("k"), ColumnMetadata.numerical("w", false, null, null, 6),
                ColumnMetadata.numerical("v", true, null, null, 0)));
    }

    private static Table sample(SyntheticModel model, int rows, long seed) {
        return Sampler.sampleTable(model, rows, seed, 1);
    }

    @Test
    void recoversAMeanThatDependsOnACategory() {
        Table synthetic = sample(trees(2).fit(mixedTable(N, 1), mixedMetadata(), 0), 24_000, 3);
        CategoricalColumn g = (CategoricalColumn) synthetic.column("g");
        NumericColumn y = (NumericColumn) synthetic.column("y");
        double[] expected = {0, 2, 5};
        for (int group = 0; group < 3; group++) {
            String label = "abc".substring(group, group + 1);
            double sum = 0;
            double sumSq = 0;
            int count = 0;
            for (int i = 0; i < y.size(); i++) {
                if (label.equals(g.get(i))) {
                    sum += y.get(i);
                    sumSq += y.get(i) * y.get(i);
                    count++;
                }
            }
            double mean = sum / count;
            double sd = Math.sqrt(sumSq / count - mean * mean);
            // Standard errors: ~0.02 for the training group mean (2,700 rows), ~0.01 for the synthetic one; the
            // bound allows five of each plus the smoothing of leaves that straddle two groups.
            assertThat(mean).as("mean of y in group %s", label).isCloseTo(expected[group], org.assertj.core.data.Offset.offset(0.15));
            assertThat(sd).as("sd of y in group %s", label).isBetween(0.85, 1.2);
        }
    }

    /** Share of rows with z = same among rows whose x1 and x2 signs agree (or disagree). */
    private static double shareSame(Table t, boolean agree) {
        NumericColumn x1 = (NumericColumn) t.column("x1");
        NumericColumn x2 = (NumericColumn) t.column("x2");
        CategoricalColumn z = (CategoricalColumn) t.column("z");
        int same = 0;
        int rows = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (((x1.get(i) > 0) == (x2.get(i) > 0)) == agree) {
                rows++;
                same += "same".equals(z.get(i)) ? 1 : 0;
            }
        }
        return (double) same / rows;
    }

    @Test
    void recoversAnXorInteractionThatTheCopulaCannot() {
        Table real = mixedTable(N, 2);
        // Both orders: z drawn last from a tree on x1 and x2, and z first with x2 drawn from a tree on z and x1.
        for (String[] order : List.of(new String[] {"x1", "x2", "z"}, new String[] {"z", "x1", "x2"})) {
            Table synthetic = sample(trees(2, order).fit(real, mixedMetadata(), 0), 16_384, 4);
            // Standard error of a share near 0.9 over ~8,000 rows is 0.0034; 0.05 leaves room for rows near the
            // axes, where a leaf straddles a sign change.
            assertThat(shareSame(synthetic, true)).as("order %s", Arrays.toString(order)).isBetween(0.85, 0.95);
            assertThat(shareSame(synthetic, false)).as("order %s", Arrays.toString(order)).isBetween(0.05, 0.15);
        }
        // The copula's correlations are all near 0 for an XOR, so it draws z independently of the signs.
        Table copula = sample(new GaussianCopulaSynthesizer().fit(real, mixedMetadata(), 0), 16_384, 4);
        assertThat(shareSame(copula, true)).isBetween(0.4, 0.6);
    }

    @Test
    void nullsDependOnEarlierColumnsAndANullCategoryPredicts() {
        Table synthetic = sample(trees(2).fit(mixedTable(N, 3), mixedMetadata(), 0), 24_000, 5);
        CategoricalColumn g = (CategoricalColumn) synthetic.column("g");
        NumericColumn v = (NumericColumn) synthetic.column("v");
        CategoricalColumn k = (CategoricalColumn) synthetic.column("k");
        NumericColumn w = (NumericColumn) synthetic.column("w");
        int[] nulls = new int[2];
        int[] rows = new int[2];
        double[] wSum = new double[2];
        int[] kRows = new int[2];
        for (int i = 0; i < synthetic.rowCount(); i++) {
            int a = "a".equals(g.get(i)) ? 0 : 1;
            rows[a]++;
            nulls[a] += v.isNull(i) ? 1 : 0;
            int kn = k.isNull(i) ? 0 : 1;
            kRows[kn]++;
            wSum[kn] += w.get(i);
        }
        // Standard error of each rate over 8,000 synthetic rows is at most 0.006.
        assertThat((double) nulls[0] / rows[0]).isBetween(0.45, 0.55);
        assertThat((double) nulls[1] / rows[1]).isBetween(0.02, 0.08);
        assertThat((double) kRows[0] / synthetic.rowCount()).isBetween(0.27, 0.33);
        assertThat(wSum[0] / kRows[0]).isBetween(9.8, 10.2);
        assertThat(wSum[1] / kRows[1]).isBetween(-0.2, 0.2);
    }

    private static void forEachTree(TreeModel model, Consumer<Tree> action) {
        for (ColumnPlan plan : model.plans()) {
            if (plan instanceof ColumnPlan.Categorical k) {
                action.accept(k.tree());
            } else if (plan instanceof ColumnPlan.Numeric n) {
                if (n.nullTree() != null) {
                    action.accept(n.nullTree());
                }
                if (n.valueTree() != null) {
                    action.accept(n.valueTree());
                }
            }
        }
    }

    private static int depth(Tree tree, int node) {
        return tree.isLeaf(node) ? 0
                : 1 + Math.max(depth(tree, node + 1), depth(tree, tree.right(node)));
    }

    @Test
    void leavesHoldAtLeastMinLeafRowsAndTreesStayWithinMaxDepth() {
        Table real = mixedTable(N, 4);
        for (int minLeaf : new int[] {5, 40}) {
            TreeModel model = new TreeSynthesizer(minLeaf, 0, 6, 0, 256, List.of(), 2).fit(real, mixedMetadata(), 0);
            List<Integer> sizes = new ArrayList<>();
            int[] splits = new int[1];
            forEachTree(model, tree -> {
                tree.leaves().forEach(l -> sizes.add(l.rows()));
                splits[0] += tree.nodeCount() - tree.leaves().size();
                assertThat(depth(tree, 0)).isLessThanOrEqualTo(6);
            });
            assertThat(splits[0]).as("trees do split").isGreaterThan(20);
            assertThat(sizes).allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(minLeaf));
        }
        // A share of 1 % of 8,000 rows outweighs a minimum of 5 rows.
        TreeModel model = new TreeSynthesizer(5, 0.01, 24, 0, 256, List.of(), 2).fit(real, mixedMetadata(), 0);
        forEachTree(model, tree -> tree.leaves().forEach(l -> assertThat(l.rows()).isGreaterThanOrEqualTo(80)));
        assertThatThrownBy(() -> new TreeSynthesizer(5, 0.6, 24, 0, 256, List.of(), 1))
                .hasMessageContaining("minLeafShare must be in [0, 0.5]");
    }

    @Test
    void numericLeavesKeepASketchNotTheirRowsAndDrawNewValues() {
        Table real = mixedTable(N, 5);
        TreeModel model = trees(2).fit(real, mixedMetadata(), 0);
        forEachTree(model, tree -> tree.leaves().forEach(leaf -> {
            if (leaf instanceof Leaf.ValueSketch sketch) {
                assertThat(sketch.quantiles().length).isLessThanOrEqualTo(Math.max(1, sketch.rows() / 2));
            }
        }));
        // Continuous y: a synthetic value equal to a training value would be a copy.
        Set<Double> training = new HashSet<>();
        NumericColumn y = (NumericColumn) real.column("y");
        for (int i = 0; i < y.size(); i++) {
            training.add(y.get(i));
        }
        NumericColumn synthetic = (NumericColumn) sample(model, 10_000, 6).column("y");
        long copies = java.util.stream.IntStream.range(0, synthetic.size())
                .filter(i -> training.contains(synthetic.get(i))).count();
        assertThat(copies).isLessThan(100);
    }

    @Test
    void integersAndDatetimesAreWholeAndWithinTheObservedRange() {
        SplittableRandom r = new SplittableRandom(6);
        int n = 3_000;
        double[] count = new double[n];
        double[] day = new double[n];
        for (int i = 0; i < n; i++) {
            count[i] = Math.rint(3 + 4 * r.nextDouble());
            day[i] = 86_400.0 * (19_000 + r.nextInt(400)) + (count[i] > 5 ? 86_400 * 500 : 0);
        }
        Table real = new Table(List.of(new NumericColumn("count", count), new NumericColumn("day", day)));
        TableMetadata md = new TableMetadata(List.of(ColumnMetadata.numerical("count", true, null, null, 0),
                ColumnMetadata.datetime("day", "yyyy-MM-dd")));
        Table synthetic = sample(trees(1).fit(real, md, 0), 9_000, 7);
        double lowDay = Arrays.stream(day).min().orElseThrow();
        double highDay = Arrays.stream(day).max().orElseThrow();
        NumericColumn c = (NumericColumn) synthetic.column("count");
        NumericColumn d = (NumericColumn) synthetic.column("day");
        for (int i = 0; i < synthetic.rowCount(); i++) {
            assertThat(c.get(i)).isBetween(3.0, 7.0).isEqualTo(Math.rint(c.get(i)));
            assertThat(d.get(i)).isBetween(lowDay, highDay).isEqualTo(Math.rint(d.get(i)));
            // The 500-day jump tied to count > 5 is kept.
            assertThat(d.get(i) >= 86_400.0 * 19_500).isEqualTo(c.get(i) > 5);
        }
    }

    @Test
    void idPiiAndTextColumnsAreMadeFreshNotLearned() {
        int n = 500;
        String[] ids = new String[n];
        String[] emails = new String[n];
        String[] notes = new String[n];
        double[] x = new double[n];
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < n; i++) {
            ids[i] = Integer.toString(1000 + i);
            emails[i] = "person" + i + "@example.org";
            notes[i] = i % 10 == 0 ? null : "note number " + i + " about things";
            x[i] = r.nextDouble();
        }
        Table real = new Table(List.of(categorical("id", ids), categorical("email", emails), categorical("note", notes),
                new NumericColumn("x", x)));
        TableMetadata md = new TableMetadata(List.of(ColumnMetadata.id("id", true, null),
                ColumnMetadata.pii("email", PiiKind.EMAIL), ColumnMetadata.text("note"),
                ColumnMetadata.numerical("x", false, null, null, 6)));
        TreeModel model = trees(1).fit(real, md, 0);
        assertThat(model.order()).containsExactly(3);
        Table synthetic = sample(model, 1_000, 9);
        CategoricalColumn id = (CategoricalColumn) synthetic.column("id");
        CategoricalColumn email = (CategoricalColumn) synthetic.column("email");
        Set<String> realEmails = Set.of(emails);
        for (int i = 0; i < 1_000; i++) {
            assertThat(id.get(i)).isEqualTo(Integer.toString(i + 1));
            assertThat(email.get(i)).contains("@").isNotIn(realEmails);
        }
        double nullShare = (double) synthetic.column("note").nullCount() / 1_000;
        assertThat(nullShare).isBetween(0.05, 0.15);
    }

    @Test
    void theFittedModelDoesNotDependOnThreadsAndSamplingIsSeeded() {
        Table real = mixedTable(N, 9);
        TreeModel one = trees(1).fit(real, mixedMetadata(), 0);
        TreeModel two = trees(2).fit(real, mixedMetadata(), 0);
        assertThat(two.parametersJson()).isEqualTo(one.parametersJson());
        // 20,000 rows are three blocks, so two sampling threads really work in parallel.
        Table a = Sampler.sampleTable(one, 20_000, 11, 1);
        Table b = Sampler.sampleTable(two, 20_000, 11, 2);
        Table c = Sampler.sampleTable(one, 20_000, 12, 2);
        int differing = 0;
        for (int i = 0; i < a.rowCount(); i++) {
            assertThat(SampleStatistics.key(b, i)).isEqualTo(SampleStatistics.key(a, i));
            differing += SampleStatistics.key(c, i).equals(SampleStatistics.key(a, i)) ? 0 : 1;
        }
        assertThat(differing).isGreaterThan(19_000);
    }

    @Test
    void parametersReadBackIntoAModelThatSamplesIdentically() {
        TreeModel model = trees(2).fit(mixedTable(N, 10), mixedMetadata(), 0);
        JsonNode json = model.parametersJson();
        TreeModel read = TreeModel.fromJson(mixedMetadata(), json, "m.doppel");
        assertThat(read.parametersJson()).isEqualTo(json);
        Table a = model.sampleBlock(5, 2, 3_000);
        Table b = read.sampleBlock(5, 2, 3_000);
        for (int i = 0; i < 3_000; i++) {
            assertThat(SampleStatistics.key(b, i)).isEqualTo(SampleStatistics.key(a, i));
        }
    }

    /** The index of column {@code name} in the parameters' columns array. */
    private static int column(String name) {
        return mixedMetadata().columnNames().indexOf(name);
    }

    private static ObjectNode firstSplit(ObjectNode json, String column, String tree) {
        ArrayNode nodes = (ArrayNode) json.get("columns").get(column(column)).get(tree);
        for (JsonNode node : nodes) {
            if (node.has("column")) {
                return (ObjectNode) node;
            }
        }
        throw new AssertionError("no split in " + column);
    }

    private static ObjectNode firstLeaf(ObjectNode json, String column, String tree) {
        for (JsonNode node : json.get("columns").get(column(column)).get(tree)) {
            if (!node.has("column")) {
                return (ObjectNode) node;
            }
        }
        throw new AssertionError("no leaf in " + column);
    }

    private void assertRejected(Consumer<ObjectNode> tamper, String... messageParts) {
        ObjectNode json = (ObjectNode) trees(2, "x1", "x2", "z").fit(mixedTable(2_000, 11), mixedMetadata(), 0)
                .parametersJson().deepCopy();
        tamper.accept(json);
        assertThatThrownBy(() -> TreeModel.fromJson(mixedMetadata(), json, "m.doppel"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void tamperedParametersAreRejectedNamingTheField() {
        int z = column("z");
        int x2 = column("x2");
        // z is visited third: its tree may not test g, visited later.
        assertRejected(j -> firstSplit(j, "z", "tree").put("column", "g"),
                "m.doppel", "columns[" + z + "].tree[0].column", "a learned column visited before this one");
        assertRejected(j -> ((ArrayNode) firstLeaf(j, "z", "tree").get("counts")).set(0, -3),
                "columns[" + z + "].tree[", "].counts[0]", "a whole number of at least 0");
        assertRejected(j -> ((ArrayNode) firstLeaf(j, "z", "tree").get("counts")).add(1),
                "].counts", "2 counts, one per class");
        assertRejected(j -> {
            ArrayNode q = (ArrayNode) firstLeaf(j, "x2", "valueTree").get("quantiles");
            q.set(1, q.get(0).asDouble() - 1);
        }, "columns[" + x2 + "].valueTree[", "].quantiles[1]", "a value not below the previous");
        assertRejected(j -> {
            ArrayNode nodes = (ArrayNode) j.get("columns").get(z).get("tree");
            nodes.remove(nodes.size() - 1);
        }, "columns[" + z + "].tree[", "another node (a split needs two subtrees)");
        assertRejected(j -> ((ArrayNode) j.get("columns").get(z).get("tree")).addObject().putArray("counts").add(1).add(1),
                "the end of the tree");
        assertRejected(j -> firstSplit(j, "z", "tree").put("atMost", "high"), ".atMost", "a finite number");
        assertRejected(j -> ((ArrayNode) j.get("order")).remove(0), "order", "learned columns");
        assertRejected(j -> ((ArrayNode) j.get("order")).set(0, j.get("order").get(1)),
                "order[1]", "a learned column not listed before");
        assertRejected(j -> ((ObjectNode) j.get("columns").get(x2)).put("low", 5).put("high", 1),
                "columns[" + x2 + "].high", "at least low 5.0");
        assertRejected(j -> ((ObjectNode) j.get("columns").get(column("v"))).remove("discrete"),
                ".discrete", "true or false");
    }

    @Test
    void aCategoricalSplitNamingAnUnknownClassIsRejected() {
        // With g visited first, y's tree splits on g's classes.
        ObjectNode json = (ObjectNode) trees(1, "g", "y").fit(mixedTable(2_000, 12), mixedMetadata(), 0)
                .parametersJson().deepCopy();
        ObjectNode split = firstSplit(json, "y", "valueTree");
        assertThat(split.get("left").isArray()).isTrue();
        ((ArrayNode) split.get("left")).set(0, "nowhere");
        assertThatThrownBy(() -> TreeModel.fromJson(mixedMetadata(), json, "m.doppel"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContainingAll("columns[" + column("y") + "].valueTree[", ".left[0]", "a class of g");
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> new TreeSynthesizer(0, 0, 24, 0, 256, List.of(), 1))
                .hasMessageContaining("minLeaf must be at least 1");
        assertThatThrownBy(() -> new TreeSynthesizer(10, 0, 65, 0, 256, List.of(), 1))
                .hasMessageContaining("maxDepth must be 0..64");
        assertThatThrownBy(() -> new TreeSynthesizer(10, 0, 24, 2, 256, List.of(), 1))
                .hasMessageContaining("complexity must be in [0, 1]");
        assertThatThrownBy(() -> trees(1, "nope").fit(mixedTable(100, 1), mixedMetadata(), 0))
                .isInstanceOf(DoppelException.class).hasMessageContaining("'nope'");
        Table empty = mixedTable(0, 1);
        assertThatThrownBy(() -> trees(1).fit(empty, mixedMetadata(), 0))
                .isInstanceOf(DoppelException.class).hasMessageContaining("at least one row");
    }
}
