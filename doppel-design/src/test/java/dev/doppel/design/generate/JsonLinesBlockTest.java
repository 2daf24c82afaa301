package dev.doppel.design.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doppel.design.spec.ValueKind;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonLinesBlockTest {
    @Test
    void everyNumberCellTextWritesIsAJsonNumberOfTheSameValue() throws Exception {
        // Read as BigDecimal: a double would round the 18-digit texts and hide whether the digits survived.
        ObjectMapper mapper = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 20_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 19));
            int decimals = random.nextInt(0, 10);
            String text = CellText.of(v, ValueKind.NUMBER, decimals);
            assertThat(JsonLinesBlock.isJsonNumberOrBoolean(text)).as(text).isTrue();
            JsonNode parsed = mapper.readTree(text);
            assertThat(parsed.isNumber()).as(text).isTrue();
            assertThat(new BigDecimal(text).compareTo(parsed.decimalValue())).as(text).isZero();
        }
    }

    @Test
    void anythingElseIsQuoted() {
        for (String v : new String[] {"", "-", "01", "-01", "1.", ".5", "1.2.3", "NaN", "Infinity", "1e5", "+1",
            "\u0661\u0662", "TRUE", "1 ", "12a"}) {
            assertThat(JsonLinesBlock.isJsonNumberOrBoolean(v)).as(v).isFalse();
        }
        for (String v : new String[] {"0", "-0.5", "10", "3.25", "true", "false"}) {
            assertThat(JsonLinesBlock.isJsonNumberOrBoolean(v)).as(v).isTrue();
        }
    }
}
