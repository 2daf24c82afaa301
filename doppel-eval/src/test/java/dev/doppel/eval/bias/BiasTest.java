package dev.doppel.eval.bias;

import static dev.doppel.eval.TestTables.cat;
import static dev.doppel.eval.TestTables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.doppel.eval.AlignedTables;
import dev.doppel.eval.TestTables;
import dev.doppel.eval.utility.Target;
import dev.doppel.eval.utility.UtilityReport;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class BiasTest {

    /** {@code n} rows of group g, {@code pos} of them positive. */
    private static void fill(String[] s, String[] y, int from, int n, int pos, String g) {
        for (int i = 0; i < n; i++) {
            s[from + i] = g;
            y[from + i] = i < pos ? "1" : "0";
        }
    }

    @Test
    void demographicParityAndEqualOpportunityByHand() {
        String[] s = new String[200];
        String[] y = new String[200];
        // real: group a 100 rows 50 positive, group b 100 rows 20 positive → DP = .5 − .2 = .3
        fill(s, y, 0, 100, 50, "a");
        fill(s, y, 100, 100, 20, "b");
        Table real = table(cat("s", s), cat("y", y));
        String[] s2 = new String[200];
        String[] y2 = new String[200];
        // synthetic: a 150 rows 90 positive (.6), b 50 rows 5 positive (.1) → DP = .5, amplified by .2
        fill(s2, y2, 0, 150, 90, "a");
        fill(s2, y2, 150, 50, 5, "b");
        Table synth = table(cat("s", s2), cat("y", y2));
        TableMetadata md = TestTables.metadataOf(real);
        AlignedTables t = AlignedTables.of(md, real, synth, real);
        Target target = Target.of(t, md, "y", "1");
        // holdout = real rows; the real model finds every positive, the synthetic model only group a's
        int[] rows = new int[200];
        float[] labels = new float[200];
        double[] pReal = new double[200];
        double[] pSynth = new double[200];
        for (int i = 0; i < 200; i++) {
            rows[i] = i;
            labels[i] = y[i].equals("1") ? 1 : 0;
            pReal[i] = labels[i];
            pSynth[i] = s[i].equals("a") ? labels[i] : 0;
        }
        BiasReport r = BiasReport.of(t, target, new UtilityReport.Outcome(null, rows, labels, pReal, pSynth),
                List.of("s"));
        BiasReport.AttributeBias b = r.attributes().get(0);
        assertThat(b.demographicParityReal()).isCloseTo(0.3, within(1e-12));
        assertThat(b.demographicParitySynthetic()).isCloseTo(0.5, within(1e-12));
        assertThat(b.equalOpportunityRealModel()).isCloseTo(0.0, within(1e-12));
        assertThat(b.equalOpportunitySyntheticModel()).isCloseTo(1.0, within(1e-12));
        assertThat(b.amplified()).isTrue();
        BiasReport.Group a = b.groups().get(0);
        assertThat(a.group()).isEqualTo("a");
        assertThat(a.realShare()).isEqualTo(0.5);
        assertThat(a.syntheticShare()).isEqualTo(0.75);
        assertThat(a.holdoutPositives()).isEqualTo(50);
    }
}
