package dev.doppel.design.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doppel.design.spec.DesignSpec;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Foreign keys, children per parent, scenarios and derived columns on the bundled bank and hospital specs. */
class RelationsAndScenariosTest {
    private static final long SEED = 5;

    @Test
    void bankForeignKeysAreAllValidAndKeysUnique() {
        Map<String, List<String[]>> tables = Specs.generate(Specs.example("bank"), SEED);
        Set<String> customers = keys(tables.get("customers"), 0);
        Set<String> accounts = keys(tables.get("accounts"), 0);
        assertEquals(tables.get("customers").size(), customers.size(), "customer ids are unique");
        assertEquals(tables.get("accounts").size(), accounts.size(), "account ids are unique");
        assertTrue(tables.get("accounts").stream().allMatch(r -> customers.contains(r[1])));
        assertTrue(tables.get("transactions").stream().allMatch(r -> accounts.contains(r[1])));
        assertEquals(tables.get("transactions").size(), keys(tables.get("transactions"), 0).size());
        assertTrue(tables.get("customers").get(0)[0].matches("C\\d{7}"));
    }

    private static Set<String> keys(List<String[]> rows, int column) {
        return rows.stream().map(r -> r[column]).collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void childrenPerParentFollowTheDeclaredPoisson() {
        Map<String, List<String[]>> tables = Specs.generate(Specs.example("bank"), SEED);
        int parents = tables.get("customers").size();
        int children = tables.get("accounts").size();
        // Poisson(1.6) per customer: the total over 2,000 customers has sd √(1.6 × 2000) ≈ 57.
        assertEquals(1.6 * parents, children, 4 * Math.sqrt(1.6 * parents));
        // Children of one parent are consecutive, and parents come in key order.
        List<String> order = tables.get("accounts").stream().map(r -> r[1]).toList();
        for (int i = 1; i < order.size(); i++) {
            assertTrue(order.get(i).compareTo(order.get(i - 1)) >= 0);
        }
    }

    @Test
    void scenarioRatesWithinBinomialBoundsAndCountsExact() {
        DesignSpec spec = Specs.example("bank");
        List<String[]> rows = Specs.generate(spec, SEED).get("transactions");
        int n = rows.size();
        int label = rows.get(0).length - 1;
        Map<String, Long> byScenario = rows.stream().filter(r -> r[label] != null)
                .collect(Collectors.groupingBy(r -> r[label], Collectors.counting()));
        // card_testing starts a burst of 5 rows at rate 0.0005: the number of bursts is about binomial(n, 0.0005)
        // (a start inside another burst is lost: 0.2 % of starts here, see BurstScenarioTest).
        long bursts = 0;
        assertEquals(0.001 * n, byScenario.getOrDefault("amount_at_limit", 0L), 4 * Math.sqrt(n * 0.001 * 0.999));
        assertEquals(25L, byScenario.get("night_atm_burst"));
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            if ("card_testing".equals(r[label]) && (i == 0 || !"card_testing".equals(rows.get(i - 1)[label])
                    || !rows.get(i - 1)[1].equals(r[1]))) {
                // The start of a burst: the next four rows use the same account within 1..90 s of each other.
                bursts++;
                for (int k = 1; k < 5; k++) {
                    String[] next = rows.get(i + k);
                    assertEquals("card_testing", next[label]);
                    assertEquals(r[1], next[1], "same account");
                    long gap = java.time.Duration.between(
                            LocalDateTime.parse(rows.get(i + k - 1)[2].replace(' ', 'T')),
                            LocalDateTime.parse(next[2].replace(' ', 'T'))).getSeconds();
                    assertTrue(gap >= 1 && gap <= 90, "gap " + gap);
                }
            }
            if ("card_testing".equals(r[label])) {
                double amount = Double.parseDouble(r[5]);
                assertTrue(amount >= 0.5 && amount <= 2 && r[3].equals("online"), String.join(",", r));
            }
            if ("amount_at_limit".equals(r[label])) {
                assertEquals("5000.00", r[5]);
            }
        }
        assertEquals(0.0005 * n, bursts, 4 * Math.sqrt(n * 0.0005));
    }

    @Test
    void derivedColumnsSeeScenarioValuesAndConditions() {
        List<String[]> rows = Specs.generate(Specs.example("bank"), SEED).get("transactions");
        for (String[] r : rows) {
            // fee = if(channel == 'atm', 2.5, 0), computed after the scenario set the channel.
            assertEquals(r[3].equals("atm") ? "2.50" : "0.00", r[6], String.join(",", r));
            if (r[3].equals("atm")) {
                assertEquals("cash", r[4]);
            }
            LocalDateTime t = LocalDateTime.parse(r[2].replace(' ', 'T'));
            assertEquals(String.valueOf(t.getDayOfWeek().getValue() >= 6), r[7]);
        }
    }

    @Test
    void hospitalVisitsDischargeAfterAdmissionAndNullRates() {
        Map<String, List<String[]>> tables = Specs.generate(Specs.example("hospital"), SEED);
        List<String[]> visits = tables.get("visits");
        long longStays = 0;
        for (String[] v : visits) {
            LocalDateTime admitted = LocalDateTime.parse(v[3].replace(' ', 'T'));
            LocalDateTime discharged = LocalDateTime.parse(v[5].replace(' ', 'T'));
            assertFalse(discharged.isBefore(admitted));
            if ("very_long_stay".equals(v[v.length - 1])) {
                longStays++;
                assertEquals("120.0", v[4]);
                assertTrue(discharged.isAfter(admitted.plusDays(119)));
            }
            if ("missing_diagnosis".equals(v[v.length - 1])) {
                assertNull(v[6]);
            }
        }
        assertEquals(10, longStays);
        long missingPhones = tables.get("patients").stream().filter(p -> p[2] == null).count();
        int n = tables.get("patients").size();
        assertEquals(0.05 * n, missingPhones, 4 * Math.sqrt(n * 0.05 * 0.95));
    }
}
