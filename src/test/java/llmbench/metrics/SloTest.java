package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SloTest {
    @Test
    void theIssuesExampleParsesIntoFourBoundsInSeconds() {
        Slo slo = Slo.parse("ttft_p95<=2s,itl_p99<=150ms,e2e_p99<=30s,error_rate<=0.01");
        assertEquals(List.of(
                new SloBound(SloBound.Metric.TTFT, 0.95, 2.0, "ttft_p95<=2s"),
                new SloBound(SloBound.Metric.ITL, 0.99, 0.15, "itl_p99<=150ms"),
                new SloBound(SloBound.Metric.E2E, 0.99, 30.0, "e2e_p99<=30s"),
                new SloBound(SloBound.Metric.ERROR_RATE, null, 0.01, "error_rate<=0.01")), slo.bounds());
        assertEquals(3, slo.perRequest().size());
        assertEquals("itl_p99", slo.bounds().get(1).figure());
    }

    @Test
    void fractionalPercentilesAndSpacesAreAccepted() {
        SloBound b = Slo.parse(" tpot_p99.9 <= 40ms ").bounds().get(0);
        assertEquals(0.999, b.quantile(), 1e-12);
        assertEquals(0.04, b.limit(), 1e-12);
        assertEquals("tpot_p99.9", b.figure());
    }

    @Test
    void badSlosAreRefusedWithTheReason() {
        assertTrue(reason("latency_p95<=2s").contains("unknown metric 'latency'"));
        assertTrue(reason("ttft_p95<=2h").contains("unknown unit 'h'"));
        assertTrue(reason("ttft_p95<=2").contains("no unit"));
        assertTrue(reason("ttft_p0<=2s").contains("percentile"));
        assertTrue(reason("ttft_p101<=2s").contains("percentile"));
        assertTrue(reason("error_rate<=2").contains("fraction"));
        assertTrue(reason("ttft_p95>=2s").contains("only upper bounds"));
        assertTrue(reason("ttft<=2s").contains("not a bound"));
        assertTrue(reason("ttft_p95<=2s,").contains("empty bound"));
        assertTrue(reason("ttft_p95<=2s,ttft_p95<=3s").contains("twice"));
        assertTrue(reason("ttft_p95<=0s").contains("greater than 0"));
    }

    @Test
    void anUnmeasuredItlFailsTheRequestsGoodness() {
        Slo slo = Slo.parse("itl_p99<=150ms");
        var r = RateFixtures.ok(0, 0L, 0, 100_000, 1_000_000, 11);
        assertTrue(RequestLatency.isGood(r, RequestLatency.fromStart(r, x -> new double[] {0.1}), slo));
        assertEquals(false, RequestLatency.isGood(r, RequestLatency.fromStart(r, RequestLatency.TokenGaps.NONE), slo));
        assertNull(RequestLatency.fromStart(r, RequestLatency.TokenGaps.NONE).itlP99S());
    }

    @Test
    void aRequestsItlIsItsOwnP99GapAndTheGroupsPoolsEveryGap() {
        // request A: 100 gaps of 10 ms and one of 400 ms -> its p99 (nearest rank: index ceil(0.99*101)-1 = 99) is 10 ms;
        // request B: 9 gaps of 10 ms and one of 200 ms -> p99 = index 9 = 200 ms
        int[] a = new int[101];
        java.util.Arrays.fill(a, 10_000);
        a[50] = 400_000;
        int[] b = {10_000, 10_000, 10_000, 10_000, 200_000, 10_000, 10_000, 10_000, 10_000, 10_000};
        var ra = RateFixtures.withGaps(RateFixtures.ok(0, 0L, 0, 100_000, 2_000_000, 102), a);
        var rb = RateFixtures.withGaps(RateFixtures.ok(1, 0L, 0, 100_000, 500_000, 11), b);
        assertEquals(0.010, RequestLatency.fromStart(ra, RequestLatency.TokenGaps.RECORDED).itlP99S(), 1e-12);
        assertEquals(InterTokenLatency.of(ra).p99S(), RequestLatency.fromStart(ra, RequestLatency.TokenGaps.RECORDED).itlP99S());
        assertEquals(0.200, RequestLatency.fromStart(rb, RequestLatency.TokenGaps.RECORDED).itlP99S(), 1e-12);
        Slo slo = Slo.parse("itl_p99<=150ms");
        assertTrue(RequestLatency.isGood(ra, RequestLatency.fromStart(ra, RequestLatency.TokenGaps.RECORDED), slo));
        assertEquals(false, RequestLatency.isGood(rb, RequestLatency.fromStart(rb, RequestLatency.TokenGaps.RECORDED), slo));
        // pooled: 111 gaps, two large; p99 = index ceil(0.99*111)-1 = 109 of the sorted gaps = 200 ms
        SloVerdict v = SloVerdict.of(slo, java.util.List.of(ra, rb), RequestLatency.TokenGaps.RECORDED);
        assertEquals(0.200, v.checks().get(0).value(), 1e-12);
        assertEquals(false, v.met());
    }

    private static String reason(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Slo.parse(text)).getMessage();
    }
}
