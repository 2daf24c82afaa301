package dev.doppel.metadata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kind of personal data in a {@link ColumnType#PII} column; fake values are made of the same kind. */
public enum PiiKind {
    EMAIL,
    PHONE,
    PERSON_NAME,
    ADDRESS,
    CREDIT_CARD,
    IP_ADDRESS,
    NATIONAL_ID;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PiiKind fromJson(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
