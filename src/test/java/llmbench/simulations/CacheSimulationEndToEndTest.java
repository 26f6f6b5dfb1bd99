package llmbench.simulations;

import static llmbench.simulations.ResultFilesInDir.hasFivePositiveMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CacheSimulation in its own JVM against a reference server started here (default profile: real prefill times). */
class CacheSimulationEndToEndTest {
    @TempDir
    static Path results;
    private static JsonNode result;

    @BeforeAll
    static void runOnce() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults())) {
            Map<String, String> props = Map.of("target.url", server.baseUrl(), "max.tokens", "8",
                    "case.pause.s", "0.05", "results.dir", results.resolve("out").toString());
            GatlingProcess.Outcome run = GatlingProcess.run("CacheSimulation", props, results.resolve("gatling.log"), 240);
            assertEquals(0, run.exitCode(), run.output());
            result = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_cache_baseline_");
        }
    }

    @Test
    void casesRunInTheSeedsOrderWithHealthAroundEachAndTheFiveMetrics() {
        assertEquals("bench_cache", result.path("benchmark").asText());
        List<String> names = new ArrayList<>();
        for (JsonNode r : result.path("results")) {
            names.add(r.path("test_name").asText());
            if (r.path("test_name").asText().equals("cache_stats")) {
                assertTrue(r.path("health").isObject());
                continue;
            }
            hasFivePositiveMetrics(r);
            assertTrue(r.path("cache_health_before").isObject() && r.path("cache_health_after").isObject(), r.toString());
            assertTrue(r.has("cache_delta"), r.toString());
        }
        ResultFilesInDir.itlDistributionHoldsEveryGap(result, result.path("results"));
        assertEquals(List.of("cold_request", "warm_request", "shared_prefix_suffix_a", "shared_prefix_suffix_b",
                "shared_prefix_suffix_c", "multi_turn_1", "multi_turn_2", "multi_turn_3", "cache_stats"), names);
        assertEquals(5, result.path("results").get(7).path("num_messages").asInt());
        JsonNode cold = result.path("results").get(0);
        JsonNode warm = result.path("results").get(1);
        assertEquals(cold.path("prompt_tokens").asInt(), warm.path("prompt_tokens").asInt());
        assertNotEquals("", result.path("salt").asText());
        JsonNode summary = result.path("cache_summary");
        assertTrue(summary.path("warm_cold_ttft_ratio").isNumber(), summary.toString());
    }

    @Test
    void warmBeatsColdAndHitsTheServersPrefixCache() {
        JsonNode summary = result.path("cache_summary");
        JsonNode cold = result.path("results").get(0);
        JsonNode warm = result.path("results").get(1);
        assertTrue(summary.path("cache_counters_reported").asBoolean(), summary.toString());
        assertTrue(warm.path("cache_delta").path("hit_rate").asDouble() > 0, warm.toString());
        assertTrue(warm.path("ttft_s").asDouble() < cold.path("ttft_s").asDouble(), summary.toString());
    }
}
