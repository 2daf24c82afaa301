package dev.doppel.io;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How a delimited file is written: the field delimiter and the tokens that mean "missing". A null marker is only
 * recognised unquoted: {@code "NA"} in quotes is the string NA.
 */
public record CsvFormat(char delimiter, Set<String> nullMarkers) {
    /** Comma-separated; missing values written as empty, NA, N/A, null, NULL or ?. */
    public static final CsvFormat DEFAULT =
            new CsvFormat(',', new LinkedHashSet<>(java.util.List.of("", "NA", "N/A", "null", "NULL", "?")));

    public CsvFormat {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        nullMarkers = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(nullMarkers));
    }

    public CsvFormat withDelimiter(char newDelimiter) {
        return new CsvFormat(newDelimiter, nullMarkers);
    }

    public CsvFormat withNullMarkers(Set<String> markers) {
        return new CsvFormat(delimiter, markers);
    }
}
