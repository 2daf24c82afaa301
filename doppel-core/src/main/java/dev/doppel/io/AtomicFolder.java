package dev.doppel.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.doppel.DoppelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An output folder that appears whole or not at all: files are written into a hidden temporary folder beside the
 * target, which becomes the target on {@link #commit()}. The target must not exist or be an empty folder. Closing
 * without committing deletes the temporary folder and leaves the target as it was.
 */
public final class AtomicFolder implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicFolder(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Starts building {@code folder}.
     *
     * @throws DoppelException when its parent folder is missing, when it exists and is not an empty folder, or when
     *                         the temporary folder cannot be made
     */
    public static AtomicFolder create(Path folder) {
        Path target = folder.toAbsolutePath();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new DoppelException("cannot write " + folder + ": folder " + parent + " does not exist");
        }
        if (Files.exists(target) && !Folders.isEmpty(target)) {
            throw new DoppelException("cannot write " + folder + ": it exists and is not an empty folder; "
                    + "choose a new folder");
        }
        Path temp = Folders.temporarySibling(target);
        try {
            Files.createDirectory(temp);
        } catch (IOException e) {
            throw new DoppelException("cannot write " + folder + ": " + e.getMessage(), e);
        }
        return new AtomicFolder(target, temp);
    }

    /** Where the file {@code name} is written until the folder is committed. */
    public Path resolve(String name) {
        return temp.resolve(name);
    }

    /** Writes {@code value} as JSON (with a final line break) to the file {@code name}. */
    public void writeJson(String name, Object value) {
        try {
            Files.writeString(resolve(name), Json.newMapper().writeValueAsString(value) + "\n",
                    StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new DoppelException("cannot encode " + name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DoppelException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Makes the written files the target folder. */
    public void commit() {
        try {
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new DoppelException("cannot write " + target + ": it appeared while writing");
        } catch (IOException e) {
            throw new DoppelException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            Folders.deleteQuietly(temp);
        }
    }
}
