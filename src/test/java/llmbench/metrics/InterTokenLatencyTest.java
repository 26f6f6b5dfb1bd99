package llmbench.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import llmbench.timing.CapturedStream;
import llmbench.timing.RequestLabels;
import llmbench.timing.RequestRecord;
import llmbench.timing.StreamRecordExtractor;
import org.junit.jupiter.api.Test;

/** ITL from the arrival stamps of a captured stream, against gaps worked out by hand. */
class InterTokenLatencyTest {
    private static final RequestLabels LABELS = new RequestLabels("Test", "batch k=1", 1, 0, false);
    private static final String ROLE = "{\"data\":{\"id\":\"c\",\"object\":\"chat.completion.chunk\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}}";
    private static final String USAGE = "{\"data\":{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":6,\"total_tokens\":15}}}";

    static String content(String text) {
        return "{\"data\":{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}}";
    }

    static CapturedStream.Message at(long us, String body) {
        return new CapturedStream.Message(us, body);
    }

    /**
     * send 0; role chunk at 90 ms (not content); first content chunk stamped by the suite at 100.250 ms; then
     * Gatling's 1 ms stamps 120, 140, 141, 400 (a 259 ms stall), 420 ms; usage at 421 ms; [DONE] at 422 ms.
     */
    private static RequestRecord stalledStream() {
        return new StreamRecordExtractor().extract(new CapturedStream(LABELS, 0, 100_250L, content("a"), 422_000L,
                List.of(at(90_000, ROLE), at(120_000, content("b")), at(140_000, content("c")),
                        at(141_000, content("d")), at(400_000, content("e")), at(420_000, content("f")),
                        at(421_000, USAGE)), 423_000, null));
    }

    @Test
    void itlGapsAreBetweenConsecutiveContentChunksStartingAtTheSuitesFirstTokenStamp() {
        RequestRecord r = stalledStream();
        // 120 000 − 100 250, 140 000 − 120 000, 141 000 − 140 000, 400 000 − 141 000, 420 000 − 400 000
        assertArrayEquals(new int[] {19_750, 20_000, 1_000, 259_000, 20_000}, r.contentGapsUs());
    }

    @Test
    void itlPercentilesAreNearestRankOfTheRequestsGaps() {
        InterTokenLatency itl = InterTokenLatency.of(stalledStream());
        // sorted: 1 000, 19 750, 20 000, 20 000, 259 000 µs; p50 index ceil(2.5) − 1 = 2; p99 index ceil(4.95) − 1 = 4
        assertEquals(0.020, itl.p50S(), 1e-12);
        assertEquals(0.259, itl.p99S(), 1e-12);
        assertEquals(0.259, itl.maxS(), 1e-12);
        assertEquals(5, itl.gaps());
    }

    @Test
    void aGapTheMillisecondStampMakesNegativeCountsAsZero() {
        // the suite stamps the first chunk at 120.400 ms; Gatling stamps the next, which came after it, 120 ms
        RequestRecord r = new StreamRecordExtractor().extract(new CapturedStream(LABELS, 0, 120_400L, content("a"),
                200_000L, List.of(at(120_000, content("b")), at(150_000, content("c"))), 200_100, null));
        assertArrayEquals(new int[] {0, 30_000}, r.contentGapsUs());
        assertEquals(0.0, InterTokenLatency.of(r).p50S(), 1e-12);
    }

    @Test
    void oneContentChunkHasNoItl() {
        RequestRecord r = new StreamRecordExtractor().extract(new CapturedStream(LABELS, 0, 50_000L, content("a"),
                60_000L, List.of(at(55_000, USAGE)), 60_100, null));
        assertArrayEquals(new int[0], r.contentGapsUs());
        assertNull(InterTokenLatency.of(r));
    }

    @Test
    void theRunsItlDistributionHoldsEveryGapOfEverySuccessfulRequest() {
        RequestRecord a = stalledStream();
        RequestRecord b = new StreamRecordExtractor().extract(new CapturedStream(LABELS, 0, 10_000L, content("a"),
                50_000L, List.of(at(13_000, content("b")), at(16_000, content("c"))), 50_100, null));
        LatencyDistribution d = InterTokenLatency.distributionOf(List.of(a, b));
        assertEquals(7, d.count());                       // 5 gaps + 2 gaps
        assertEquals(0.259, d.summarySeconds().get("max"), 0.259 * 1e-3);
        // sorted 1, 3, 3, 19.75, 20, 20, 259 ms: the 4th of 7 is the first value with at least half at or below it
        assertEquals(0.01975, d.percentileSeconds(50), 0.01975 * 1e-3);
    }

    @Test
    void normalizedLatencyIsEndToEndTimePerOutputToken() {
        RequestRecord r = stalledStream();            // 0.422 s, 6 completion tokens from usage
        assertEquals(0.422 / 6, NormalizedLatency.secondsPerToken(r), 1e-12);
    }
}
