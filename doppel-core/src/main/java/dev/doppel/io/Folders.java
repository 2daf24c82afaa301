package dev.doppel.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder chores of the writers that build an output in a temporary place and rename it when complete. */
public final class Folders {
    private Folders() {
    }

    /** A hidden name beside {@code absolute}, for the temporary output that will be renamed to it. */
    static Path temporarySibling(Path absolute) {
        return absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime()));
    }

    /** True when {@code folder} is a directory with no entries (false when it is missing or unreadable). */
    public static boolean isEmpty(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes {@code path} and, for a folder, everything below it; best effort, since it only cleans up temporary
     * outputs, which are hidden and named after their target, so a leftover is harmless.
     */
    public static void deleteQuietly(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(path)) {
            for (Path p : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort, see above
        }
    }
}
