package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import llmbench.timing.RequestLabels;
import llmbench.timing.RequestRecord;
import org.junit.jupiter.api.Test;

class WallClockRatesTest {
    private static final RequestLabels LABELS = new RequestLabels("T", "batch k=2", 1, 0, false);

    private static RequestRecord ok(long send, long firstToken, long end, Integer prompt, int completion) {
        return new RequestRecord(LABELS, "id", send, firstToken, firstToken, end, end, end + 100, prompt, completion,
                "usage", prompt, completion, completion, "length", 200, null);
    }

    private static RequestRecord failed(long send, long closed) {
        return new RequestRecord(LABELS, null, send, null, null, null, null, closed, null, 0, "chunks", null, null, 0,
                null, 503, "HTTP 503: busy");
    }

    @Test
    void aGroupsRatesCountTheFailedRequestsClockButNotTheirTokens() {
        // sends at 0 and 1 ms; first tokens 1.0 s and 0.8 s; ends 3.0 s and 2.5 s; a failure closed at 4.0 s
        WallClockRates w = WallClockRates.of(List.of(ok(0, 1_000_000, 3_000_000, 600, 100),
                ok(1_000, 800_000, 2_500_000, 700, 100), failed(2_000, 4_000_000)));
        assertEquals(4.0, w.wallClockS(), 1e-12);
        assertEquals(0.002, w.dispatchSpreadS(), 1e-12);
        assertEquals(1500 / 4.0, w.throughputTokS(), 1e-9);          // (1300 + 200) / 4.0
        assertEquals(200 / 4.0, w.completionTokS(), 1e-9);
        assertEquals(1300.0, w.prefillTokS(), 1e-9);                  // 1300 / (1.0 − 0)
        assertEquals(200 / 2.2, w.decodeTokS(), 1e-9);                // 200 / (3.0 − 0.8)
        assertEquals(2, w.successful());
        assertEquals(1, w.failed());
    }

    @Test
    void withoutReportedPromptTokensOurPrefillRateIsUnknownAndTheSeedsCountsThemZero() {
        WallClockRates w = WallClockRates.of(List.of(ok(0, 500_000, 1_000_000, null, 50)));
        assertNull(w.prefillTokS());
        assertEquals(50 / 1.0001, w.throughputTokS(), 1e-9);        // closed 100 µs after the end
    }

    @Test
    void aGroupWithoutSuccessHasSeedRatesOfZeroAndNoneOfOurs() {
        WallClockRates w = WallClockRates.of(List.of(failed(0, 1_000_000)));
        assertEquals(0.0, w.throughputTokS());
        assertEquals(0.0, w.completionTokS());
        assertNull(w.prefillTokS());
        assertNull(w.decodeTokS());
    }
}
