package dev.doppel.io;

import dev.doppel.DoppelException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file that appears whole or not at all: bytes go to a temporary file beside the target, which replaces the target
 * on {@link #commit()}. Closing without committing deletes the temporary file and leaves any old target untouched.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final OutputStream stream;
    private boolean done;

    private AtomicOutput(Path target, Path temp, OutputStream stream) {
        this.target = target;
        this.temp = temp;
        this.stream = stream;
    }

    /** Starts writing {@code target}; the temporary file is created in the target's folder so the rename is atomic. */
    public static AtomicOutput create(Path target) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        try {
            if (folder == null || !Files.isDirectory(folder)) {
                throw new NoSuchFileException(String.valueOf(folder));
            }
            // Not Files.createTempFile: it makes the file private (0600); outputs get the user's usual permissions.
            Path temp = Folders.temporarySibling(absolute);
            OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new AtomicOutput(absolute, temp, new BufferedOutputStream(out, 1 << 16));
        } catch (NoSuchFileException e) {
            throw new DoppelException("cannot write " + target + ": folder " + folder + " does not exist");
        } catch (IOException e) {
            throw new DoppelException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** The stream to write to; buffered. */
    public OutputStream stream() {
        return stream;
    }

    /** Makes the written bytes the target file. */
    public void commit() {
        try {
            stream.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            throw new DoppelException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Discards the temporary file unless committed. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            stream.close();
        } catch (IOException ignored) {
            // the file is being discarded; a failing close changes nothing
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: a leftover hidden temp file is harmless and named after its target
        }
    }

    public static void writeBytes(Path target, byte[] content) {
        try (AtomicOutput out = create(target)) {
            out.stream().write(content);
            out.commit();
        } catch (IOException e) {
            throw new DoppelException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public static void writeString(Path target, String content) {
        writeBytes(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
