package dev.doppel.design.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.doppel.design.spec.ValueKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The hand-written formatting agrees with the JDK's for every value it takes. */
class CellTextTest {
    @Property(tries = 2000)
    void numbersMatchBigDecimalRounding(@ForAll @DoubleRange(min = -1e9, max = 1e9) double v,
            @ForAll @IntRange(min = 0, max = 6) int decimals) {
        String expected = new BigDecimal(Math.round(v * Math.pow(10, decimals))).movePointLeft(decimals)
                .setScale(decimals, RoundingMode.UNNECESSARY).toPlainString();
        StringBuilder sb = new StringBuilder();
        CellText.append(sb, v, ValueKind.NUMBER, decimals);
        String text = CellText.of(v, ValueKind.NUMBER, decimals);
        // -0.00 and 0.00 are the same number; both paths print the rounded value without a sign for zero.
        assertEquals(expected.equals("0") || expected.matches("-?0\\.0*") ? expected.replace("-", "") : expected,
                text);
        assertEquals(text, sb.toString());
    }

    @Property(tries = 1000)
    void dateTimesMatchJavaTime(@ForAll @LongRange(min = -2_000_000_000L, max = 4_000_000_000L) long second) {
        StringBuilder sb = new StringBuilder();
        CellText.append(sb, second, ValueKind.DATETIME, 0);
        String expected = java.time.LocalDateTime.ofEpochSecond(second, 0, java.time.ZoneOffset.UTC).toString()
                .replace('T', ' ');
        // java.time drops ":00" seconds and minutes; compare on the full pattern.
        assertEquals(java.time.LocalDateTime.parse(expected.replace(' ', 'T')),
                java.time.LocalDateTime.parse(sb.toString().replace(' ', 'T')));
        assertEquals(19, sb.length());
        assertEquals(CellText.of(second, ValueKind.DATETIME, 0), sb.toString());
    }
}
