package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import llmbench.refserver.groundtruth.GroundTruth;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;

/** Black-box: prefix reuse through the KV block cache, and the state endpoints that report it. */
class ReferenceServerKvCacheTest {

    private static String completion(String prompt, int maxTokens) {
        return "{\"prompt\":\"" + prompt + "\",\"max_tokens\":" + maxTokens + ",\"temperature\":0}";
    }

    private static long ttftUs(GroundTruth t) {
        return t.firstContentWrittenEpochUs() - t.receivedEpochUs();
    }

    @Test
    void aRepeatedLongPromptSkipsItsCachedPrefillAndReachesTheFirstTokenSooner() throws InterruptedException {
        // default profile at full speed: a 1500-token prompt is 3 prefill steps (512+512+476 tokens,
        // 59.2+59.2+55.6 ms) cold, one step (8 ms + 12 tokens) warm: its 93 full blocks (1488 tokens) are cached.
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults())) {
            RefClient client = new RefClient(server.baseUrl());
            String prompt = " lorem ipsum dolor".repeat(500);
            assertEquals(200, client.post("/v1/completions", completion(prompt, 2)).statusCode());
            assertEquals(200, client.post("/v1/completions", completion(prompt, 2)).statusCode());
            List<GroundTruth> truth = server.groundTruth();
            for (int i = 0; i < 100 && truth.size() < 2; i++) { // recorded when the write completed
                Thread.sleep(10);
                truth = server.groundTruth();
            }
            long cold = ttftUs(truth.get(0));
            long warm = ttftUs(truth.get(1));
            assertTrue(cold > 160_000, "cold TTFT " + cold + " us");
            assertTrue(warm < cold / 2, "warm TTFT " + warm + " us vs cold " + cold + " us"); // model: 20 vs 185 ms
            System.out.println("TTFT of a 1500-token prompt, default profile: cold " + cold + " us, warm " + warm + " us");

            JsonNode stats = RefClient.json(client.get("/health").body()).get("cache_stats");
            assertEquals(1, stats.get("cache_misses").asInt());
            assertEquals(1, stats.get("cache_hits_sequence").asInt());
            assertEquals(93 * 16, stats.get("total_cached_tokens").asInt());
            assertEquals(1500 + 12, stats.get("total_prefill_tokens").asInt());
            assertEquals(0.5, stats.get("cache_hit_rate").asDouble());
            assertEquals(1488.0 / 3000, stats.get("cache_effectiveness").asDouble(), 1e-9);
            assertEquals(93, stats.get("cached_blocks").asInt());
        }
    }

    @Test
    void usageReportsThePromptTokensServedFromThePrefixCacheAsVllmDoes() {
        // 1500 prompt tokens: cold, none cached; the same prompt again, its 93 full 16-token blocks (1488 tokens)
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            RefClient client = new RefClient(server.baseUrl());
            String prompt = " lorem ipsum dolor".repeat(500);
            JsonNode cold = RefClient.json(client.post("/v1/completions", completion(prompt, 2)).body());
            assertEquals(1500, cold.at("/usage/prompt_tokens").asInt());
            assertEquals(0, cold.at("/usage/prompt_tokens_details/cached_tokens").asInt(), cold.toString());
            String streamed = "{\"prompt\":\"" + prompt + "\",\"max_tokens\":2,\"temperature\":0,\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true}}";
            String sse = client.post("/v1/completions", streamed).body();
            JsonNode usage = null;
            for (String line : sse.split("\n")) {
                if (line.startsWith("data: {") && line.contains("\"usage\"")) {
                    usage = RefClient.json(line.substring("data: ".length())).get("usage");
                }
            }
            assertTrue(usage != null, sse);
            assertEquals(1500, usage.get("prompt_tokens").asInt());
            assertEquals(93 * 16, usage.at("/prompt_tokens_details/cached_tokens").asInt(), usage.toString());
        }
    }

    @Test
    void healthReportsTheSeedsFieldsAndMetricsTheSevenGauges() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            RefClient client = new RefClient(server.baseUrl());
            HttpResponse<String> res = client.get("/health");
            assertEquals(200, res.statusCode());
            JsonNode h = RefClient.json(res.body());
            assertEquals("ok", h.get("status").asText());
            assertTrue(h.get("ready").asBoolean());
            assertEquals(0.0, h.get("utilization").asDouble());
            assertTrue(h.has("inference_loop_stale_s"));
            assertEquals(false, h.at("/distributed/enabled").asBoolean());
            Set<String> keys = new HashSet<>();
            h.get("cache_stats").fieldNames().forEachRemaining(keys::add);
            assertTrue(keys.containsAll(List.of("active_sequences", "queued_requests", "total_blocks", "used_blocks",
                    "free_blocks", "cached_blocks", "cache_hits_sequence", "cache_hits_block", "cache_misses",
                    "requests_completed", "tokens_generated", "total_prefill_tokens", "total_cached_tokens",
                    "total_requests", "cache_hit_rate", "cache_effectiveness", "inference_loop_alive")), keys.toString());
            assertEquals(2048, h.at("/cache_stats/total_blocks").asInt());
            assertEquals(2048, h.at("/cache_stats/free_blocks").asInt());

            HttpResponse<String> m = client.get("/metrics");
            assertEquals("text/plain; version=0.0.4; charset=utf-8", m.headers().firstValue("content-type").orElse(""));
            for (String g : List.of("active_sequences 0.0", "queued_requests 0.0", "used_blocks 0.0",
                    "free_blocks 2048.0", "cache_hit_rate 0.0", "dist_fatal 0.0", "shutdown_clean 1.0")) {
                assertTrue(m.body().contains("# TYPE mlx_lm_server_" + g.split(" ")[0] + " gauge\n"), g);
                assertTrue(m.body().contains("\nmlx_lm_server_" + g + "\n"), g);
            }
            assertEquals(21, m.body().split("\n").length);

            HttpResponse<String> r = client.get("/readyz");
            assertEquals(200, r.statusCode());
            assertEquals("{\"status\":\"ready\",\"ready\":true,\"reasons\":[],\"distributed\":{\"enabled\":false,"
                    + "\"rank\":null,\"world_size\":null,\"fatal\":false,\"fatal_reason\":null}}", r.body());
        }
    }

    @Test
    void idleCachedBlocksRaiseUtilizationUntilTheServerRefusesWork() {
        // 8 blocks of 16, threshold 0.7 (degraded from 0.56). 80 prompt tokens = 5 full blocks.
        ReferenceServerConfig cfg = ReferenceServerConfig.defaults().withFlags("--profile=tiny", "--num-blocks=8",
                "--memory-pressure-threshold=0.7");
        try (ReferenceServer server = ReferenceServer.start(cfg)) {
            RefClient client = new RefClient(server.baseUrl());
            assertEquals(200, client.post("/v1/completions", completion(" word".repeat(80), 1)).statusCode());
            JsonNode h = RefClient.json(client.get("/health").body());
            assertEquals("degraded", h.get("status").asText()); // 5 idle cached blocks: 5/8 = 0.625
            assertEquals(0.625, h.get("utilization").asDouble());

            assertEquals(200, client.post("/v1/completions", completion(" other".repeat(80), 1)).statusCode());
            // second prompt: 3 free + 3 evicted blocks (one for its generated token); 7 stay cached
            HttpResponse<String> health = client.get("/health");
            assertEquals(503, health.statusCode());
            assertEquals("overloaded", RefClient.json(health.body()).get("status").asText());
            assertEquals(0.875, RefClient.json(health.body()).get("utilization").asDouble());

            HttpResponse<String> refused = client.post("/v1/completions", completion(" third".repeat(80), 1));
            assertEquals(503, refused.statusCode());
            assertEquals("{\"error\":{\"message\":\"Server under memory pressure, please retry later\","
                    + "\"type\":\"server_error\",\"code\":\"memory_pressure\"}}", refused.body());
            HttpResponse<String> ready = client.get("/readyz");
            assertEquals(503, ready.statusCode());
            assertEquals("[\"memory_pressure\"]", RefClient.json(ready.body()).get("reasons").toString());
            assertTrue(client.get("/metrics").body().contains("\nmlx_lm_server_used_blocks 7.0\n"));
        }
        try (ReferenceServer server = ReferenceServer.start(cfg.withFlags("--utilization-excludes-idle-cache"))) {
            RefClient client = new RefClient(server.baseUrl());
            client.post("/v1/completions", completion(" word".repeat(80), 1));
            client.post("/v1/completions", completion(" other".repeat(80), 1));
            JsonNode h = RefClient.json(client.get("/health").body());
            assertEquals("ok", h.get("status").asText());
            assertEquals(7, h.at("/cache_stats/used_blocks").asInt());
        }
    }

    @Test
    void healthReportsSimulatedMemoryFromTheModelShapeAndKvBits() {
        // default shape: 147 456 bytes per token at 16 bits, 78 336 at 8 bits (group 64); 2048 blocks of 16
        try (ReferenceServer fp16 = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny", "--kv-bits=0"));
             ReferenceServer int8 = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny",
                     "--debug-leak-kb-per-request=64"))) {
            JsonNode m16 = RefClient.json(new RefClient(fp16.baseUrl()).get("/health").body()).get("memory");
            assertEquals(0, m16.get("kv_bits").asInt());
            assertEquals(147_456.0, m16.get("kv_bytes_per_token").asDouble());
            assertEquals(2048L * 16 * 147_456, m16.get("kv_pool_bytes").asLong());
            assertEquals(2_300_000_000L, m16.get("weights_bytes").asLong());
            assertEquals(500_000_000L, m16.get("runtime_overhead_bytes").asLong());
            assertEquals(2_300_000_000L + 2048L * 16 * 147_456 + 500_000_000L, m16.get("total_bytes").asLong());

            RefClient client = new RefClient(int8.baseUrl());
            for (int i = 0; i < 3; i++) {
                client.post("/v1/completions", completion(" word".repeat(40), 1)); // 40 + 1 tokens: 3 blocks
            }
            JsonNode m8 = RefClient.json(client.get("/health").body()).get("memory");
            assertEquals(2048L * 16 * 78_336, m8.get("kv_pool_bytes").asLong());
            assertEquals(2L * 16 * 78_336, m8.get("kv_used_bytes").asLong(), "two full prompt blocks stay cached");
            assertEquals(0, m8.get("kv_active_bytes").asLong());
            assertEquals(3 * 64 * 1024, m8.get("debug_leaked_bytes").asLong());
            assertEquals(3 * 64 * 1024, int8.debugLeakedBytes());
        }
    }

    @Test
    void aRestartedServerReusesPrefixesFromItsSsdTier(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        ReferenceServerConfig cfg = ReferenceServerConfig.defaults().withFlags("--profile=tiny", "--ssd-cache-dir=" + dir.toString(),
                "--ssd-policy=write_through");
        String prompt = " word".repeat(64);                        // 4 full blocks
        try (ReferenceServer server = ReferenceServer.start(cfg)) {
            assertEquals(200, new RefClient(server.baseUrl()).post("/v1/completions", completion(prompt, 1)).statusCode());
        }
        try (ReferenceServer server = ReferenceServer.start(cfg)) {
            RefClient client = new RefClient(server.baseUrl());
            assertEquals(200, client.post("/v1/completions", completion(prompt, 1)).statusCode());
            JsonNode c = RefClient.json(client.get("/health").body()).get("cache_stats");
            assertEquals(1, c.get("cache_hits_sequence").asInt());
            assertEquals(63, c.get("total_cached_tokens").asInt());
            assertEquals(4, c.get("kv_promote_hits").asInt());
            assertEquals(4, c.get("ssd_blocks").asInt());
        }
    }
}
