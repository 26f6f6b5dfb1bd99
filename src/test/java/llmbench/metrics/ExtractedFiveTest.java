package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ExtractedFiveTest {
    @Test
    void aStreamedRowSplitsAtTtftAndTakesItsGenerationRate() {
        // ttft 0.5 s, total 2.5 s, 800 prompt, 101 completion, generation_tok_s 50.5
        ExtractedFive d = ExtractedFive.derive(0.5, 2.5, 800.0, 101.0, 50.5);
        assertEquals(0.5, d.prefillTimeS());
        assertEquals(1600.0, d.prefillTokS());
        assertEquals(2.0, d.decodeTimeS());
        assertEquals(50.5, d.decodeTokS());
        assertEquals(360.4, d.throughputTokS());   // 901 / 2.5
    }

    @Test
    void aNonStreamedRowIsAllPrefillAndItsDecodeRateIsZero() {
        ExtractedFive d = ExtractedFive.derive(null, 1.25, 30.0, 40.0, null);
        assertEquals(1.25, d.prefillTimeS());
        assertEquals(24.0, d.prefillTokS());       // 30 / 1.25
        assertEquals(0.0, d.decodeTimeS());
        assertEquals(0.0, d.decodeTokS());         // no decode time: the seed's 0
        assertEquals(56.0, d.throughputTokS());
    }

    @Test
    void aRowWithoutTimeIsSkipped() {
        assertNull(ExtractedFive.derive(0.1, 0.0, 1.0, 1.0, 1.0));
        assertNull(ExtractedFive.derive(0.1, null, 1.0, 1.0, 1.0));
    }
}
