package dev.doppel.synth.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.DoppelException;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.PiiKind;
import dev.doppel.metadata.TableMetadata;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionParserTest {
    static final TableMetadata META = new TableMetadata(List.of(
            ColumnMetadata.categorical("income"), ColumnMetadata.categorical("city"),
            ColumnMetadata.numerical("age", true, 17.0, 90.0, 0), ColumnMetadata.datetime("day", "yyyy-MM-dd"),
            ColumnMetadata.bool("vip", "Y", "N"), ColumnMetadata.pii("email", PiiKind.EMAIL)));

    @Test
    void readsValuesAlternativesRangesAndDates() {
        Condition c = ConditionParser.parse("income=>50K, city=\"Washington, D.C.\"|Boston,age=30..40,day=2024-01-01..,vip=Y",
                META);
        assertThat(c.parts()).containsExactly(
                new ColumnCondition.OneOf("income", Set.of(">50K")),
                new ColumnCondition.OneOf("city", Set.of("Washington, D.C.", "Boston")),
                new ColumnCondition.Range("age", 30, 40),
                new ColumnCondition.Range("day", 1_704_067_200, Double.POSITIVE_INFINITY),
                new ColumnCondition.OneOf("vip", Set.of("Y")));
        assertThat(ConditionParser.parse("age=..25", META).parts().get(0))
                .isEqualTo(new ColumnCondition.Range("age", Double.NEGATIVE_INFINITY, 25));
        assertThat(ConditionParser.parse("age=33", META).parts().get(0)).isEqualTo(new ColumnCondition.Range("age", 33, 33));
    }

    @Test
    void badConditionsNameThePartAndWhatWasExpected() {
        assertThatThrownBy(() -> ConditionParser.parse("agee=3", META)).isInstanceOf(DoppelException.class)
                .hasMessageContaining("no column 'agee'").hasMessageContaining("income, city, age");
        assertThatThrownBy(() -> ConditionParser.parse("age=old", META)).hasMessageContaining("'old' is not a number");
        assertThatThrownBy(() -> ConditionParser.parse("age=40..30", META)).hasMessageContaining("empty");
        assertThatThrownBy(() -> ConditionParser.parse("day=01/02/2024", META)).hasMessageContaining("yyyy-MM-dd");
        assertThatThrownBy(() -> ConditionParser.parse("vip=yes", META)).hasMessageContaining("Y or N");
        assertThatThrownBy(() -> ConditionParser.parse("email=a@b.c", META)).hasMessageContaining("generated fresh");
        assertThatThrownBy(() -> ConditionParser.parse("age=3,age=4", META)).hasMessageContaining("twice");
        assertThatThrownBy(() -> ConditionParser.parse("income", META)).hasMessageContaining("column=value");
        assertThatThrownBy(() -> ConditionParser.parse("city=\"Boston", META)).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> ConditionParser.parse("age=..", META)).hasMessageContaining("a value or a range");
    }
}
