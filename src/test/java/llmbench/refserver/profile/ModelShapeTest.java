package llmbench.refserver.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModelShapeTest {
    @Test
    void kvBytesPerTokenAt16And8And4Bits() {
        // 36 layers × 8 KV heads × 128 dims × (K and V) = 73 728 values per token
        ModelShape s = new ModelShape(36, 8, 128, 0, 0);
        assertEquals(73_728, s.kvElementsPerToken());
        assertEquals(147_456.0, s.kvBytesPerToken(0, 64));   // 2 bytes each
        assertEquals(78_336.0, s.kvBytesPerToken(8, 64));    // 1 byte + 4 bytes per 64 = 1.0625
        assertEquals(41_472.0, s.kvBytesPerToken(4, 64));    // 0.5 + 0.0625 = 0.5625
        assertEquals(39_168.0, s.kvBytesPerToken(4, 128));   // 0.5 + 0.03125 = 0.53125
    }

    @Test
    void builtInProfilesDeclareTheirShape() {
        ModelShape d = ProfileLoader.load("default").shape();
        assertEquals(new ModelShape(36, 8, 128, 2_300_000_000L, 500_000_000L), d);
    }
}
