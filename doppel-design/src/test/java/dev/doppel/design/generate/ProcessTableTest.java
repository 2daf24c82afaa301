package dev.doppel.design.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doppel.design.spec.DesignSpec;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.hipparchus.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

/** Tables whose rows are per-parent event streams (dev.doppel.design.process) wired through the spec. */
class ProcessTableTest {
    private static final String SPEC = """
            format: doppel-spec
            formatVersion: 1
            tables:
              - name: cards
                rows: 400
                columns:
                  - {name: card, sequence: {}}
              - name: uses
                rows:
                  perParent: card
                  process:
                    eventsPerDay: 0.5
                    from: 2024-03-01
                    to: 2024-05-01
                    hours: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]
                columns:
                  - {name: card, references: cards.card}
                  - {name: at, eventTime: true}
            """;

    @Test
    void eventsPerParentHaveTheDeclaredMeanWindowAndHours() {
        DesignSpec spec = Specs.parse(SPEC);
        Map<String, List<String[]>> tables = Specs.generate(spec, 9);
        List<String[]> uses = tables.get("uses");
        // 400 cards × 0.5 per day × 61 days = 12,200 expected; the total of Poisson counts has sd √12,200 ≈ 110.
        assertEquals(12_200, uses.size(), 4 * Math.sqrt(12_200));
        long[] hours = new long[12];
        String previousCard = null;
        LocalDateTime previous = null;
        for (String[] r : uses) {
            LocalDateTime t = LocalDateTime.parse(r[1].replace(' ', 'T'));
            assertTrue(!t.isBefore(LocalDateTime.of(2024, 3, 1, 0, 0)) && t.isBefore(LocalDateTime.of(2024, 5, 1, 0, 0)));
            assertTrue(t.getHour() >= 8 && t.getHour() < 20, "hour " + t + " has weight 0");
            hours[t.getHour() - 8]++;
            if (r[0].equals(previousCard)) {
                assertTrue(!t.isBefore(previous), "a card's events are in time order");
            }
            previousCard = r[0];
            previous = t;
        }
        double[] expected = new double[12];
        java.util.Arrays.fill(expected, uses.size() / 12.0);
        assertTrue(new ChiSquareTest().chiSquareTest(expected, hours) > 0.001);
    }

    @Test
    void blocksStartingInsideAParentContinueItsEvents() {
        DesignSpec spec = Specs.parse(SPEC);
        TableGenerator uses = new DesignGenerator(spec, SpecExpressions.INSTANCE).tables(9).get(1);
        assertTrue(uses.blocks() >= 2);
        // Block 1 made alone equals block 1 made after block 0: nothing carries over between blocks.
        String[][] alone = uses.block(1);
        uses.block(0);
        assertEquals(List.of(alone).stream().map(List::of).toList(),
                List.of(uses.block(1)).stream().map(List::of).toList());
        // The first row of block 1 continues its card's events from block 0 without repeating one.
        String[][] before = uses.block(0);
        String[] last = before[before.length - 1];
        if (last[0].equals(alone[0][0])) {
            assertTrue(LocalDateTime.parse(alone[0][1].replace(' ', 'T'))
                    .compareTo(LocalDateTime.parse(last[1].replace(' ', 'T'))) >= 0);
        }
    }
}
