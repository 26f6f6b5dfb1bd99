package llmbench.refserver.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The kimi-k2.5-2node profile reproduces the deployment's published figures. */
class KimiProfileTest {
    private final PerformanceProfile p = ProfileLoader.load("kimi-k2.5-2node");

    @Test
    void generatesAbout24TokensPerSecondForOneStream() {
        assertEquals(1000 / 41.7, p.singleStreamTokensPerSecond(), 1e-9); // a + b = 35 + 6.7 ms
        assertEquals(24.0, p.singleStreamTokensPerSecond(), 0.05);
    }

    @Test
    void processesAShortPromptAtAbout50TokensPerSecond() {
        double ms = p.stepMillis(0, 64);                                    // 35 + 64 · 19.3
        assertEquals(1270.2, ms, 1e-9);
        assertEquals(50.4, 64 * 1000 / ms, 0.05);
    }

    @Test
    void holds612GbOfWeightsAndLoadsFor100Seconds() {
        assertEquals(612_000_000_000L, p.shape().weightsBytes());
        assertEquals(100.0, p.loadSeconds());
        assertEquals(1.0, p.scaled(0.01).loadSeconds(), 1e-12);
        // 2 · 61 layers · 64 heads · 160 dims = 1 249 280 values per token
        assertEquals(2_498_560.0, p.shape().kvBytesPerToken(0, 64));
        assertEquals(1_327_360.0, p.shape().kvBytesPerToken(8, 64));
    }
}
