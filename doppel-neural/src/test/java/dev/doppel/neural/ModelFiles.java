package dev.doppel.neural;

import dev.doppel.model.ModelFile;
import dev.doppel.synth.ModelStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: damages the weights of a stored model while keeping the model file's own checksums valid. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** Flips one bit in the middle of the weights part and rewrites the file with fresh section checksums. */
    public static void corruptWeights(Path file) {
        List<ModelFile.Section> sections = new ArrayList<>();
        boolean found = false;
        for (ModelFile.Section s : ModelFile.read(file)) {
            if (s.name().equals(ModelStore.PART_PREFIX + StoredWeights.PART)) {
                byte[] bytes = s.content().clone();
                bytes[bytes.length / 2] ^= 0x04;
                s = new ModelFile.Section(s.name(), s.mediaType(), bytes);
                found = true;
            }
            sections.add(s);
        }
        if (!found) {
            throw new AssertionError("no weights part in " + file);
        }
        ModelFile.write(file, sections);
    }
}
