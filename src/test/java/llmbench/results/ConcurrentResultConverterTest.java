package llmbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import llmbench.counters.CounterReader;
import llmbench.counters.SnapshotBook;
import llmbench.load.ConcurrencyPlan;
import llmbench.timing.RequestLabels;
import llmbench.timing.RequestRecord;
import org.junit.jupiter.api.Test;

/** The seed's bench_concurrent aggregate on a hand-computed level of three streams and one 429. */
class ConcurrentResultConverterTest {
    private static RequestRecord ok(int idx, long sendUs, long ttftUs, long endUs, int completion) {
        return new RequestRecord(new RequestLabels("T", "concurrency 4", 4, idx, false), "id" + idx, sendUs,
                sendUs + ttftUs, sendUs + ttftUs, endUs - 1000, endUs, endUs + 100, 10, completion, "usage", 10,
                completion, completion, "length", 200, null);
    }

    @Test
    void aggregateFollowsTheSeedsRules() {
        List<RequestRecord> records = List.of(
                ok(0, 0, 100_000, 2_000_000, 100),
                ok(1, 1_000, 300_000, 3_001_000, 100),
                ok(2, 2_000, 200_000, 4_002_000, 200),
                new RequestRecord(new RequestLabels("T", "concurrency 4", 4, 3, false), null, 3_000, null, null,
                        null, null, 5_000, null, 0, "chunks", null, null, 0, null, 429,
                        "no event stream: Gatling: Server returned http response with code 429"));
        ConcurrencyPlan plan = new ConcurrencyPlan(List.of(4), null, Duration.ofMinutes(1), Duration.ZERO, 0);
        SnapshotBook none = new SnapshotBook(new CounterReader(URI.create("http://127.0.0.1:9"), null, Duration.ofMillis(100)));
        RunInfo info = new RunInfo("T", "baseline", "test", "http://x", "external", null, "m", ZonedDateTime.now(),
                128, 0.7, Map.of(), null, null, null, null, null);
        ObjectNode root = new ConcurrentResultConverter(plan, List.of(4), i -> "prompt " + i, none)
                .convert(records, info, false, ZonedDateTime.now());
        JsonNode agg = root.path("results").get(0).path("aggregate");
        assertEquals(4.0021, agg.path("batch_time_s").asDouble());   // last closed 4.0021 s − first send 0
        assertEquals(3, agg.path("successful").asInt());
        assertEquals(1, agg.path("errors").asInt());
        assertEquals(1, agg.path("count_429").asInt());
        assertEquals(0, agg.path("count_status_unknown").asInt());
        assertEquals(400, agg.path("total_completion_tokens").asInt());
        assertEquals(99.95, agg.path("aggregate_tok_s").asDouble());  // 400 / 4.0021
        assertEquals(0.2, agg.path("ttft_p50").asDouble());          // median of 0.1, 0.3, 0.2
        assertEquals(0.3, agg.path("ttft_p95").asDouble());          // sorted[int(2.85)] = sorted[2]
        assertEquals(0.2, agg.path("ttft_mean").asDouble());
        assertEquals(3.0, agg.path("latency_p50").asDouble());       // totals 2.0, 3.0, 4.0
        assertEquals(4.0, agg.path("latency_p99").asDouble());
        // generation_tok_s = completion / (total − ttft): 100/1.9 = 52.63, 100/2.7 = 37.04, 200/3.8 = 52.63
        assertEquals(47.43, agg.path("per_request_tok_s_mean").asDouble());
        JsonNode failed = root.path("results").get(0).path("per_request").get(3);
        assertEquals(429, failed.path("http_status").asInt());
        assertTrue(root.path("results").get(0).path("health_before").isNull());
        assertEquals("prompt 0", root.path("results").get(0).path("per_request").get(0).path("prompt_preview").asText());
    }
}
