package dev.doppel.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class GatePropertiesTest {

    @Provide
    Arbitrary<String> metrics() {
        return Arbitraries.of(EvaluationReport.METRIC_NAMES);
    }

    @Provide
    Arbitrary<String> operators() {
        return Arbitraries.of(">=", "<=", ">", "<");
    }

    @Property
    void writtenGatesParseBack(@ForAll("metrics") String metric, @ForAll("operators") String op,
                               @ForAll double threshold) {
        if (!Double.isFinite(threshold)) {
            return;
        }
        Gate g = new Gate(metric, op, threshold);
        assertThat(Gate.parse(g.toString())).containsExactly(g);
        assertThat(Gate.parse(" " + g + " , " + g)).isEqualTo(List.of(g, g));
    }

    @Property
    void aGatePassesExactlyWhenItsComparisonHolds(@ForAll("operators") String op, @ForAll double threshold,
                                                  @ForAll double value) {
        Gate g = new Gate("quality", op, threshold);
        boolean expected = switch (op) {
            case ">=" -> value >= threshold;
            case "<=" -> value <= threshold;
            case ">" -> value > threshold;
            default -> value < threshold;
        };
        assertThat(g.passes(value)).isEqualTo(expected);
        assertThat(g.passes(Double.NaN)).isFalse();
    }
}
