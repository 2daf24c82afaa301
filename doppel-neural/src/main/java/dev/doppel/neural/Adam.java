package dev.doppel.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) with L2 weight decay added to the gradient, as PyTorch's {@code torch.optim.Adam}. Written here
 * rather than taken from DJL because a checkpoint must carry the optimizer's moments, which DJL's optimizers keep
 * private; with them, a resumed fit continues exactly where it stopped.
 */
public final class Adam implements AutoCloseable {
    private static final double EPSILON = 1e-8;
    private final ParameterSet parameters;
    private float learningRate;
    private final float beta1;
    private final float beta2;
    private final float weightDecay;
    private final NDManager manager;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private int steps;

    public Adam(ParameterSet parameters, float learningRate, float beta1, float beta2, float weightDecay) {
        this.parameters = parameters;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay;
        this.manager = parameters.manager().newSubManager();
        for (String name : parameters.names()) {
            first.put(name, manager.zeros(parameters.get(name).getShape()));
            second.put(name, manager.zeros(parameters.get(name).getShape()));
        }
    }

    /** Sets the step size of the following {@link #step}s, for a learning-rate schedule. */
    public void learningRate(float rate) {
        if (!(rate >= 0)) {
            throw new IllegalArgumentException("learning rate must be 0 or more, not " + rate);
        }
        this.learningRate = rate;
    }

    /**
     * One update of every parameter from its accumulated gradient, then clears the gradients. Call outside a
     * gradient collector.
     */
    public void step() {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        // DJL's fused update computes w -= lr·c·m / (√v + ε') with c = √(1 − β₂ᵗ) / (1 − β₁ᵗ); PyTorch's Adam is
        // w -= lr / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε), the same when ε' = ε·√(1 − β₂ᵗ).
        float scaled = (float) (learningRate * Math.sqrt(correction2) / correction1);
        float epsilon = (float) (EPSILON * Math.sqrt(correction2));
        // One native call per parameter instead of a dozen: each call's temporaries live and die inside PyTorch.
        try (NDManager scope = manager.newSubManager()) {
            for (String name : parameters.names()) {
                PtNDArray w = (PtNDArray) parameters.get(name);
                NDArray g = w.getGradient();
                g.attach(scope);
                JniUtils.adamUpdate(w, (PtNDArray) g, (PtNDArray) first.get(name), (PtNDArray) second.get(name),
                        learningRate, scaled, weightDecay, 1f, -1f, beta1, beta2, epsilon, false);
                JniUtils.zeroGrad(w);
            }
        }
    }

    /** Clears every parameter's gradient without updating (e.g. the generator's after a discriminator step). */
    public void zeroGradients() {
        for (String name : parameters.names()) {
            NDArray w = parameters.get(name);
            if (w.hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) w);
            }
        }
    }

    /** The moments and step count, named {@code prefix.m.<parameter>}, {@code prefix.v.<parameter>}, {@code prefix.steps}. */
    public List<NamedTensor> state(String prefix) {
        List<NamedTensor> out = new ArrayList<>();
        for (String name : parameters.names()) {
            out.add(tensor(prefix + ".m." + name, first.get(name)));
            out.add(tensor(prefix + ".v." + name, second.get(name)));
        }
        out.add(new NamedTensor(prefix + ".steps", new int[] {1}, new float[] {Float.intBitsToFloat(steps)}));
        return out;
    }

    /** Restores what {@link #state} returned. */
    public void restore(String prefix, WeightsBlock block) {
        for (String name : parameters.names()) {
            first.get(name).set(block.tensor(prefix + ".m." + name).values());
            second.get(name).set(block.tensor(prefix + ".v." + name).values());
        }
        steps = Float.floatToRawIntBits(block.tensor(prefix + ".steps").values()[0]);
    }

    private static NamedTensor tensor(String name, NDArray a) {
        return new NamedTensor(name, java.util.Arrays.stream(a.getShape().getShape()).mapToInt(d -> (int) d).toArray(),
                a.toFloatArray());
    }

    @Override
    public void close() {
        manager.close();
    }
}
