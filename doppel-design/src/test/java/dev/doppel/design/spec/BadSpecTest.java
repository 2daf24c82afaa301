package dev.doppel.design.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doppel.design.generate.SpecExpressions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each class of bad spec is refused with the file, the line and field of the problem, and what was expected. */
class BadSpecTest {
    private static final String HEAD = """
            format: doppel-spec
            formatVersion: 1
            tables:
              - name: customers
                rows: 10
                columns:
                  - name: id
                    sequence: {start: 1}
                  - name: age
                    distribution: {type: uniform, min: 18, max: 90}
            """;

    private static SpecException refused(String yaml) {
        return assertThrows(SpecException.class, () -> SpecReader.read("bad.yaml",
                yaml.getBytes(StandardCharsets.UTF_8), Path.of("."), SpecExpressions.INSTANCE));
    }

    private static void assertAt(SpecException e, int line, String field, String expectedFragment) {
        assertEquals("bad.yaml", e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(expectedFragment), e.getMessage());
    }

    @Test
    void rejectsUnknownColumnInExpressionWithItsLine() {
        SpecException e = refused(HEAD + """
                  - name: senior
                    expression: "agee > 65"
            """);
        assertAt(e, 12, "tables[0].columns[2].expression", "agee");
    }

    @Test
    void rejectsCycleBetweenDerivedColumns() {
        SpecException e = refused(HEAD + """
                  - name: a
                    expression: "b + 1"
                  - name: b
                    expression: "a * 2"
            """);
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        assertTrue(e.line() == 12 || e.line() == 14, e.getMessage());
    }

    @Test
    void rejectsCycleThroughConditions() {
        SpecException e = refused("""
            format: doppel-spec
            formatVersion: 1
            tables:
              - name: t
                rows: 10
                columns:
                  - name: a
                    distribution: {type: poisson, mean: 1}
                    given: {column: b, cases: {"1": {type: poisson, mean: 5}}}
                  - name: b
                    distribution: {type: poisson, mean: 1}
                    given: {column: a, cases: {"1": {type: poisson, mean: 5}}}
            """);
        assertTrue(e.getMessage().contains("the cycle a -> b -> a"), e.getMessage());
        assertEquals(7, e.line());
    }

    @Test
    void rejectsNegativeRatesAndMeans() {
        SpecException nullRate = refused(HEAD + "        nullRate: -0.1\n");
        assertEquals(11, nullRate.line(), nullRate.getMessage());
        assertEquals("tables[0].columns[1].nullRate", nullRate.field());
        SpecException poisson = refused(HEAD + """
                  - name: visits
                    distribution: {type: poisson, mean: -2}
            """);
        assertAt(poisson, 12, "tables[0].columns[2].distribution.mean", "a mean from 0");
        SpecException scenario = refused(HEAD + """
                scenarios:
                  - name: x
                    rate: 1.5
                    set: {age: 100}
            """);
        assertAt(scenario, 13, "tables[0].scenarios[0].rate", "maximum");
    }

    @Test
    void rejectsTypeMismatches() {
        SpecException expression = refused(HEAD + """
                  - name: label
                    expression: "age + 'years'"
            """);
        assertAt(expression, 12, "tables[0].columns[2].expression", "character");
        SpecException scenario = refused(HEAD + """
                scenarios:
                  - name: x
                    rate: 0.1
                    set: {age: "old"}
            """);
        assertAt(scenario, 14, "tables[0].scenarios[0].set.age", "a number");
        SpecException conditional = refused(HEAD + """
                  - name: size
                    distribution: {type: poisson, mean: 1}
                    given: {column: age, cases: {"30": {type: categorical, values: {big: 1}}}}
            """);
        assertAt(conditional, 13, "tables[0].columns[2].given.cases.30", "number values");
    }

    @Test
    void rejectsForeignKeyToMissingTableOrNonKeyColumn() {
        SpecException table = refused(HEAD + """
              - name: orders
                rows: 5
                columns:
                  - name: customer
                    references: clients.id
            """);
        assertAt(table, 15, "tables[1].columns[0].references", "a table of this spec");
        SpecException column = refused(HEAD + """
              - name: orders
                rows: 5
                columns:
                  - name: customer
                    references: customers.age
            """);
        assertAt(column, 15, "tables[1].columns[0].references", "a key column");
    }

    @Test
    void rejectsReferenceCycleBetweenTables() {
        SpecException e = refused("""
            format: doppel-spec
            formatVersion: 1
            tables:
              - name: a
                rows: 5
                columns:
                  - {name: id, sequence: {}}
                  - {name: b_id, references: b.id}
              - name: b
                rows: 5
                columns:
                  - {name: id, sequence: {}}
                  - {name: a_id, references: a.id}
            """);
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void rejectsUnknownFieldNamingIt() {
        SpecException e = refused(HEAD + "        distrbution: {type: normal}\n");
        assertAt(e, 11, "tables[0].columns[1].distrbution", "unknown field \"distrbution\"");
    }

    @Test
    void rejectsMissingParameterWithTheDistributionsLine() {
        SpecException e = refused(HEAD + """
                  - name: x
                    distribution: {type: normal, mean: 3}
            """);
        assertEquals(12, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("sd"), e.getMessage());
    }

    @Test
    void rejectsYamlSyntaxErrorWithLine() {
        SpecException e = refused(HEAD + "      - name: [unclosed\n");
        assertTrue(e.line() >= 11, e.getMessage());
        assertTrue(e.getMessage().contains("valid YAML"), e.getMessage());
    }

    @Test
    void rejectsMaliciousExpression() {
        SpecException e = refused(HEAD + """
                  - name: x
                    expression: "java.lang.Runtime.getRuntime().exec('rm -rf /')"
            """);
        assertEquals(12, e.line(), e.getMessage());
    }

    @Test
    void rejectsCorrelationMatrixThatIsNotPositiveDefinite() {
        SpecException e = refused(HEAD + """
                  - name: b
                    distribution: {type: normal, mean: 0, sd: 1}
                  - name: c
                    distribution: {type: normal, mean: 0, sd: 1}
                correlations:
                  - columns: [age, b, c]
                    matrix: [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]
            """);
        assertAt(e, 17, "tables[0].correlations[0].matrix", "positive-definite");
    }

    @Test
    void rejectsBurstOverANonDateTimeColumn() {
        SpecException e = refused(HEAD + """
                scenarios:
                  - name: b
                    rate: 0.1
                    burst: {length: 3, column: age}
                    set: {age: 1}
            """);
        assertAt(e, 14, "tables[0].scenarios[0].burst.column", "a datetime column");
    }

    @Test
    void rejectsEventTimeOutsideAnEventsTable() {
        SpecException e = refused(HEAD + """
                  - name: at
                    eventTime: true
            """);
        assertAt(e, 12, "tables[0].columns[2].eventTime", "a table whose rows are events");
    }

    @Test
    void rejectsWrongFormatVersion() {
        SpecException e = refused(HEAD.replace("formatVersion: 1", "formatVersion: 2"));
        assertAt(e, 2, "formatVersion", "1");
    }

    @Test
    void readsTheBundledExamples() {
        for (String name : new String[] {"bank", "hospital"}) {
            try (var in = getClass().getResourceAsStream("/dev/doppel/design/examples/" + name + ".yaml")) {
                DesignSpec spec = SpecReader.read(name + ".yaml", in.readAllBytes(), null, SpecExpressions.INSTANCE);
                assertTrue(spec.tables().size() >= 2);
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
    }
}
