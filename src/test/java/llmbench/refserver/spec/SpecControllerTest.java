package llmbench.refserver.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpecControllerTest {
    private static SpecController ngram() {
        return new SpecController("ngram", 5, 0.3, true, true, 8);
    }

    @Test
    void startsAtEma07WithKMinusTwoAndReachesFullKAfterFourPerfectSteps() {
        SpecController c = ngram();
        assertEquals(3, c.k(1));                 // 0.7 > 0.5 → max(1, 5-2)
        for (int i = 0; i < 3; i++) {
            c.update(5, 5, 1);                   // ema = 1 − 0.3·0.9^n: 0.73, 0.757, 0.7813
        }
        assertEquals(3, c.k(1));
        c.update(5, 5, 1);                       // 0.80317 > 0.8
        assertEquals(5, c.k(1));
        assertEquals(0.8032, c.metrics().acceptanceRateEma());
    }

    @Test
    void rejectionsStepKDownThenSwitchSpeculationOff() {
        SpecController c = ngram();
        for (int i = 0; i < 3; i++) {
            c.update(4, 0, 0);                   // 0.7·0.9^3 = 0.5103
        }
        assertEquals(3, c.k(1));
        c.update(4, 0, 0);                       // 0.4593
        assertEquals(1, c.k(1));
        for (int i = 0; i < 4; i++) {
            c.update(4, 0, 0);                   // 0.7·0.9^8 = 0.3013 ≥ 0.3
        }
        assertTrue(c.shouldSpeculate(1));
        c.update(4, 0, 0);                       // 0.2712 < 0.3
        assertFalse(c.shouldSpeculate(1));
        assertEquals(0, c.k(1));
    }

    @Test
    void largeBatchesAndModeNoneNeverSpeculate() {
        SpecController c = ngram();
        assertTrue(c.shouldSpeculate(7));
        assertFalse(c.shouldSpeculate(8));
        assertTrue(new SpecController("ngram", 5, 0.3, true, true, 0).shouldSpeculate(500));
        assertFalse(new SpecController("none", 5, 0.3, true, true, 8).shouldSpeculate(1));
    }

    @Test
    void withoutDynamicControlAndAdaptiveKTheDraftLengthStaysK() {
        SpecController c = new SpecController("ngram", 5, 0.3, false, false, 8);
        for (int i = 0; i < 20; i++) {
            c.update(5, 0, 0);
        }
        assertEquals(5, c.k(1));
        SpecController adaptiveOnly = new SpecController("ngram", 5, 0.3, false, true, 8);
        for (int i = 0; i < 20; i++) {
            adaptiveOnly.update(5, 0, 0);
        }
        assertTrue(adaptiveOnly.shouldSpeculate(1));
        assertEquals(0, adaptiveOnly.k(1), "the 0.3 breakpoint of adaptive k still applies");
    }

    @Test
    void metricsFollowTheSeedsFormulas() {
        SpecController c = ngram();
        assertEquals(1.0, c.metrics().avgTokensPerStep(), "no steps yet");
        c.update(5, 5, 1);
        c.update(4, 1, 0);
        c.update(0, 0, 0);                       // counted as a step, EMA unchanged
        SpecController.Metrics m = c.metrics();
        assertEquals(3, m.totalSteps());
        assertEquals(9, m.totalProposed());
        assertEquals(6, m.totalAccepted());
        assertEquals(1, m.totalBonusTokens());
        assertEquals(0.6667, m.acceptanceRateOverall());
        assertEquals(3.33, m.avgTokensPerStep()); // (6 + 1 + 3) / 3
        assertEquals(0.682, m.acceptanceRateEma()); // 0.1·0.25 + 0.9·(0.1·1 + 0.9·0.7) = 0.025 + 0.657
        assertEquals(5, m.currentK());
        assertEquals(3, m.adaptiveKCurrent());
    }
}
