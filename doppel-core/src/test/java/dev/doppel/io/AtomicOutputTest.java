package dev.doppel.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.DoppelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @TempDir
    Path dir;

    @Test
    void failureBeforeCommitLeavesNoTargetAndNoTempFile() throws IOException {
        Path target = dir.resolve("out.csv");
        try (CsvRowWriter w = new CsvRowWriter(target, ',', "", List.of("a"))) {
            w.writeRow(new String[] {"1"});
            // no commit: as if sampling failed half-way
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void failedRewriteLeavesTheOldFileUntouched() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicOutput.writeString(target, "old");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.stream().write("new but unfinished".getBytes());
        }
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void commitReplacesTheTarget() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicOutput.writeString(target, "old");
        AtomicOutput.writeString(target, "new");
        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void outputsGetTheUsualPermissionsNotPrivateTempFilePermissions() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicOutput.writeString(target, "x");
        Path reference = Files.createFile(dir.resolve("reference.txt"));
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void missingFolderIsAClearError() {
        assertThatThrownBy(() -> AtomicOutput.create(dir.resolve("no/such/out.csv")))
                .isInstanceOf(DoppelException.class).hasMessageContaining("does not exist");
    }
}
