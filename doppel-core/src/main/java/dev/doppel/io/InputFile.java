package dev.doppel.io;

import dev.doppel.DoppelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a user's input file, with the one error message a user sees when it cannot be read. */
public final class InputFile {
    private InputFile() {
    }

    /** All bytes of {@code file}; a missing or unreadable file is a {@link DoppelException} naming it. */
    public static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DoppelException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new DoppelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
