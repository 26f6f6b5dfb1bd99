package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import llmbench.timing.RequestRecord;
import org.junit.jupiter.api.Test;

class CapacityAnswerTest {
    private static final Slo SLO = Slo.parse("ttft_p95<=1s");

    /** A rate whose every request has TTFT {@code ttft} s and e2e {@code e2e} s, one in flight all along. */
    private static CapacityAnswer.Point point(double rate, double ttft, double e2e) {
        List<RequestRecord> rs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long send = i * 10_000_000L;
            rs.add(RateFixtures.ok(i, (Long) send, send, Math.round(ttft * 1e6), Math.round(e2e * 1e6), 5));
        }
        return new CapacityAnswer.Point(rate, RateFigures.of(rs, r -> true, 0, 40_000_000, SLO,
                RequestLatency.TokenGaps.NONE));
    }

    @Test
    void theMaxRateIsInterpolatedOnTheMissedBoundBetweenTheTwoRates() {
        // ttft 0.6 at 2 req/s (met), 1.4 at 4 req/s (missed): 1 s is reached at 2 + (1 - 0.6)/(1.4 - 0.6) * 2 = 3
        CapacityAnswer a = CapacityAnswer.of(List.of(point(4, 1.4, 3), point(1, 0.2, 1), point(2, 0.6, 1.5)), SLO);
        assertEquals(3.0, a.maxRateWithinSloRps(), 1e-6);
        assertEquals(2.0, a.lastMetRps());
        assertEquals(4.0, a.firstMissedRps());
        assertEquals("interpolated", a.status());
        assertEquals("ttft_p95 = 1.4s > 1s", a.missedBound());
    }

    @Test
    void everyRateMetGivesTheHighestAsALowerBoundAndAMissAtTheLowestGivesNone() {
        CapacityAnswer all = CapacityAnswer.of(List.of(point(1, 0.2, 1), point(2, 0.3, 1)), SLO);
        assertEquals(2.0, all.maxRateWithinSloRps());
        assertEquals("within_slo_at_every_rate", all.status());
        CapacityAnswer none = CapacityAnswer.of(List.of(point(1, 1.2, 2), point(2, 1.3, 2)), SLO);
        assertNull(none.maxRateWithinSloRps());
        assertEquals("missed_at_lowest_rate", none.status());
    }

    @Test
    void theKneeIsWhereLatencyGrowsAtLeastAsFastAsTheLoad() {
        // e2e p50: 1.0 at 1, 1.2 at 2 (elasticity 0.2), 1.5 at 3 (0.25/0.5 = 0.5), 3.0 at 4 (1.0/0.333 = 3)
        CapacityAnswer a = CapacityAnswer.of(List.of(point(1, 0.1, 1.0), point(2, 0.1, 1.2), point(3, 0.1, 1.5),
                point(4, 0.1, 3.0)), SLO);
        assertEquals(3.0, a.kneeRps());
        assertNull(CapacityAnswer.of(List.of(point(1, 0.1, 1.0), point(2, 0.1, 1.2)), SLO).kneeRps());
    }
}
