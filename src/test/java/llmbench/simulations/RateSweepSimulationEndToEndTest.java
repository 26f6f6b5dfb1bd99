package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RateSweepSimulation (and -Dslo on another simulation) in its own JVM against a tiny-profile server started here. */
class RateSweepSimulationEndToEndTest {

    @Test
    void aGenerousSloIsMetAtEveryRateAndEveryRequestKeepsItsIntendedSend(@TempDir Path results) throws Exception {
        try (ReferenceServer server = tinyServer()) {
            Map<String, String> props = common(server, results);
            props.put("rate.values", "4,8");
            props.put("rate.duration.s", "2");
            props.put("slo", "ttft_p95<=30s,itl_p99<=5s,e2e_p99<=60s,error_rate<=0.5");
            GatlingProcess.Outcome run = GatlingProcess.run("RateSweepSimulation", props, results.resolve("gatling.log"), 240);
            assertEquals(0, run.exitCode(), run.output());

            JsonNode result = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_rate_baseline_");
            assertEquals("bench_rate", result.path("benchmark").asText());
            assertEquals(2, result.path("rates").size(), result.toString());
            assertEquals("within_slo_at_every_rate", result.path("max_rate_within_slo").path("status").asText());
            assertEquals(8.0, result.path("max_rate_within_slo_rps").asDouble());
            for (JsonNode row : result.path("rates")) {
                assertTrue(row.path("slo_met").asBoolean(), row.toString());
                assertEquals(row.path("requests_planned").asInt(), row.path("requests_sent").asInt(), row.toString());
                for (String f : List.of("achieved_rate_rps", "mean_in_flight", "ttft_p95_s", "e2e_p99_s", "output_tok_s",
                        "goodput_rps", "good_fraction", "scheduling_lag_p99_s", "ttft_p95_actual_s", "itl_p99_s")) {
                    assertTrue(row.path(f).isNumber(), f + " in " + row);
                }
                assertTrue(row.path("ttft_p95_s").asDouble() >= row.path("ttft_p95_actual_s").asDouble() - 1e-4, row.toString());
            }
            // 4/s over 2 s = 8 arrivals, 8/s = 16
            assertEquals(8, result.path("rates").get(0).path("requests_planned").asInt());
            assertEquals(16, result.path("rates").get(1).path("requests_planned").asInt());
            Map<String, JsonNode> lines = ResultFilesInDir.requestLinesByResponseId(results.resolve("out"));
            long scheduled = lines.values().stream().filter(l -> l.path("case").asText().startsWith("rate ")).peek(l -> {
                assertTrue(l.path("intended_send_epoch_us").isNumber(), l.toString());
                assertEquals(l.path("send_epoch_us").asLong() - l.path("intended_send_epoch_us").asLong(),
                        Math.round(l.path("scheduling_lag_s").asDouble() * 1e6), 1.0, l.toString());
            }).count();
            assertEquals(24, scheduled);
        }
    }

    @Test
    void aMissedSloFailsTheRunWithOneLineNamingBoundValueAndRateAndTheResultIsWritten(@TempDir Path results)
            throws Exception {
        try (ReferenceServer server = tinyServer()) {
            Map<String, String> props = common(server, results);
            props.put("rate.values", "4");
            props.put("rate.duration.s", "1");
            props.put("slo", "ttft_p95<=1ms");
            GatlingProcess.Outcome run = GatlingProcess.run("RateSweepSimulation", props, results.resolve("gatling.log"), 240);
            assertEquals(2, run.exitCode(), run.output());
            List<String> out = run.output().strip().lines().toList();
            String last = out.get(out.size() - 1);
            assertTrue(last.matches("gatling-llm-bench: error: SLO missed at 4 req/s offered \\(rate 4/s\\): "
                    + "ttft_p95 = [0-9.]+s > 0\\.001s \\(slo ttft_p95<=1ms\\)"), last);
            JsonNode result = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_rate_baseline_");
            assertFalse(result.path("rates").get(0).path("slo_met").asBoolean());
            assertEquals("missed_at_lowest_rate", result.path("max_rate_within_slo").path("status").asText());
        }
    }

    @Test
    void theSweepPlacesItsRatesBetweenTheSynchronousAndThroughputRuns(@TempDir Path results) throws Exception {
        try (ReferenceServer server = tinyServer()) {
            Map<String, String> props = common(server, results);
            props.put("rate.profile", "sweep");
            props.put("rate.sweep.points", "3");
            props.put("rate.requests", "8");
            GatlingProcess.Outcome run = GatlingProcess.run("RateSweepSimulation", props, results.resolve("gatling.log"), 240);
            assertEquals(0, run.exitCode(), run.output());
            JsonNode rates = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_rate_baseline_").path("rates");
            assertEquals(3, rates.size(), rates.toString());
            JsonNode middle = rates.get(0);
            JsonNode sync = rates.get(1);
            JsonNode throughput = rates.get(2);
            assertEquals("synchronous", sync.path("kind").asText());
            assertEquals(1, sync.path("max_in_flight").asInt(), sync.toString());
            assertEquals("throughput", throughput.path("kind").asText());
            assertEquals(8, throughput.path("max_in_flight").asInt(), throughput.toString());
            // one point between: floor + 1/2 (ceiling - floor), from the live rates the load generator saw
            double offered = middle.path("offered_rate_rps").asDouble();
            assertTrue(offered > sync.path("achieved_rate_rps").asDouble() * 0.8
                    && offered < throughput.path("achieved_rate_rps").asDouble() * 1.2, rates.toString());
            assertEquals(8, middle.path("requests_sent").asInt(), middle.toString());
        }
    }

    @Test
    void anySimulationWithAGenerousSloPassesAndRecordsItsVerdict(@TempDir Path results) throws Exception {
        try (ReferenceServer server = tinyServer()) {
            Map<String, String> props = common(server, results);
            props.put("concurrency.levels", "2");
            props.put("concurrency.requests", "4");
            props.put("slo", "ttft_p95<=30s,itl_p99<=5s,tpot_p50<=1s,e2e_p99<=60s,error_rate<=0");
            GatlingProcess.Outcome run = GatlingProcess.run("ConcurrentSimulation", props, results.resolve("gatling.log"), 240);
            assertEquals(0, run.exitCode(), run.output());
            JsonNode verdict = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_concurrent_baseline_")
                    .path("slo_verdict");
            assertTrue(verdict.path("met").asBoolean(), verdict.toString());
            assertEquals(5, verdict.path("checks").size(), verdict.toString());
            for (JsonNode c : verdict.path("checks")) {
                assertTrue(c.path("value").isNumber(), c.toString());
            }
        }
    }

    @Test
    void anySimulationWithAMissedSloFailsWithTheOneLineReason(@TempDir Path results) throws Exception {
        try (ReferenceServer server = tinyServer()) {
            Map<String, String> props = common(server, results);
            props.put("concurrency.levels", "2");
            props.put("concurrency.requests", "4");
            props.put("slo", "ttft_p95<=1ms");
            GatlingProcess.Outcome run = GatlingProcess.run("ConcurrentSimulation", props, results.resolve("gatling.log"), 240);
            assertEquals(2, run.exitCode(), run.output());
            List<String> out = run.output().strip().lines().toList();
            String last = out.get(out.size() - 1);
            assertTrue(last.matches("gatling-llm-bench: error: SLO missed over the run's 4 measured requests \\([0-9.]+ req/s "
                    + "achieved\\): ttft_p95 = [0-9.]+s > 0\\.001s \\(slo ttft_p95<=1ms\\)"), last);
            JsonNode result = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_concurrent_baseline_");
            assertFalse(result.path("slo_verdict").path("met").asBoolean(), result.path("slo_verdict").toString());
            assertNotNull(result.get("slo_miss"));
        }
    }

    private static ReferenceServer tinyServer() throws Exception {
        return ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"));
    }

    private static Map<String, String> common(ReferenceServer server, Path results) {
        Map<String, String> props = new HashMap<>();
        props.put("target.url", server.baseUrl());
        props.put("rate.pause.s", "0.2");
        props.put("max.tokens", "32");
        props.put("results.dir", results.resolve("out").toString());
        return props;
    }
}
