package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import llmbench.timing.RequestLabels;
import llmbench.timing.RequestRecord;
import org.junit.jupiter.api.Test;

class BatchSizeFiguresTest {
    private static RequestRecord ok(int run, long send, long firstToken, long end, int prompt, int completion) {
        return new RequestRecord(new RequestLabels("T", "batch k=1", run, 0, false), "id", send, firstToken, firstToken,
                end, end, end, prompt, completion, "usage", prompt, completion, completion, "length", 200, null);
    }

    @Test
    void runFiguresAreAveragedAsTheRunObjectsHaveThem() {
        // run 1: 700 tokens over 3 s = 233.333… → 233.33; run 2: 701 over 3 s = 233.666… → 233.67
        BatchSizeFigures f = BatchSizeFigures.of(List.of(List.of(ok(1, 0, 1_000_000, 3_000_000, 600, 100)),
                List.of(ok(2, 0, 1_000_000, 3_000_000, 601, 100))));
        assertEquals(233.5, f.avgThroughputTokS(), 1e-12);             // (233.33 + 233.67) / 2
        assertEquals(3.0, f.avgLatencyS(), 1e-12);
        assertEquals(3.0, f.p95LatencyS(), 1e-12);
        assertEquals(600, f.avgPromptTokens());                          // round(600.5) = 600, half to even
        assertEquals(600.5, f.aggregatePrefillTokS(), 1e-12);           // (600.0 + 601.0) / 2
    }

    @Test
    void promptTokensAvgTruncatesTheMeanOfThePositiveAverages() {
        BatchSizeFigures a = BatchSizeFigures.of(List.of(List.of(ok(1, 0, 1_000_000, 2_000_000, 600, 10))));
        BatchSizeFigures b = BatchSizeFigures.of(List.of(List.of(ok(1, 0, 1_000_000, 2_000_000, 601, 10))));
        assertEquals(600, BatchSizeFigures.promptTokensAvg(List.of(a, b)));   // int(600.5)
    }

    @Test
    void aBatchSizeWithoutSuccessHasNoLatency() {
        RequestRecord failed = new RequestRecord(new RequestLabels("T", "batch k=1", 1, 0, false), null, 0, null, null,
                null, null, 1_000, null, 0, "chunks", null, null, 0, null, 503, "HTTP 503: busy");
        BatchSizeFigures f = BatchSizeFigures.of(List.of(List.of(failed)));
        assertNull(f.avgLatencyS());
        assertNull(f.p95LatencyS());
        assertEquals(0, f.avgPromptTokens());
        assertEquals(0.0, f.avgThroughputTokS());
        assertNull(f.aggregatePrefillTokS());
    }
}
