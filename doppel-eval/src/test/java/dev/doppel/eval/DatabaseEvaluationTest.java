package dev.doppel.eval;

import static dev.doppel.eval.TestTables.cat;
import static dev.doppel.eval.TestTables.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.DoppelException;
import dev.doppel.eval.DatabaseEvaluation.ForeignKeyLink;
import dev.doppel.eval.DatabaseEvaluation.Side;
import dev.doppel.eval.DatabaseEvaluation.TableData;
import dev.doppel.eval.DatabaseEvaluationReport.ForeignKeyResult;
import dev.doppel.eval.database.ParentChildTrend;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A generated two-table database: customers (income, segment) and their orders (amount). Richer customers place
 * more orders (Poisson mean 1 + 4 × income), and segment B's orders are larger. Real and synthetic sides are drawn
 * from this generator or derived from the real side, so the expected scores are known.
 */
class DatabaseEvaluationTest {
    static final int CUSTOMERS = 2000;
    static final TableMetadata CUSTOMER = new TableMetadata(List.of(
            ColumnMetadata.numerical("income", false, 0.0, 1.0, 3), ColumnMetadata.categorical("segment")));
    static final TableMetadata ORDER = new TableMetadata(List.of(
            ColumnMetadata.numerical("amount", false, 0.0, null, 2)));

    /** One side of the database: parent rows, and for every child row its parent's key and amount. */
    record Db(double[] income, String[] segment, List<String> orderCustomer, double[] amount) {
        Side customers() {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < income.length; i++) {
                keys.add(Integer.toString(i + 1));
            }
            return new Side(new Table(List.of(num("income", income), cat("segment", segment))), income.length,
                    Map.of("id", keys));
        }

        Side orders() {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < amount.length; i++) {
                keys.add(Integer.toString(i + 1));
            }
            return new Side(new Table(List.of(num("amount", amount))), amount.length,
                    Map.of("id", keys, "customer", orderCustomer));
        }
    }

    static Db generate(long seed, double countFactor) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] income = new double[CUSTOMERS];
        String[] segment = new String[CUSTOMERS];
        List<String> customer = new ArrayList<>();
        List<Double> amounts = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            income[i] = random.nextDouble();
            segment[i] = random.nextDouble() < 0.3 ? "B" : "A";
            int orders = poisson(countFactor * (1 + 4 * income[i]), random);
            for (int k = 0; k < orders; k++) {
                customer.add(Integer.toString(i + 1));
                amounts.add((segment[i].equals("B") ? 100 : 40) * (0.5 + random.nextDouble()));
            }
        }
        return new Db(income, segment, customer, amounts.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static int poisson(double mean, SplittableRandom random) {
        // Knuth's product of uniforms: fine for means below 20.
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    static DatabaseEvaluationReport evaluate(Db real, Db synthetic) {
        return new DatabaseEvaluation(List.of(
                new TableData("Customer", CUSTOMER, "id", real.customers(), synthetic.customers()),
                new TableData("Order", ORDER, "id", real.orders(), synthetic.orders())),
                List.of(new ForeignKeyLink("Order", "customer", "Customer")), null).run();
    }

    private static ParentChildTrend trend(ForeignKeyResult fk, String parent, String aggregate) {
        return fk.trends().stream().filter(t -> t.parentColumn().equals(parent)
                && t.childAggregate().equals(aggregate)).findFirst().orElseThrow();
    }

    @Test
    void aDatabaseComparedWithItselfScoresPerfectly() {
        Db real = generate(1, 1);
        DatabaseEvaluationReport report = evaluate(real, real);
        Map<String, Double> m = report.metrics();
        assertThat(m.get("database.integrity")).isEqualTo(1.0);
        assertThat(m.get("database.child_count_ks_max")).isEqualTo(0.0);
        assertThat(m.get("database.child_count_shapes")).isEqualTo(1.0);
        assertThat(m.get("database.parent_child_trends")).isEqualTo(1.0);
        assertThat(m.get("database.column_shapes")).isEqualTo(1.0);
        assertThat(m.get("table.Order.exact_copy_rate")).isEqualTo(1.0);
        ForeignKeyResult fk = report.foreignKeys().get(0);
        // Children per customer: Poisson mean 1 + 4 × E[income] = 3.
        assertThat(fk.childCounts().realMean()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.15));
        assertThat(fk.trends()).extracting(ParentChildTrend::childAggregate)
                .containsOnly("count(Order)", "mean(Order.amount)");
        assertThat(trend(fk, "income", "count(Order)").realCorrelation()).as("richer customers order more")
                .isGreaterThan(0.4);
    }

    @Test
    void anIndependentDrawOfTheSameDatabaseScoresNearOne() {
        DatabaseEvaluationReport report = evaluate(generate(1, 1), generate(2, 1));
        ForeignKeyResult fk = report.foreignKeys().get(0);
        // Two samples of 2,000 parent rows: the 1 % critical value of the two-sample KS statistic is
        // 1.63 × sqrt(2 / 2000) = 0.052 (the counts are discrete, which only makes KS smaller).
        assertThat(fk.childCounts().ks()).isLessThan(0.052);
        assertThat(fk.integrity()).isEqualTo(1.0);
        // r between income and count is about 0.55 on each side; r's standard error at n = 2000 is below 0.02, so
        // |r_real - r_synth| / 2 stays below 0.03 (3 sd).
        assertThat(trend(fk, "income", "count(Order)").score()).isGreaterThan(0.97);
        // Contingency pairs with 10 bins: the sampling TVD of ~20 cells at n = 2000 is about 0.05.
        assertThat(fk.trendScore()).isGreaterThan(0.9);
    }

    @Test
    void countsShuffledAcrossParentsKeepTheDistributionButLoseTheTrend() {
        Db real = generate(1, 1);
        // The same parents; each one's children handed to a random other parent: the multiset of counts is the
        // real one (KS exactly 0), but who has many children no longer depends on income.
        int[] permutation = shuffled(CUSTOMERS, new SplittableRandom(9));
        List<String> moved = new ArrayList<>();
        for (String c : real.orderCustomer()) {
            moved.add(Integer.toString(permutation[Integer.parseInt(c) - 1] + 1));
        }
        DatabaseEvaluationReport report = evaluate(real, new Db(real.income(), real.segment(), moved,
                real.amount()));
        ForeignKeyResult fk = report.foreignKeys().get(0);
        assertThat(fk.childCounts().ks()).isEqualTo(0.0);
        assertThat(fk.childCounts().shape()).isEqualTo(1.0);
        ParentChildTrend incomeCount = trend(fk, "income", "count(Order)");
        // The real r is about 0.55, the shuffled one about 0 (sd 0.022): the score drops to about 0.72.
        assertThat(incomeCount.syntheticCorrelation()).isBetween(-0.1, 0.1);
        assertThat(incomeCount.score()).isLessThan(0.8);
        assertThat(trend(fk, "segment", "mean(Order.amount)").score()).as("amounts follow the wrong segment")
                .isLessThan(trend(evaluate(real, generate(2, 1)).foreignKeys().get(0), "segment",
                        "mean(Order.amount)").score());
    }

    @Test
    void moreChildrenPerParentIsSeenByKs() {
        DatabaseEvaluationReport report = evaluate(generate(1, 1), generate(2, 1.5));
        ForeignKeyResult fk = report.foreignKeys().get(0);
        assertThat(fk.childCounts().syntheticMean()).isCloseTo(4.5, org.assertj.core.data.Offset.offset(0.2));
        assertThat(fk.childCounts().ks()).isGreaterThan(0.1);
        assertThat(fk.childCounts().shape()).isLessThan(0.9);
    }

    @Test
    void danglingForeignKeysAreCounted() {
        Db real = generate(1, 1);
        List<String> customers = new ArrayList<>(real.orderCustomer());
        for (int i = 0; i < 10; i++) {
            customers.set(i * 7, "999999");
        }
        customers.set(3, null);
        DatabaseEvaluationReport report = evaluate(real, new Db(real.income(), real.segment(), customers,
                real.amount()));
        ForeignKeyResult fk = report.foreignKeys().get(0);
        assertThat(fk.danglingValues()).isEqualTo(10);
        assertThat(fk.syntheticValues()).as("a missing value is not a dangling one").isEqualTo(customers.size() - 1);
        assertThat(report.metrics().get("database.integrity")).isEqualTo(1.0 - 10.0 / (customers.size() - 1));
    }

    @Test
    void gatesWorkOnDatabaseMetrics() {
        DatabaseEvaluationReport report = evaluate(generate(1, 1), generate(2, 1.5));
        List<Gate> gates = Gate.parse("database.integrity>=1,fk.Order.customer.child_count_ks<0.1,"
                + "table.Customer.column_shapes>=0.9", report.metricNames());
        List<Gate.Failure> failures = Gate.evaluate(gates, report.metrics());
        assertThat(failures).extracting(f -> f.gate().metric()).containsExactly("fk.Order.customer.child_count_ks");
        assertThatThrownBy(() -> Gate.parse("table.Nope.quality>=0.5", report.metricNames()))
                .isInstanceOf(DoppelException.class).hasMessageContaining("unknown metric 'table.Nope.quality'");
        assertThatThrownBy(() -> Gate.parse("database.integrity>=1")).as("not a single-table metric")
                .isInstanceOf(DoppelException.class);
    }

    @Test
    void jsonIsVersionedAndCarriesEveryPart() {
        DatabaseEvaluationReport report = evaluate(generate(1, 1), generate(2, 1));
        JsonNode json = DatabaseReportJson.toTree(report);
        assertThat(json.get("format").asText()).isEqualTo("doppel-database-evaluation");
        assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(json.get("metrics").get("database.integrity").asDouble()).isEqualTo(1.0);
        assertThat(json.get("tables")).hasSize(2);
        assertThat(json.at("/tables/0/fidelity/quality/columnShapes").asDouble())
                .isEqualTo(report.tables().get(0).fidelity().quality().columnShapes());
        assertThat(json.at("/foreignKeys/0/childCounts/ks").asDouble())
                .isEqualTo(report.foreignKeys().get(0).childCounts().ks());
        assertThat(json.at("/foreignKeys/0/trends")).hasSize(4);
    }

    @Test
    void htmlHasACrossTableSectionAndOneSectionPerComparedTable() {
        String html = DatabaseHtmlReport.render(evaluate(generate(1, 1), generate(2, 1)));
        assertThat(html).contains("<section id=\"cross-table\">", "<section id=\"table-Customer\">",
                "<section id=\"table-Order\">", "count(Order)", "Order per Customer (customer)");
        assertThat(html).doesNotContain("NaN");
    }

    @Test
    void aTableOfKeysOnlyIsCountedNotCompared() {
        Db real = generate(1, 1);
        Side keysOnly = new Side(new Table(List.of()), real.amount().length,
                Map.of("customer", real.orderCustomer()));
        DatabaseEvaluationReport report = new DatabaseEvaluation(List.of(
                new TableData("Customer", CUSTOMER, "id", real.customers(), real.customers()),
                new TableData("Link", new TableMetadata(List.of()), null, keysOnly, keysOnly)),
                List.of(new ForeignKeyLink("Link", "customer", "Customer")), null).run();
        assertThat(report.tables().get(1).fidelity()).isNull();
        assertThat(report.metrics().get("table.Link.row_ratio")).isEqualTo(1.0);
        assertThat(report.foreignKeys().get(0).childCounts().ks()).isEqualTo(0.0);
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
