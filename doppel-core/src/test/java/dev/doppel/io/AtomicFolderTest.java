package dev.doppel.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.DoppelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFolderTest {
    @TempDir
    Path dir;

    private static long entries(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.count();
        }
    }

    @Test
    void committedFolderHoldsItsFilesAndNothingElseIsLeft() throws IOException {
        Path target = dir.resolve("out");
        try (AtomicFolder out = AtomicFolder.create(target)) {
            Files.writeString(out.resolve("a.csv"), "x\n1\n");
            out.writeJson("manifest.json", Map.of("rows", 1));
            assertThat(target).doesNotExist();
            out.commit();
        }
        assertThat(Files.readString(target.resolve("a.csv"))).isEqualTo("x\n1\n");
        assertThat(Json.newMapper().readTree(target.resolve("manifest.json").toFile()).get("rows").asInt())
                .isEqualTo(1);
        assertThat(Files.readString(target.resolve("manifest.json"))).endsWith("}\n");
        assertThat(entries(dir)).isEqualTo(1);
        assertThat(entries(target)).isEqualTo(2);
    }

    @Test
    void failureBeforeCommitLeavesNoFolderAndNoTemporaryFolder() throws IOException {
        try (AtomicFolder out = AtomicFolder.create(dir.resolve("out"))) {
            Files.writeString(out.resolve("a.csv"), "half");
            // no commit: as if generation failed half-way
        }
        assertThat(entries(dir)).isZero();
    }

    @Test
    void emptyFolderIsReplacedButOthersAreRefused() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        try (AtomicFolder out = AtomicFolder.create(empty)) {
            Files.writeString(out.resolve("a.txt"), "a");
            out.commit();
        }
        assertThat(empty.resolve("a.txt")).hasContent("a");
        assertThatThrownBy(() -> AtomicFolder.create(empty)).isInstanceOf(DoppelException.class)
                .hasMessageContaining("exists and is not an empty folder");
        assertThatThrownBy(() -> AtomicFolder.create(dir.resolve("missing/out"))).isInstanceOf(DoppelException.class)
                .hasMessageContaining("does not exist");
        assertThat(entries(dir)).isEqualTo(1);
    }
}
