package llmbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import llmbench.timing.RequestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The converter on a recorded JSON-lines file (fixtures/batch_requests.jsonl): a warm-up, k=1 with one run,
 * k=2 with two runs one of which lost a request. Every expected value below is worked out by hand.
 */
class BatchResultConverterTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 2, 14, 12, 0, 0, 0, ZoneOffset.UTC);
    private static JsonNode out;

    @BeforeAll
    static void convert() {
        List<RequestRecord> records = RecordedRequests.read("batch");
        RunInfo info = new RunInfo("BatchSimulation", "baseline", "test", "http://127.0.0.1:1", "external", null, "m",
                NOW, 100, 0.7, Map.of(), null, null, null, null, null);
        out = new BatchResultConverter(0.10, 2).convert(records, info, false, NOW);
    }

    @Test
    void topLevelCarriesTheSeedFieldsAndLeavesTheWarmupOut() {
        assertEquals("batch_inference", out.path("benchmark").asText());
        assertEquals("2026-02-14T12:00:00.000000+00:00", out.path("timestamp").asText());
        assertEquals(2, out.path("runs_per_batch_size").asInt());
        assertEquals(5, out.path("requests").path("measured").asInt());
        assertEquals(1, out.path("requests").path("failed").asInt());
        assertEquals(1, out.path("requests").path("warmup_excluded").asInt());
        assertFalse(out.path("requests").path("all_failed").asBoolean());
    }

    @Test
    void kOneMatchesHandComputedValues() {
        JsonNode k1 = out.path("results").get(0);
        assertEquals(1, k1.path("batch_size").asInt());
        assertEquals(2.0001, k1.path("runs").get(0).path("wall_clock_s").asDouble(), 1e-9);
        assertEquals(349.98, k1.path("avg_aggregate_throughput_tok_s").asDouble(), 1e-9);   // 700 / 2.0001
        assertEquals(2.0, k1.path("avg_per_request_latency_s").asDouble(), 1e-9);
        assertEquals(1.0, k1.path("speedup_vs_k1").asDouble(), 1e-9);
        JsonNode req = k1.path("runs").get(0).path("requests").get(0);
        assertEquals(0.5, req.path("prefill_time_s").asDouble(), 1e-9);
        assertEquals(1200.0, req.path("prefill_tok_s").asDouble(), 1e-9);                  // 600 / 0.5
        assertEquals(1.5, req.path("decode_time_s").asDouble(), 1e-9);
        assertEquals(66.67, req.path("decode_tok_s").asDouble(), 1e-9);                    // 100 / 1.5
        assertEquals(350.0, req.path("throughput_tok_s").asDouble(), 1e-9);                // 700 / 2.0
    }

    @Test
    void kTwoAggregatesRunsAndKeepsTheFailedRequestAsAnError() {
        JsonNode k2 = out.path("results").get(1);
        JsonNode run1 = k2.path("runs").get(0);
        assertEquals(3.0, run1.path("wall_clock_s").asDouble(), 1e-9);                      // 13.0 - 10.0
        assertEquals(500.0, run1.path("aggregate_throughput_tok_s").asDouble(), 1e-9);      // 1500 / 3.0
        assertEquals(1300.0, run1.path("aggregate_prefill_tok_s").asDouble(), 1e-9);        // 1300 / (11.0 - 10.0)
        assertEquals(90.91, run1.path("aggregate_decode_tok_s").asDouble(), 1e-9);          // 200 / (13.0 - 10.8)
        assertEquals(0.001, run1.path("dispatch_spread_s").asDouble(), 1e-9);
        JsonNode run2 = k2.path("runs").get(1);
        assertEquals(1, run2.path("errors").asInt());
        assertEquals(400.0, run2.path("aggregate_throughput_tok_s").asDouble(), 1e-9);      // 800 / 2.0
        JsonNode failed = run2.path("requests").get(0);
        assertEquals("stream ended or timed out before data: [DONE]", failed.path("error").asText());
        assertEquals(1.0, failed.path("total_time_s").asDouble(), 1e-9);
        assertTrue(failed.path("prefill_time_s").isMissingNode());

        assertEquals(450.0, k2.path("avg_aggregate_throughput_tok_s").asDouble(), 1e-9);
        assertEquals(2.4997, k2.path("avg_per_request_latency_s").asDouble(), 1e-9);       // (2.5 + 2.999 + 2.0) / 3
        assertEquals(2.999, k2.path("p95_per_request_latency_s").asDouble(), 1e-9);         // nearest rank, n = 3
        assertEquals(667, k2.path("avg_prompt_tokens").asInt());                            // (600 + 700 + 700) / 3
        assertEquals(0.7997, k2.path("prefill_time_s").asDouble(), 1e-9);                   // (0.8 + 0.999 + 0.6) / 3
        assertEquals(1.29, k2.path("speedup_vs_k1").asDouble(), 1e-9);                      // 450 / 349.98
        assertEquals(3, k2.path("ttft_s").path("count").asInt());
    }

    @Test
    void scalingAnswersUseEveryRunAndCallNoiseInconclusive() {
        JsonNode s = out.path("scaling");
        // k=1 one run (349.98), k=2 runs 500 and 400: slope 450 − 349.98 = 100.02 with df 1 — noise wins
        assertTrue(s.path("throughput_rises_with_k").isNull());
        assertEquals("inconclusive", s.path("throughput_rises_with_k_verdict").asText());
        assertEquals(100.02, s.path("throughput_trend_tok_s_per_k").asDouble(), 1e-9);
        assertEquals("inconclusive", s.path("saturation_verdict").asText());               // one run at k=1
        assertTrue(s.path("saturation_k").isNull());
        assertTrue(s.path("saturation_k_from_means").isNull());                             // +28.6 % > 10 %
        assertTrue(s.path("steps").get(0).path("beyond_threshold_ci95_tok_s").isNull());
        assertEquals(0.4997, s.path("latency_cost_per_added_request_s").asDouble(), 1e-9);
        // k=2's mean 450 ± 12.706 · √(5000 / 2)
        JsonNode ci = out.path("results").get(1).path("aggregate_throughput_ci95_tok_s");
        assertEquals(450 - 635.3, ci.get(0).asDouble(), 1e-9);
        assertEquals(450 + 635.3, ci.get(1).asDouble(), 1e-9);
        assertTrue(out.path("results").get(0).path("aggregate_throughput_ci95_tok_s").isNull());
    }
}
