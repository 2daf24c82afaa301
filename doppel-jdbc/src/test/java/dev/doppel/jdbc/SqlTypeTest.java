package dev.doppel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTypeTest {
    @Test
    void readsEachSourcesSpellingOfATypeAndWritesEachSinks() {
        assertThat(SqlType.parse("NVARCHAR(40)").orElseThrow().postgres()).isEqualTo("varchar(40)");
        assertThat(SqlType.parse("character varying(40)").orElseThrow().duckDb()).isEqualTo("VARCHAR");
        assertThat(SqlType.parse("character varying").orElseThrow().postgres()).isEqualTo("text");
        assertThat(SqlType.parse("NUMERIC(10,2)").orElseThrow().postgres()).isEqualTo("numeric(10,2)");
        assertThat(SqlType.parse("numeric( 10 , 2 )").orElseThrow().duckDb()).isEqualTo("DECIMAL(10,2)");
        assertThat(SqlType.parse("numeric(60,2)").orElseThrow().duckDb()).isEqualTo("DOUBLE");
        assertThat(SqlType.parse("numeric").orElseThrow().postgres()).isEqualTo("numeric");
        assertThat(SqlType.parse("DATETIME").orElseThrow().postgres()).isEqualTo("timestamp");
        assertThat(SqlType.parse("timestamp without time zone").orElseThrow().duckDb()).isEqualTo("TIMESTAMP");
        assertThat(SqlType.parse("timestamp with time zone").orElseThrow().postgres()).isEqualTo("timestamptz");
        assertThat(SqlType.parse("double precision").orElseThrow().duckDb()).isEqualTo("DOUBLE");
        assertThat(SqlType.parse("INT4").orElseThrow().postgres()).isEqualTo("integer");
        assertThat(SqlType.parse("bpchar(2)").orElseThrow().postgres()).isEqualTo("char(2)");
        assertThat(SqlType.parse("uuid")).isEmpty();
        assertThat(SqlType.parse("integer[]")).isEmpty();
        assertThat(SqlType.parse("numeric(2,5)")).isEmpty();
        assertThat(SqlType.parse(null)).isEmpty();
    }

    @Test
    void acceptsExactlyTheValuesTheDatabaseConvertsWithoutLossOrError() {
        SqlType integer = SqlType.parse("integer").orElseThrow();
        assertThat(integer.accepts("2147483647")).isTrue();
        assertThat(integer.accepts("2147483648")).isFalse();
        assertThat(integer.accepts("1.5")).isFalse();
        SqlType money = SqlType.parse("numeric(5,2)").orElseThrow();
        assertThat(money.accepts("999.99")).isTrue();
        // Rounded to the scale by the server: 999.994 is 999.99, 999.995 is 1000.00, three digits too many.
        assertThat(money.accepts("999.994")).isTrue();
        assertThat(money.accepts("999.995")).isFalse();
        assertThat(money.accepts("-12.5")).isTrue();
        assertThat(money.accepts("abc")).isFalse();
        SqlType name = SqlType.parse("varchar(3)").orElseThrow();
        assertThat(name.accepts("abc")).isTrue();
        assertThat(name.accepts("abcd")).isFalse();
        // Characters, not UTF-16 units: one emoji is one character.
        assertThat(name.accepts("ab\uD83D\uDE00")).isTrue();
        SqlType timestamp = SqlType.parse("timestamp").orElseThrow();
        assertThat(timestamp.accepts("2009-01-01 00:00:00")).isTrue();
        assertThat(timestamp.accepts("2009-01-01T13:45")).isTrue();
        assertThat(timestamp.accepts("2009-01-01")).isTrue();
        assertThat(timestamp.accepts("2009-02-30 00:00:00")).isFalse();
        assertThat(timestamp.accepts("01/02/2009")).isFalse();
        assertThat(SqlType.parse("timestamptz").orElseThrow().accepts("2009-01-01 10:00:00+02")).isTrue();
        assertThat(SqlType.parse("date").orElseThrow().accepts("2009-01-01 00:00:00")).isFalse();
        assertThat(SqlType.parse("boolean").orElseThrow().accepts("t")).isTrue();
        assertThat(SqlType.parse("boolean").orElseThrow().accepts("maybe")).isFalse();
        assertThat(SqlType.DOUBLE.accepts("1e300")).isTrue();
        assertThat(SqlType.DOUBLE.accepts("x")).isFalse();
    }
}
