package llmbench.refserver.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PerformanceProfileTest {
    // default: a = 8 ms, b = 3.2 ms/sequence, c = 0.1 ms/token, B = 512
    private final PerformanceProfile defaults = ProfileLoader.load("default");
    private final PerformanceProfile tiny = ProfileLoader.load("tiny");

    @Test
    void stepDurationAddsBasePerSequenceAndPerPrefillTokenCosts() {
        assertEquals(30.8, defaults.stepMillis(4, 100), 1e-9);      // 8 + 4·3.2 + 100·0.1
        assertEquals(59.2, defaults.stepMillis(0, 512), 1e-9);      // 8 + 512·0.1
        assertEquals(11.2, defaults.stepMillis(1, 0), 1e-9);        // 8 + 3.2
        assertEquals(30_800_000L, defaults.stepNanos(4, 100));
    }

    @Test
    void draftPrefillTokenCostsThePrefillCostScaledByTheDraftsSize() {
        // default: draft_token_ms = 0.1·(8 + 3.2) = 1.12; c · 1.12 / 11.2 = 0.1 · 0.1 = 0.01 ms per token
        assertEquals(0.01, defaults.draftPrefillTokenMs(), 1e-12);
    }

    @Test
    void derivedThroughputsMatchHandComputedValues() {
        assertEquals(89.2857, defaults.singleStreamTokensPerSecond(), 1e-4);      // 1000 / 11.2
        assertEquals(192.3077, defaults.aggregateDecodeTokensPerSecond(4), 1e-4); // 4000 / 20.8
        assertEquals(8648.6486, defaults.prefillTokensPerSecond(), 1e-4);         // 512000 / 59.2
        assertEquals(892.8571, tiny.singleStreamTokensPerSecond(), 1e-4);         // 1000 / 1.12
    }

    @Test
    void aggregateDecodeSaturatesAtFiveSequences() {
        // gain(4) = 8 / (3 · 20.8) = 0.128 ≥ 0.1, gain(5) = 8 / (4 · 24) = 0.083 < 0.1
        assertEquals(5, defaults.saturationBatchSize());
        assertEquals(5, tiny.saturationBatchSize());
    }

    @Test
    void timeScaleMultipliesEveryTime() {
        PerformanceProfile fast = defaults.scaled(0.1);
        assertEquals(3.08, fast.stepMillis(4, 100), 1e-9);
        assertEquals(512, fast.prefillChunkTokens());
        assertThrows(IllegalArgumentException.class, () -> defaults.scaled(0));
    }

    @Test
    void builtInProfilesDescribeWhatTheyImitate() {
        assertTrue(defaults.description().length() > 20);
        assertTrue(tiny.description().length() > 20);
    }

    @Test
    void unknownProfileNameGivesReadableError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProfileLoader.load("nope"));
        assertTrue(e.getMessage().contains("unknown profile 'nope'"), e.getMessage());
    }
}
