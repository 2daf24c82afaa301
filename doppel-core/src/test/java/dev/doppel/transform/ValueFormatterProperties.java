package dev.doppel.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.metadata.ColumnMetadata;
import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ValueFormatterProperties {
    @Property
    void decimalsAreWrittenWithExactlyTheColumnsDigitsAndReadBackRounded(
            @ForAll @DoubleRange(min = -1e9, max = 1e9) double value, @ForAll @IntRange(min = 1, max = 6) int digits) {
        String text = ValueFormatter.forColumn(ColumnMetadata.numerical("x", false, null, null, digits)).format(value);
        assertThat(text).matches("-?\\d+\\.\\d{" + digits + "}");
        BigDecimal expected = new BigDecimal(Double.toString(value)).setScale(digits, RoundingMode.HALF_UP);
        // Equal to half-up rounding of the decimal the double prints as, within one unit of the last digit where
        // the binary value sits a hair below a half.
        assertThat(new BigDecimal(text).subtract(expected).abs())
                .isLessThanOrEqualTo(BigDecimal.ONE.movePointLeft(digits));
    }

    @Property
    void integersHaveNoDecimalPoint(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long v) {
        ValueFormatter f = ValueFormatter.forColumn(ColumnMetadata.numerical("n", true, null, null, 0));
        assertThat(f.format(v)).isEqualTo(Long.toString(v));
        assertThat(f.format(v + 0.4)).isEqualTo(Long.toString(v));
    }

    @Test
    void roundsHalfUpAsWritten() {
        ValueFormatter f = ValueFormatter.forColumn(ColumnMetadata.numerical("p", false, null, null, 2));
        assertThat(f.format(2.675)).isEqualTo("2.68");
        assertThat(f.format(-1.005)).isEqualTo("-1.01");
        assertThat(f.format(0.001)).isEqualTo("0.00");
        assertThat(f.format(-0.001)).isEqualTo("0.00");
        assertThat(f.format(1e17)).isEqualTo("100000000000000000.00");
    }

    @Property
    void datetimesRoundTripInEverySupportedPattern(
            @ForAll @LongRange(min = -2_000_000_000L, max = 4_000_000_000L) long seconds,
            @ForAll @IntRange(min = 0, max = 8) int patternIndex) {
        DateTimeCodec codec = new DateTimeCodec(DateTimeCodec.PATTERNS.get(patternIndex));
        String text = codec.format(seconds);
        double back = codec.parse(text);
        assertThat(codec.format(back)).isEqualTo(text);
        // Date-only patterns drop the time of day; the others keep at least whole minutes.
        assertThat(Math.abs(back - seconds)).isLessThan(86_400.0);
    }
}
