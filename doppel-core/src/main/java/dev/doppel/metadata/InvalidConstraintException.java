package dev.doppel.metadata;

/**
 * A constraint that cannot be used: where it is in the metadata's JSON ({@code constraints[2].high}), what was
 * expected there and what was found. {@link MetadataJson} turns it into an {@code InvalidDataException} naming the file.
 */
public final class InvalidConstraintException extends IllegalArgumentException {
    private final String path;
    private final String expected;
    private final String found;

    public InvalidConstraintException(String path, String expected, String found) {
        super(path + ": expected " + expected + (found == null ? "" : ", found " + found));
        this.path = path;
        this.expected = expected;
        this.found = found;
    }

    public String path() {
        return path;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
