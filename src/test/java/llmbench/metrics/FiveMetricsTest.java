package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import llmbench.timing.RequestLabels;
import llmbench.timing.RequestRecord;
import org.junit.jupiter.api.Test;

class FiveMetricsTest {
    private static final RequestLabels LABELS = new RequestLabels("Test", "batch k=1", 1, 0, false);

    static RequestRecord record(long send, Long firstToken, Long lastContent, Long end, Integer prompt,
                                int completion, String error) {
        return new RequestRecord(LABELS, "id", send, firstToken, firstToken, lastContent, end,
                end == null ? send : end, prompt, completion, "usage", prompt, completion, completion, "length",
                200, error);
    }

    @Test
    void fiveMetricsFollowTheSeedDefinitionsOnAHandComputedRequest() {
        // send 1.0 s, first token 1.5 s, last content 3.4 s, [DONE] 3.5 s; 800 prompt and 101 completion tokens
        FiveMetrics m = FiveMetrics.of(record(1_000_000, 1_500_000L, 3_400_000L, 3_500_000L, 800, 101, null));
        assertEquals(0.5, m.ttftS(), 1e-12);
        assertEquals(2.5, m.totalTimeS(), 1e-12);
        assertEquals(0.5, m.prefillTimeS(), 1e-12);
        assertEquals(1600.0, m.prefillTokS(), 1e-9);      // 800 / 0.5
        assertEquals(2.0, m.decodeTimeS(), 1e-12);        // 2.5 - 0.5
        assertEquals(50.5, m.decodeTokS(), 1e-9);         // 101 / 2.0
        assertEquals(360.4, m.throughputTokS(), 1e-9);    // 901 / 2.5
        assertEquals(0.019, m.tpotS(), 1e-12);            // (3.4 - 1.5) / 100
    }

    @Test
    void ratesNeedingPromptTokensAreAbsentWhenTheServerDidNotReportThem() {
        FiveMetrics m = FiveMetrics.of(record(0, 250_000L, 900_000L, 1_000_000L, null, 10, null));
        assertNull(m.prefillTokS());
        assertNull(m.throughputTokS());
        assertEquals(10 / 0.75, m.decodeTokS(), 1e-9);
    }

    @Test
    void aSingleTokenReplyHasNoTimePerOutputToken() {
        FiveMetrics m = FiveMetrics.of(record(0, 100_000L, 100_000L, 120_000L, 5, 1, null));
        assertNull(m.tpotS());
        assertEquals(50.0, m.decodeTokS(), 1e-9);         // 1 / 0.02, the seed's definition
    }

    @Test
    void aFailedRequestHasNoMetrics() {
        assertThrows(IllegalArgumentException.class,
                () -> FiveMetrics.of(record(0, null, null, null, null, 0, "boom")));
    }
}
