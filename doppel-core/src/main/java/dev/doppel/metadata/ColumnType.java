package dev.doppel.metadata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a column holds, which decides how it is modelled. */
public enum ColumnType {
    /** Integers or decimals; modelled by a marginal distribution. */
    NUMERICAL,
    /** A small set of labels; modelled by their frequencies. */
    CATEGORICAL,
    /** Two labels (true/false tokens as written in the input). */
    BOOLEAN,
    /** Points in time with a known text format; modelled as epoch seconds. */
    DATETIME,
    /** A unique key; never learned, regenerated as fresh unique values. */
    ID,
    /** Personal data (see {@link PiiKind}); never learned, replaced by realistic fake values of the same kind. */
    PII,
    /** Free text; never learned word for word. */
    TEXT;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ColumnType fromJson(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
