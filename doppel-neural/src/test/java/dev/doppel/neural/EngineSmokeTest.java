package dev.doppel.neural;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** PyTorch loads offline from the Maven jars alone. */
class EngineSmokeTest {
    @Test
    void pytorchComputesOffline() {
        assertThat(Engine.getEngine("PyTorch").getEngineName()).isEqualTo("PyTorch");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1f, 2f, 3f});
            assertThat(a.mul(a).sum().getFloat()).isEqualTo(14f);
        }
    }
}
