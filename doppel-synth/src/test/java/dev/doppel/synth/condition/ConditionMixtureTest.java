package dev.doppel.synth.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.DoppelException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.synth.Sampler;
import dev.doppel.synth.SyntheticModel;
import dev.doppel.synth.bayesnet.BayesNetSynthesizer;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConditionMixtureTest {
    static SyntheticModel model;
    static TableMetadata metadata;

    /** A rare class (2 %) whose amount is larger than the common class's. */
    @BeforeAll
    static void fit() {
        int n = 20_000;
        SplittableRandom random = new SplittableRandom(1);
        int[] cls = new int[n];
        double[] amount = new double[n];
        int[] channel = new int[n];
        for (int i = 0; i < n; i++) {
            cls[i] = random.nextDouble() < 0.02 ? 1 : 0;
            amount[i] = (cls[i] == 1 ? 500 : 50) * (0.5 + random.nextDouble());
            channel[i] = random.nextInt(3);
        }
        metadata = new TableMetadata(List.of(ColumnMetadata.categorical("Class"),
                ColumnMetadata.numerical("amount", false, null, null, 2), ColumnMetadata.categorical("channel")));
        Table table = new Table(List.of(new CategoricalColumn("Class", cls, List.of("0", "1")),
                new NumericColumn("amount", amount), new CategoricalColumn("channel", channel, List.of("web", "pos", "atm"))));
        model = new BayesNetSynthesizer().fit(table, metadata, 0);
    }

    @Test
    void permutationIsABijection() {
        for (long n : new long[] {1, 2, 7, 1000, 65_537}) {
            RowPermutation p = new RowPermutation(n, 42);
            Set<Long> seen = new HashSet<>();
            for (long i = 0; i < n; i++) {
                long x = p.apply(i);
                assertThat(x).isBetween(0L, n - 1);
                seen.add(x);
            }
            assertThat(seen).hasSize((int) n);
        }
    }

    @Test
    void balanceGivesExactlyEqualCountsShuffled() {
        int rows = 30_001;
        ConditionMixture mixture = Rebalancing.balance(model, "Class").mixture(model, rows);
        Table t = Sampler.sampleTable(mixture, rows, 3, 2);
        Map<String, Integer> counts = counts((CategoricalColumn) t.column("Class"));
        assertThat(counts).containsEntry("0", 15_001).containsEntry("1", 15_000);
        // Shuffled: each 8192-row block holds both classes in about equal numbers.
        Map<String, Integer> firstBlock = counts((CategoricalColumn) Sampler.sampleTable(mixture, 8192, 3, 1).column("Class"));
        assertThat(firstBlock.get("1")).isBetween(4096 - 300, 4096 + 300);
        // The boosted rows are fraud-like: their amounts are those of the rare class.
        NumericColumn amount = (NumericColumn) t.column("amount");
        CategoricalColumn cls = (CategoricalColumn) t.column("Class");
        double sum = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if ("1".equals(cls.get(i))) {
                sum += amount.get(i);
            }
        }
        assertThat(sum / 15_000).isBetween(400.0, 600.0);
    }

    @Test
    void boostMultipliesTheShareAndKeepsTheOthersInProportion() {
        Rebalancing plan = Rebalancing.boost(model, "Class=1:20x");
        double p = model.probability(new Condition(List.of(new ColumnCondition.OneOf("Class", Set.of("1")))));
        assertThat(plan.shares().get(0)).isCloseTo(20 * p, org.assertj.core.data.Offset.offset(1e-12));
        int rows = 50_000;
        Table t = Sampler.sampleTable(plan.mixture(model, rows), rows, 4, 2);
        Map<String, Integer> counts = counts((CategoricalColumn) t.column("Class"));
        assertThat(counts.get("1")).isEqualTo((int) Math.round(rows * 20 * p));
        // Each class keeps its own amounts: uniform on [250, 750] for the boosted class, [25, 75] for the other.
        double[] sum = new double[2];
        CategoricalColumn cls = (CategoricalColumn) t.column("Class");
        NumericColumn amount = (NumericColumn) t.column("amount");
        for (int i = 0; i < rows; i++) {
            sum[Integer.parseInt(cls.get(i))] += amount.get(i);
        }
        assertThat(sum[1] / counts.get("1")).isBetween(470.0, 530.0);
        assertThat(sum[0] / counts.get("0")).isBetween(48.0, 52.0);
    }

    @Test
    void rebalancedSamplingIsTheSameForOneAndTwoThreads() {
        ConditionMixture mixture = Rebalancing.boost(model, "Class=1:10x").mixture(model, 40_000);
        Table one = Sampler.sampleTable(mixture, 40_000, 5, 1);
        Table two = Sampler.sampleTable(mixture, 40_000, 5, 2);
        for (int i = 0; i < one.rowCount(); i += 7) {
            assertThat(dev.doppel.synth.TableRows.key(one, i)).isEqualTo(dev.doppel.synth.TableRows.key(two, i));
        }
    }

    @Test
    void badRebalancingIsAClearError() {
        assertThatThrownBy(() -> Rebalancing.boost(model, "Class=1:80x")).isInstanceOf(DoppelException.class)
                .hasMessageContaining("of the rows");
        assertThatThrownBy(() -> Rebalancing.boost(model, "Class=7:2x")).isInstanceOf(DoppelException.class)
                .hasMessageContaining("never has the value '7'");
        assertThatThrownBy(() -> Rebalancing.boost(model, "Class=1:0x")).isInstanceOf(DoppelException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> Rebalancing.boost(model, "Class=1:2x,channel=web:2x")).isInstanceOf(DoppelException.class)
                .hasMessageContaining("one column");
        assertThatThrownBy(() -> Rebalancing.balance(model, "amount")).isInstanceOf(DoppelException.class)
                .hasMessageContaining("not a learned categorical");
    }

    private static Map<String, Integer> counts(CategoricalColumn c) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < c.size(); i++) {
            out.merge(c.get(i), 1, Integer::sum);
        }
        return out;
    }
}
