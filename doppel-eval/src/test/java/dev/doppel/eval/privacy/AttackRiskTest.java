package dev.doppel.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class AttackRiskTest {
    @Test
    void wilsonIntervalMatchesTheTextbookValue() {
        // 50 successes in 100 trials: 95 % Wilson interval 0.4038–0.5962.
        double[] w = AttackRisk.wilson(0.5, 100);
        assertThat(w[0]).isCloseTo(0.4038, offset(1e-4));
        assertThat(w[1]).isCloseTo(0.5962, offset(1e-4));
        assertThat(AttackRisk.wilson(0.0, 20)[0]).isZero();
        assertThat(AttackRisk.wilson(1.0, 20)[1]).isEqualTo(1.0);
    }

    @Test
    void aFewRowsNearPerfectControlGiveAWideIntervalFromZero() {
        // Credit-card sample: attack 1,010 / 1,020 right, control 1,006 / 1,020: point risk 0.29, but chance.
        AttackRisk r = AttackRisk.of(1010 / 1020.0, 1020, 1006 / 1020.0, 1020);
        assertThat(r.risk()).isCloseTo(0.2857, offset(1e-3));
        assertThat(r.low()).isZero();
        assertThat(r.high()).isGreaterThan(0.5);
    }

    @Test
    void aLargeExcessHasAnIntervalAwayFromZero() {
        AttackRisk r = AttackRisk.of(0.6, 2000, 0.3, 2000);
        assertThat(r.risk()).isCloseTo(3.0 / 7, offset(1e-12));
        assertThat(r.low()).isGreaterThan(0.35).isLessThan(r.risk());
        assertThat(r.high()).isGreaterThan(r.risk()).isLessThan(0.5);
    }
}
