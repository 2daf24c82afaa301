package dev.doppel.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class AdamTest {
    /**
     * Five steps on loss = Σ c·w (constant gradient c) against PyTorch's Adam written out in double: L2 decay added
     * to the gradient, bias-corrected moments, ε added to √v̂. Gradients of order 1e-8 make ε matter, so the fused
     * update's ε correction is checked too.
     */
    @Test
    void followsPyTorchsAdamIncludingEpsilonAndWeightDecay() {
        float[] initial = {0.5f, -1.25f, 2f, 0.1f};
        double[] c = {1.0, -0.3, 2e-8, -5e-9};
        float lr = 0.01f;
        float beta1 = 0.5f;
        float beta2 = 0.9f;
        float decay = 1e-3f;
        try (ParameterSet parameters = new ParameterSet(Compute.machine().start())) {
            parameters.add(new NamedTensor("w", new int[] {4}, initial.clone()));
            try (Adam withW = new Adam(parameters, lr, beta1, beta2, decay)) {
                double[] w = new double[4];
                double[] m = new double[4];
                double[] v = new double[4];
                for (int i = 0; i < 4; i++) {
                    w[i] = initial[i];
                }
                float[] cf = new float[4];
                for (int i = 0; i < 4; i++) {
                    cf[i] = (float) c[i];
                }
                for (int t = 1; t <= 5; t++) {
                    try (NDManager scope = parameters.manager().newSubManager();
                         GradientCollector gc = scope.getEngine().newGradientCollector()) {
                        NDArray loss = scope.create(cf).mul(parameters.get("w")).sum();
                        gc.backward(loss);
                    }
                    withW.step();
                    for (int i = 0; i < 4; i++) {
                        double g = (float) c[i] + decay * w[i];
                        m[i] = beta1 * m[i] + (1 - beta1) * g;
                        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                        double mHat = m[i] / (1 - Math.pow(beta1, t));
                        double vHat = v[i] / (1 - Math.pow(beta2, t));
                        w[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
                    }
                }
                float[] actual = parameters.get("w").toFloatArray();
                for (int i = 0; i < 4; i++) {
                    // float32 arithmetic over five steps of size ≤ lr: within a few 1e-7.
                    assertThat((double) actual[i]).as("w[%d]", i).isCloseTo(w[i], within(2e-6));
                }
                assertThat(parameters.get("w").getGradient().toFloatArray()).containsOnly(0f);
            }
        }
    }
}
