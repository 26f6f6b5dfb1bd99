package llmbench.simulations;

import static llmbench.simulations.ResultFilesInDir.hasFivePositiveMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ConcurrentSimulation in its own JVM against a reference server started here. */
class ConcurrentSimulationEndToEndTest {

    @Test
    void eachLevelKeepsExactlyNRequestsInFlightAndReportsTheSeedsAggregate(@TempDir Path results) throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            Map<String, String> props = common(server, results);
            props.put("concurrency.levels", "1,3");
            props.put("concurrency.requests", "6");
            GatlingProcess.Outcome run = GatlingProcess.run("ConcurrentSimulation", props,
                    results.resolve("gatling.log"), 240);
            assertEquals(0, run.exitCode(), run.output());

            JsonNode result = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_concurrent_baseline_");
            assertEquals("bench_concurrent", result.path("benchmark").asText());
            assertEquals("[1,3]", result.path("concurrency_levels").toString());
            assertEquals(2, result.path("results").size());
            for (JsonNode level : result.path("results")) {
                JsonNode agg = level.path("aggregate");
                int n = agg.path("concurrency").asInt();
                assertEquals(6, level.path("per_request").size(), "level " + n);
                assertEquals(6, agg.path("successful").asInt(), agg.toString());
                for (String f : List.of("batch_time_s", "aggregate_tok_s", "ttft_p50", "ttft_p95", "ttft_mean",
                        "latency_p50", "latency_p95", "latency_p99", "per_request_tok_s_mean")) {
                    assertTrue(agg.path(f).isNumber(), f + " in " + agg);
                }
                hasFivePositiveMetrics(agg);
                List<long[]> spans = new ArrayList<>();
                for (JsonNode r : level.path("per_request")) {
                    hasFivePositiveMetrics(r);
                    assertTrue(r.path("generation_tok_s").asDouble() > 0, r.toString());
                    long start = Math.round(r.path("dispatch_delay_s").asDouble() * 1e6);
                    spans.add(new long[] {start, start + Math.round(r.path("total_time_s").asDouble() * 1e6)});
                }
                assertEquals(n, maxOverlap(spans), "requests in flight at level " + n);
                assertTrue(level.path("health_before").path("cache_stats").isObject(), level.toString());
                assertTrue(level.path("health_after").path("cache_stats").isObject(), level.toString());
                assertEquals(6, level.path("latency_s").path("count").asInt());
                ResultFilesInDir.itlDistributionHoldsEveryGap(level, level.path("per_request"));
            }
        }
    }

    @Test
    void rejectedStreamsAreCountedAs429(@TempDir Path results) throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny",
                "--max-batch-size=1", "--max-queue-size=1"))) {
            Map<String, String> props = common(server, results);
            props.put("concurrency.levels", "5");
            props.put("max.tokens", "64");
            GatlingProcess.Outcome run = GatlingProcess.run("ConcurrentSimulation", props,
                    results.resolve("gatling.log"), 240);
            assertEquals(0, run.exitCode(), run.output());
            JsonNode agg = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_concurrent_")
                    .path("results").get(0).path("aggregate");
            assertTrue(agg.path("count_429").asInt() >= 1, agg.toString());
            assertEquals(0, agg.path("count_status_unknown").asInt(), agg.toString());
            assertEquals(5, agg.path("successful").asInt() + agg.path("count_429").asInt(), agg.toString());
        }
    }

    @Test
    void aStreamRefusedWith400KeepsTheServersStatusAndMessage(@TempDir Path results) throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            Map<String, String> props = common(server, results);
            props.put("concurrency.levels", "2");
            props.put("target.model", "no-such-model");  // the server answers 400 "Model mismatch" before streaming
            GatlingProcess.Outcome run = GatlingProcess.run("ConcurrentSimulation", props,
                    results.resolve("gatling.log"), 240);
            JsonNode level = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_concurrent_")
                    .path("results").get(0);
            assertEquals(2, level.path("per_request").size(), run.output());
            for (JsonNode r : level.path("per_request")) {
                assertEquals(400, r.path("http_status").asInt(), r.toString());
                assertTrue(r.path("error").asText().startsWith("HTTP 400: {"), r.toString());
                assertTrue(r.path("error").asText().contains("Model mismatch: requested 'no-such-model'"), r.toString());
            }
        }
    }

    private static Map<String, String> common(ReferenceServer server, Path results) {
        Map<String, String> props = new HashMap<>();
        props.put("target.url", server.baseUrl());
        props.put("concurrency.pause.s", "0.2");
        props.put("max.tokens", "32");
        props.put("results.dir", results.resolve("out").toString());
        return props;
    }

    /** The most spans open at one instant (a span ending exactly when another starts does not overlap it). */
    static int maxOverlap(List<long[]> spans) {
        List<long[]> events = new ArrayList<>();
        for (long[] s : spans) {
            events.add(new long[] {s[0], 1});
            events.add(new long[] {s[1], -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int open = 0;
        int max = 0;
        for (long[] e : events) {
            open += (int) e[1];
            max = Math.max(max, open);
        }
        return max;
    }
}
