package dev.doppel.provenance;

/**
 * A stored JSON document that names its format and the version of it, so a reader can refuse what it does not know
 * ({@link ManifestFile#read(java.nio.file.Path, Class, String, int)}).
 */
public interface Versioned {
    /** The format's name, such as {@code doppel-manifest}. */
    String format();

    /** The format's version, raised whenever a reader of the previous version would misread the document. */
    int formatVersion();
}
