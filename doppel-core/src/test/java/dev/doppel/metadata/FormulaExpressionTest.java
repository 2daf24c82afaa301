package dev.doppel.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaExpressionTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1 + 2 * 3           | 7
            (1 + 2) * 3         | 9
            10 - 4 - 3          | 3
            12 / 4 / 3          | 1
            -2 * -3             | 6
            - (1 + 1)           | -2
            2.5e1 + .5          | 25.5
            a * b + `c-d` / 2   | 11
            a-b                 | -1
            """)
    void evaluatesWithUsualPrecedence(String text, double expected) {
        FormulaExpression e = FormulaExpression.parse(text);
        double[] inputs = new double[e.columns().size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = switch (e.columns().get(i)) {
                case "a" -> 2;
                case "b" -> 3;
                default -> 10;
            };
        }
        assertThat(e.evaluate(inputs)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            price * * q   | 9  | expected a number, a column or '('
            (a + b        | 7  | at position 7, found the end
            a b           | 3  | an operator
            ''            | 1  | a number, a column or '('
            `a            | 1  | a closing backtick
            1e+           | 2  | digits of the exponent
            a + $x        | 5  | a number, a column or '('
            """)
    void syntaxErrorsNameThePosition(String text, int position, String expected) {
        assertThatThrownBy(() -> FormulaExpression.parse(text))
                .isInstanceOfSatisfying(FormulaExpression.SyntaxException.class,
                        e -> assertThat(e.position()).isEqualTo(position))
                .hasMessageContaining(expected).hasMessageContaining("position " + position);
    }

    @Test
    void refusesDeepNestingInsteadOfOverflowingTheStack() {
        assertThatThrownBy(() -> FormulaExpression.parse("(".repeat(10_000) + "1" + ")".repeat(10_000)))
                .isInstanceOf(FormulaExpression.SyntaxException.class).hasMessageContaining("nested");
    }

    @Property(tries = 200)
    void matchesJavaArithmetic(@ForAll @DoubleRange(min = -1e6, max = 1e6) double x,
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double y, @ForAll @DoubleRange(min = 0.5, max = 100) double z) {
        FormulaExpression e = FormulaExpression.parse("(x + y) * z - x / z");
        assertThat(e.evaluate(new double[] {x, y, z})).isEqualTo((x + y) * z - x / z);
    }
}
