package dev.doppel.neural.ctgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.DoppelException;
import dev.doppel.neural.GeneratorSynthesizerContract;
import dev.doppel.neural.NeuralTableModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CtganSynthesizerTest extends GeneratorSynthesizerContract {
    /** Small networks: 64 units, batches of 100 (20 steps per epoch). */
    @Override
    protected CtganSynthesizer small(int epochs) {
        return new CtganSynthesizer().withParameters(Map.of("epochs", "" + epochs, "batchSize", "100",
                "embedding", "32", "generatorWidth", "64", "discriminatorWidth", "64", "threads", "1",
                "learningRate", "0.001", "validationShare", "0", "patience", "0"));
    }

    @Override
    protected Tolerances tolerances() {
        return new Tolerances(
                new Allowance(1.4, "a small GAN after 40 epochs is biased (measured: at most 0.21 off); 1.4 leaves"
                        + " room for changes to its training yet is under a third of the 5 between groups"),
                new Allowance(0.06, "a GAN's mode collapse shifts shares (measured: at most 0.017 off); 0.06 still"
                        + " tells 0.5, 0.3 and 0.2 apart"),
                new Allowance(0.07, "a small GAN learns a rare null indicator loosely (measured 0.044, earlier"
                        + " versions 0.099): the band only checks that missingness is learned as rare"));
    }

    @Test
    void conditionLossFalls() {
        JsonNode losses = model.training().get("conditionLoss");
        assertThat(losses.size()).isEqualTo(EPOCHS);
        double first = losses.get(0).asDouble();
        double last = 0;
        for (int i = EPOCHS - 5; i < EPOCHS; i++) {
            last += losses.get(i).asDouble() / 5;
        }
        // At the start the generator ignores its condition: cross-entropy near ln 3 ≈ 1.1 for the group column.
        assertThat(last).isLessThan(first / 3);
    }

    @Test
    void validationDistanceFallsAndEarlyStoppingKeepsTheBestEpoch() {
        NeuralTableModel stopped = ((CtganSynthesizer) small(60).withParameters(Map.of("validationShare", "0.25",
                "patience", "4"))).fit(fixture.real(), fixture.metadata(), 5);
        JsonNode training = stopped.training();
        JsonNode validation = training.get("validationLoss");
        int run = training.get("epochsRun").asInt();
        int best = training.get("bestEpoch").asInt();
        assertThat(validation.size()).isEqualTo(run);
        for (JsonNode v : validation) {
            assertThat(v.asDouble()).isBetween(0.0, 1.0);
        }
        // An untrained generator's rows are far from the held-out ones (its one-hot argmaxes are near uniform, the
        // group shares 0.5/0.3/0.2); the best epoch's are clearly closer (measured: 0.30 → 0.17).
        assertThat(validation.get(best - 1).asDouble()).isLessThan(validation.get(0).asDouble() * 0.7);
        // Stopped after 4 epochs without a better distance, or ran out of epochs with the best among the last 4.
        assertThat(run < 60 ? run - best == 4 : run - best < 4).isTrue();
    }

    @Test
    void earlyStoppingNeedsHeldOutRows() {
        assertThatThrownBy(() -> small(5).withParameters(Map.of("patience", "3", "validationShare", "0")))
                .isInstanceOf(DoppelException.class).hasMessageContaining("validationShare");
        assertThatThrownBy(() -> small(5).withParameters(Map.of("validationShare", "0.7")))
                .isInstanceOf(DoppelException.class).hasMessageContaining("[0, 0.5]");
    }
}
