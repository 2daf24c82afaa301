package dev.doppel.design.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {
    /** The row every semantic test evaluates against; {@code missing} is null of each type. */
    static final List<Variable> VARIABLES = List.of(
            new Variable("amount", ValueType.NUMBER),
            new Variable("qty", ValueType.NUMBER),
            new Variable("name", ValueType.STRING),
            new Variable("vip", ValueType.BOOLEAN),
            new Variable("born", ValueType.DATE),
            new Variable("at", ValueType.DATETIME),
            new Variable("gross amount", ValueType.NUMBER),
            new Variable("no_number", ValueType.NUMBER),
            new Variable("no_text", ValueType.STRING),
            new Variable("no_flag", ValueType.BOOLEAN),
            new Variable("no_date", ValueType.DATE));
    static final Object[] ROW = {
            12.5, 3.0, "Ada Lovelace", Boolean.TRUE, LocalDate.of(1990, 2, 28),
            LocalDateTime.of(2024, 1, 31, 22, 45, 10), 100.0, null, null, null, null};

    private static Object eval(String source) {
        return Expression.compile(source, VARIABLES).evaluate(ROW);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1 + 2 * 3                     | 7
            (1 + 2) * 3                   | 9
            10 - 4 - 3                    | 3
            12 / 4 / 3                    | 1
            -2 * -3                       | 6
            - (1 + 1)                     | -2
            2.5e1 + .5                    | 25.5
            7 % 3                         | 1
            -7 % 3                        | -1
            amount * qty                  | 37.5
            `gross amount` - amount       | 87.5
            abs(-4)                       | 4
            round(2.675, 2)               | 2.68
            round(-2.5)                   | -3
            round(1234.5, -2)             | 1200
            floor(-1.5)                   | -2
            ceil(1.2)                     | 2
            min(3, amount, 7)             | 3
            max(3, amount, 7)             | 12.5
            pow(2, 10)                    | 1024
            sqrt(16)                      | 4
            exp(0)                        | 1
            log(1)                        | 0
            log10(1000)                   | 3
            clamp(amount, 0, 10)          | 10
            clamp(-5, 0, 10)              | 0
            length(name)                  | 12
            length('naïve 😀')             | 7
            year(born)                    | 1990
            month(born)                   | 2
            day(at)                       | 31
            weekday(date('2024-01-01'))   | 1
            weekday(at)                   | 3
            hour(at)                      | 22
            minute(at)                    | 45
            days_between(born, date('1990-03-02'))          | 2
            days_between(date('2024-02-01'), date_of(at))   | -1
            days_between(datetime('2024-01-31T10:45:10'), at) | 0.5
            if(vip, amount, 0) + 1        | 13.5
            coalesce(no_number, qty)      | 3
            """)
    void computesNumbers(String source, double expected) {
        Expression e = Expression.compile(source, VARIABLES);
        assertThat(e.type()).isEqualTo(ValueType.NUMBER);
        assertThat((Double) e.evaluate(ROW)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            upper(name)                           | ADA LOVELACE
            lower('ÀB')                           | àb
            'id-' + string(qty)                   | id-3
            concat(name, ': ', amount, ' ', vip)  | Ada Lovelace: 12.5 true
            concat(born, '/', at)                 | 1990-02-28/2024-01-31T22:45:10
            substr(name, 5)                       | Lovelace
            substr(name, 1, 3)                    | Ada
            substr(name, 0, 3)                    | Ada
            substr(name, 11, 100)                 | ce
            substr('😀ab', 2, 1)                   | a
            trim('  x  ')                         | x
            format('%05d', qty)                   | 00003
            format('%.2f EUR', amount)            | 12.50 EUR
            format('%,d', 1234567)                | 1,234,567
            format('%+.1f%%', 2.25)               | +2.3%
            format('%-4s/%s', 'ab', born)         | ab  /1990-02-28
            format('%d', 2.5)                     | 3
            format('%d', -2.5)                    | -3
            format('%08.3f', -3.14159)            | -003.142
            format('[%6s][%-6s][%.2s]', 'ab', 'cd', 'xyz') | [    ab][cd    ][xy]
            'it''s'                               | it's
            if(amount > 10, 'big', 'small')       | big
            coalesce(no_text, 'n/a')              | n/a
            string(1e20)                          | 1.0E20
            string(0.1 + 0.2)                     | 0.30000000000000004
            """)
    void computesStrings(String source, String expected) {
        Expression e = Expression.compile(source, VARIABLES);
        assertThat(e.type()).isEqualTo(ValueType.STRING);
        assertThat(e.evaluate(ROW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            amount > 10                          | true
            amount >= 12.5 and qty = 3           | true
            amount == 12.5                       | true
            amount != 12.5 or qty <> 3           | false
            not vip                              | false
            not amount < 10 and vip              | true
            1 + 1 = 2 and 'a' < 'b'              | true
            born < date('2000-01-01')            | true
            at >= datetime('2024-01-31 22:45')   | true
            vip = true                           | true
            is_null(no_text)                     | true
            is_null(name)                        | false
            contains(name, 'Love')               | true
            starts_with(name, 'Ada')             | true
            ends_with(name, 'x')                 | false
            false and no_flag                    | false
            true or no_flag                      | true
            TRUE AND Not False                   | true
            0.0 = -0.0                           | true
            """)
    void computesBooleans(String source, boolean expected) {
        Expression e = Expression.compile(source, VARIABLES);
        assertThat(e.type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(e.evaluate(ROW)).isEqualTo(expected);
    }

    @Test
    void computesDates() {
        assertThat(eval("add_days(born, 1)")).isEqualTo(LocalDate.of(1990, 3, 1));
        assertThat(eval("add_days(born, 1.9)")).isEqualTo(LocalDate.of(1990, 3, 1));
        assertThat(eval("add_days(born, -365)")).isEqualTo(LocalDate.of(1989, 2, 28));
        assertThat(eval("add_hours(at, 1.5)")).isEqualTo(LocalDateTime.of(2024, 2, 1, 0, 15, 10));
        assertThat(eval("add_minutes(at, -45)")).isEqualTo(LocalDateTime.of(2024, 1, 31, 22, 0, 10));
        assertThat(eval("add_days(at, 0.5)")).isEqualTo(LocalDateTime.of(2024, 2, 1, 10, 45, 10));
        assertThat(eval("date_of(at)")).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(eval("datetime(born)")).isEqualTo(LocalDateTime.of(1990, 2, 28, 0, 0));
        assertThat(eval("max(born, date('1999-12-31'))")).isEqualTo(LocalDate.of(1999, 12, 31));
        assertThat(eval("date(substr(string(at), 1, 10))")).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(Expression.compile("add_days(born, qty)", VARIABLES).type()).isEqualTo(ValueType.DATE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no_number + 1
            -no_number
            abs(no_number)
            no_number > 1
            not no_flag
            no_flag and true
            no_flag or false
            upper(no_text)
            no_text + 'x'
            concat('a', no_text)
            format('%s', no_text)
            year(no_date)
            add_days(no_date, 1)
            add_days(born, no_number)
            if(no_flag, 1, 2)
            if(vip, null, 2)
            min(1, no_number)
            coalesce(no_number, null)
            1 / 0
            0 / 0
            amount % 0
            log(0)
            sqrt(-1)
            exp(1000)
            pow(10, 400)
            1e308 * 10
            add_days(born, 1e12)
            add_hours(at, 1e300)
            date(no_text)
            """)
    void missingAndUnrepresentableValuesAreNull(String source) {
        assertThat(eval(source)).isNull();
    }

    @Test
    void nonFiniteNumbersGivenAsInputAreMissing() {
        Expression e = Expression.compile("is_null(x)", List.of(new Variable("x", ValueType.NUMBER)));
        assertThat(e.evaluate(new Object[] {Double.NaN})).isEqualTo(true);
        assertThat(e.evaluate(new Object[] {Double.POSITIVE_INFINITY})).isEqualTo(true);
        assertThat(e.evaluate(new Object[] {1.0})).isEqualTo(false);
    }

    @Test
    void neverProducesNegativeZero() {
        Expression e = Expression.compile("format('%.1f %.1f %.1f %.1f', -x, x * -1, ceil(-0.5 + x), round(-0.001, 2))",
                List.of(new Variable("x", ValueType.NUMBER)));
        assertThat(e.evaluate(new Object[] {0.0})).isEqualTo("0.0 0.0 0.0 0.0");
        assertThat(e.evaluate(new Object[] {-0.0})).isEqualTo("0.0 0.0 0.0 0.0");
    }

    @Test
    void ifEvaluatesOnlyTheBranchItTakes() {
        // The untaken branch would fail at run time if evaluated.
        Expression e = Expression.compile("if(is_null(s), date('2000-01-01'), date(s))",
                List.of(new Variable("s", ValueType.STRING)));
        assertThat(e.evaluate(new Object[] {null})).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(e.evaluate(new Object[] {"2001-02-03"})).isEqualTo(LocalDate.of(2001, 2, 3));
    }

    @Test
    void runTimeConversionOfBadTextIsAnExpressionError() {
        Expression e = Expression.compile("date(s)", List.of(new Variable("s", ValueType.STRING)));
        assertThatThrownBy(() -> e.evaluate(new Object[] {"31/01/2024"}))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("column 1: expected a date written yyyy-mm-dd, found '31/01/2024'");
    }

    @Test
    void oneCompiledExpressionServesManyThreads() {
        Expression e = Expression.compile(
                "format('%s-%04d', upper(substr(s, 1, 2)), round(x * 3.5)) + if(x > 50, '!', '')",
                List.of(new Variable("x", ValueType.NUMBER), new Variable("s", ValueType.STRING)));
        java.util.function.IntFunction<Object> row = i -> e.evaluate(new Object[] {(double) i, "name" + i});
        List<Object> sequential = java.util.stream.IntStream.range(0, 20_000).mapToObj(row).toList();
        List<Object> parallel = java.util.stream.IntStream.range(0, 20_000).parallel().mapToObj(row).toList();
        assertThat(parallel).isEqualTo(sequential);
        assertThat(sequential.get(51)).isEqualTo("NA-0179!");
    }

    @Test
    void reportsReferencesInOrderOfFirstUse() {
        Expression e = Expression.compile("if(vip, `gross amount`, amount * qty + amount)", VARIABLES);
        assertThat(e.references()).containsExactly("vip", "gross amount", "amount", "qty");
        assertThat(Expression.compile("1 + 2", VARIABLES).references()).isEmpty();
        assertThat(e.source()).isEqualTo("if(vip, `gross amount`, amount * qty + amount)");
    }

    @Test
    void readsOnlyReferencedSlotsAndChecksValueClasses() {
        Expression e = Expression.compile("qty * 2", VARIABLES);
        Object[] sparse = new Object[VARIABLES.size()];
        sparse[1] = 4.0;
        assertThat(e.evaluate(sparse)).isEqualTo(8.0);
        sparse[1] = 4;
        assertThatThrownBy(() -> e.evaluate(sparse)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variable 'qty' is NUMBER but its value is a java.lang.Integer");
    }

    @Test
    void backticksQuoteAnyNameIncludingKeywords() {
        List<Variable> odd = List.of(new Variable("and", ValueType.NUMBER), new Variable("a`b", ValueType.NUMBER),
                new Variable("if", ValueType.NUMBER));
        Expression e = Expression.compile("`and` + `a``b` * `if`", odd);
        assertThat(e.evaluate(new Object[] {1.0, 2.0, 3.0})).isEqualTo(7.0);
        assertThat(e.references()).containsExactly("and", "a`b", "if");
    }

    @Test
    void refusesDuplicateVariables() {
        assertThatThrownBy(() -> Expression.compile("1", List.of(new Variable("a", ValueType.NUMBER),
                new Variable("a", ValueType.STRING)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' is declared twice");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            amount * * qty              | 10 | expected a value, found '*'
            (amount + qty               | 14 | ')' to close the '(' at column 1, found the end of the expression
            amount qty                  | 8  | expected an operator or the end of the expression, found 'qty'
            "   "                       | 1  | expected an expression, found nothing
            `amount                     | 8  | a closing ` for the name started at column 1
            'abc                        | 5  | a closing ' for the string started at column 1
            1e+                         | 4  | the digits of the number's exponent
            1.5.2                       | 4  | an operator after the number 1.5
            12abc                       | 3  | an operator after the number 12
            amount + $x                 | 10 | a number, string, name, operator or parenthesis, found '$'
            name = "x"                  | 8  | (strings are written in single quotes)
            amont + 1                   | 1  | expected a known name (amount, qty, name, vip, born, at, gross amount
            amont + 1                   | 1  | found unknown name 'amont'
            amount + name               | 10 | expected a number on the right of '+', found a string
            name - 1                    | 1  | expected a number on the left of '-', found a string
            name + 1                    | 8  | expected a string on the right of '+' after a string, found a number
            amount > 'x'                | 10 | expected a number to compare with the left side of '>', found a string
            vip < true                  | 1  | a number, string, date or datetime on the left of '<', found a boolean
            1 < 2 < 3                   | 7  | comparisons are not chained
            amount = null               | 10 | to test for a missing value use is_null(x)
            null                        | 1  | an expression that is not always null
            vip and 1                   | 9  | expected a boolean for 'and', found a number
            not name                    | 5  | expected a boolean for 'not', found a string
            if(amount, 1, 2)            | 4  | expected a boolean condition for if, found a number
            if(vip, 1, 'a')             | 12 | expected a number like the other of if's branches, found a string
            if(vip, 1)                  | 1  | expected 3 arguments for if, found 2
            abs()                       | 1  | expected 1 argument for abs, found 0
            round(amount, qty)          | 15 | a constant whole number of digits between -15 and 15, found a computed value
            round(amount, 1.5)          | 15 | and 15, found 1.5
            round(amount, 99)           | 15 | found 99
            min(1)                      | 1  | expected at least 2 arguments for min, found 1
            min(1, 'a')                 | 8  | expected a number like the first argument of min, found a string
            max(vip, vip)               | 5  | a number, string, date or datetime for max, found a boolean
            getClass()                  | 1  | found unknown function 'getClass'
            exec('ls')                  | 1  | expected a function (if, is_null, coalesce, abs
            java.lang.Runtime           | 5  | expected a number, string, name, operator or parenthesis, found '.'
            hour(born)                  | 6  | expected a datetime for hour, found a date
            year(name)                  | 6  | expected a date or datetime for year, found a string
            add_hours(born, 1)          | 11 | expected a datetime for add_hours, found a date
            date('2024-02-30')          | 6  | expected a date written yyyy-mm-dd, found '2024-02-30'
            datetime('2024-01-01')      | 10 | a datetime written yyyy-mm-ddThh:mm[:ss], found '2024-01-01'
            days_between(born, 3)       | 20 | expected a date or datetime for days_between, found a number
            format(name, 1)             | 8  | expected a constant string as the pattern of format, found a string computed from variables
            format('%d', name)          | 14 | expected a number for %d, found a string
            format('%d %d', 1)          | 1  | expected 2 values after the pattern (one per directive), found 1
            format('ab %q', 1)          | 13 | a format conversion d, f or s (or %% for %), found 'q'
            format('%05s', name)        | 9  | only the '-' flag with %s
            format('%999d', 1)          | 9  | a width of at most 100
            format('%.50f', 1)          | 9  | a precision of at most 20
            format('%-d', 1)            | 9  | a width with the '-' or '0' flag
            format('%.2d', 1)           | 9  | no precision with %d
            and + 1                     | 1  | the keyword 'and' (a column with this name is written `and`)
            1e400                       | 1  | a number within ±1.8e308
            ``                          | 1  | a name between the backticks
            """)
    void errorsNameTheColumnAndWhatWasExpected(String source, int column, String message) {
        assertThatThrownBy(() -> Expression.compile(source, VARIABLES))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.column()).isEqualTo(column))
                .hasMessageContaining("column " + column + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void errorMessageQuotesTheExpressionAndShortensLongOnes() {
        assertThatThrownBy(() -> Expression.compile("1 +", VARIABLES))
                .hasMessage("expression '1 +', column 4: expected a value, found the end of the expression");
        String longSource = "amount + ".repeat(200) + "name";
        assertThatThrownBy(() -> Expression.compile(longSource, VARIABLES))
                .hasMessageContaining("…' (1804 characters), column 1801");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            java.lang.Runtime.getRuntime().exec('rm -rf /')
            name.getClass()
            getClass().forName('java.lang.System')
            T(java.lang.Runtime)
            ${jndi:ldap://example.invalid/a}
            #{7*7}
            Class.forName('x')
            __import__('os').system('ls')
            System.exit(1)
            new java.io.File('/etc/passwd')
            while(true)
            amount; exit()
            load('file:///etc/passwd')
            url('http://example.invalid')
            import java.io
            """)
    void refusesAttemptsToReachJava(String source) {
        assertThatThrownBy(() -> Expression.compile(source, VARIABLES)).isInstanceOf(ExpressionException.class);
    }

    @Test
    void refusesTooLongText() {
        char[] huge = new char[1 << 20];
        Arrays.fill(huge, '1');
        assertThatThrownBy(() -> Expression.compile(new String(huge), VARIABLES))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("expected at most 10000 characters, found 1048576 characters");
        String hugeString = "'" + "x".repeat(1 << 20) + "'";
        assertThatThrownBy(() -> Expression.compile(hugeString, VARIABLES))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("at most 10000 characters");
    }

    @Test
    void refusesDeepNestingInsteadOfOverflowingTheStack() {
        String parens = "(".repeat(4_000) + "1" + ")".repeat(4_000);
        assertThatThrownBy(() -> Expression.compile(parens, VARIABLES))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("nested at most 64 deep");
        String calls = "abs(".repeat(100) + "1" + ")".repeat(100);
        assertThatThrownBy(() -> Expression.compile(calls, VARIABLES))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("nested at most 64 deep");
        String negations = "-".repeat(3_000) + "1";
        assertThatThrownBy(() -> Expression.compile(negations, VARIABLES))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("nested at most 64 deep");
        String chain = "1" + " + 1".repeat(2_000);
        assertThatThrownBy(() -> Expression.compile(chain, VARIABLES))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("at most 256 operations deep");
        assertThat(Expression.compile("(".repeat(64) + "1" + ")".repeat(64), VARIABLES).evaluate(ROW))
                .isEqualTo(1.0);
        assertThat(Expression.compile("1" + " + 1".repeat(255), VARIABLES).evaluate(ROW)).isEqualTo(256.0);
    }
}
