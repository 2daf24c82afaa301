package dev.doppel.neural.tvae;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.neural.GeneratorSynthesizerContract;
import dev.doppel.neural.NeuralTableModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TvaeSynthesizerTest extends GeneratorSynthesizerContract {
    /** Small networks: 64 units, batches of 100 (18 steps per epoch), 10 % held out, no early stopping. */
    @Override
    protected TvaeSynthesizer small(int epochs) {
        return new TvaeSynthesizer().withParameters(Map.of("epochs", "" + epochs, "batchSize", "100",
                "embedding", "16", "compressWidth", "64", "decompressWidth", "64", "threads", "1",
                "patience", "0"));
    }

    @Override
    protected Tolerances tolerances() {
        return new Tolerances(
                new Allowance(1.4, "a small VAE after 40 epochs pulls the modes together (measured: at most 0.88"
                        + " off); 1.4 is under a third of the 5 between groups, so a lost dependency still fails"),
                new Allowance(0.06, "a small VAE's decoder shifts shares (measured: at most 0.06 off with the"
                        + " sampling error); 0.06 still tells 0.5, 0.3 and 0.2 apart"),
                new Allowance(0.07, "a small VAE blurs the null indicator (measured 0.012 for 0.05): the band only"
                        + " checks that missingness is learned as rare"));
    }

    @Test
    void trainingAndValidationLossesFall() {
        JsonNode train = model.training().get("trainLoss");
        JsonNode validation = model.training().get("validationLoss");
        assertThat(train.size()).isEqualTo(EPOCHS);
        assertThat(validation.size()).isEqualTo(EPOCHS);
        // The negative ELBO starts at several nats per row (one-hot cross-entropies near ln k, deviations 0.1)
        // and must drop by a clear margin on held-out rows too.
        assertThat(train.get(EPOCHS - 1).asDouble()).isLessThan(train.get(0).asDouble() - 1);
        assertThat(validation.get(EPOCHS - 1).asDouble()).isLessThan(validation.get(0).asDouble() - 1);
    }

    @Test
    void earlyStoppingStopsWhenTheValidationLossStalls() {
        NeuralTableModel stopped = new TvaeSynthesizer().withParameters(Map.of("epochs", "400", "batchSize", "500",
                "embedding", "8", "compressWidth", "16", "decompressWidth", "16", "threads", "1", "patience", "3",
                "learningRate", "0.01")).fit(fixture.real(), fixture.metadata(), 5);
        int run = stopped.training().get("epochsRun").asInt();
        int best = stopped.training().get("bestEpoch").asInt();
        assertThat(run).isLessThan(400);
        assertThat(run - best).isEqualTo(3);
    }
}
