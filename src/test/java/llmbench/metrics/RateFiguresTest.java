package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import llmbench.timing.RequestRecord;
import org.junit.jupiter.api.Test;

class RateFiguresTest {
    // Window [1 s, 5 s). Arrival 0 is warm-up (ends at 1.5 s, inside the window: counts for completions only).
    // Arrivals 1..3 are measured; 1 was sent 0.2 s late; 3 failed. Arrival 4 is cool-down, ends at 4.9 s.
    private static final List<RequestRecord> RECORDS = List.of(
            RateFixtures.ok(0, 0L, 0, 100_000, 1_500_000, 11, true),
            RateFixtures.ok(1, 1_000_000L, 1_200_000, 300_000, 1_200_000, 11),  // ttft 0.5 from intended, e2e 1.4
            RateFixtures.ok(2, 2_000_000L, 2_000_000, 100_000, 1_000_000, 21),  // ttft 0.1, e2e 1.0, ends 3.0 s
            RateFixtures.failed(3, 3_000_000L, 3_000_000, 3_050_000),
            RateFixtures.ok(4, 4_000_000L, 4_000_000, 100_000, 900_000, 11));   // ends 4.9 s
    private static final java.util.function.Predicate<RequestRecord> MEASURED =
            r -> r.labels().requestIdx() >= 1 && r.labels().requestIdx() <= 3;

    @Test
    void latenciesCountMeasuredRequestsFromTheirIntendedSend() {
        RateFigures f = RateFigures.of(RECORDS, MEASURED, 1_000_000, 5_000_000, null, RequestLatency.TokenGaps.NONE);
        assertEquals(3, f.measured());
        assertEquals(1, f.errors());
        // successful measured: ttft from intended 0.5 and 0.1; nearest rank p50 of [0.1, 0.5] = 0.1, p95 = 0.5
        assertEquals(0.1, f.ttftP50S(), 1e-9);
        assertEquals(0.5, f.ttftP95S(), 1e-9);
        // from the actual send: 0.3 and 0.1
        assertEquals(0.3, f.ttftP95ActualS(), 1e-9);
        assertEquals(1.4, f.e2eP99S(), 1e-9);
        assertEquals(1.2, f.e2eP99ActualS(), 1e-9);
        // lag: 0.2, 0, 0 -> p99 0.2
        assertEquals(0.2, f.schedulingLagP99S(), 1e-9);
        // tpot: (1.2-0.3)/10 = 0.09 and (1.0-0.1)/20 = 0.045; p50 nearest rank = 0.045
        assertEquals(0.045, f.tpotP50S(), 1e-9);
        assertNull(f.itlP99S());
        assertNull(f.goodputRps());
    }

    @Test
    void throughputCountsEveryCompletionInsideTheWindow() {
        RateFigures f = RateFigures.of(RECORDS, MEASURED, 1_000_000, 5_000_000, null, RequestLatency.TokenGaps.NONE);
        // ends: 1.5 (warm-up), 2.4, 3.0, 4.9 (cool-down) inside [1, 5): 4 completions over 4 s
        assertEquals(1.0, f.achievedRps(), 1e-9);
        assertEquals((11 + 11 + 21 + 11) / 4.0, f.outputTokS(), 1e-9);
        assertEquals((54 + 40) / 4.0, f.totalTokS(), 1e-9);
    }

    @Test
    void goodputCountsRequestsWithinEveryPerRequestBound() {
        Slo slo = Slo.parse("ttft_p95<=300ms,error_rate<=0.5");
        RateFigures f = RateFigures.of(RECORDS, MEASURED, 1_000_000, 5_000_000, slo, RequestLatency.TokenGaps.NONE);
        // good completions in window: 0 (ttft 0.1), 2 (0.1), 4 (0.1); 1 has 0.5 from its intended send
        assertEquals(0.75, f.goodputRps(), 1e-9);
        assertEquals((11 + 21 + 11) / 4.0, f.goodputTokS(), 1e-9);
        // measured: 1 (bad), 2 (good), 3 (failed) -> 1/3
        assertEquals(1 / 3.0, f.goodFraction(), 1e-9);
        // group: ttft p95 = 0.5 > 0.3: missed; error rate 1/3 <= 0.5
        assertFalse(f.sloMet());
        assertEquals("ttft_p95 = 0.5s > 0.3s", f.verdict().firstMiss().describe());
    }

    @Test
    void inFlightIsTimeWeightedOverTheWindow() {
        // in flight (send .. closed): [0, 1.5001), [1.2, 2.4001), [2.0, 3.0001), [3.0, 3.05), [4.0, 4.9001)
        InFlight f = InFlight.over(RECORDS, 1_000_000, 5_000_000);
        double area = (1.5001 - 1.0) + (2.4001 - 1.2) + (3.0001 - 2.0) + 0.05 + 0.9001;
        assertEquals(area / 4.0, f.mean(), 1e-9);
        assertEquals(2, f.max());
    }
}
