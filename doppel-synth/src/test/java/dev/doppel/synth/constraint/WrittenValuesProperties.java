package dev.doppel.synth.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.transform.DateTimeCodec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The arithmetic shortcuts of {@link WrittenValues} give exactly what formatting and parsing the text gives. */
class WrittenValuesProperties {
    @Property(tries = 2000)
    void numbersMatchTheirWrittenText(@ForAll @DoubleRange(min = -1e7, max = 1e7) double x,
            @ForAll @IntRange(min = 0, max = 6) int decimals) {
        ColumnMetadata column = ColumnMetadata.numerical("x", decimals == 0, null, null, decimals);
        WrittenValues w = new WrittenValues(column);
        assertThat(w.written(x)).isEqualTo(Double.parseDouble(w.text(x)));
    }

    @Property(tries = 2000)
    void datesMatchTheirWrittenText(@ForAll @DoubleRange(min = -3e9, max = 4e9) double seconds) {
        WrittenValues w = new WrittenValues(ColumnMetadata.datetime("d", "yyyy-MM-dd"));
        assertThat(w.written(seconds)).isEqualTo(new DateTimeCodec("yyyy-MM-dd").parse(w.text(seconds)));
    }
}
