package llmbench.simulations;

import static llmbench.simulations.ResultFilesInDir.hasFivePositiveMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MemorySimulation in its own JVM against a reference server in this JVM, whose pid is given through
 * {@code -Dtarget.pid.file} so that the process's resident memory is a source; prompt sizes 512 and 2048 only.
 */
class MemorySimulationEndToEndTest {
    @TempDir
    static Path results;
    private static JsonNode result;

    @BeforeAll
    static void runOnce() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            Path pidFile = results.resolve("server.pid");
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
            Map<String, String> props = Map.of("target.url", server.baseUrl(), "label", "fp8", "max.tokens", "24",
                    "case.pause.s", "0", "target.pid.file", pidFile.toString(), "memory.prompt.tokens", "512,2048",
                    "results.dir", results.resolve("out").toString());
            GatlingProcess.Outcome run = GatlingProcess.run("MemorySimulation", props, results.resolve("gatling.log"), 240);
            assertEquals(0, run.exitCode(), run.output());
            result = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_memory_fp8_");
        }
    }

    @Test
    void everyCaseHasAMemoryFigureWithItsSourceAndTheFiveMetrics() {
        assertEquals("bench_memory", result.path("benchmark").asText());
        assertEquals("fp8", result.path("label").asText());
        assertTrue(result.path("health_initial").isObject() && result.path("health_final").isObject());
        assertTrue(result.has("metrics_initial") && result.has("metrics_final"));
        List<String> names = new java.util.ArrayList<>();
        boolean linux = Files.isReadable(Path.of("/proc/self/status"));
        for (JsonNode r : result.path("results")) {
            names.add(r.path("test_name").asText());
            hasFivePositiveMetrics(r);
            assertTrue(r.path("health_before").isObject() && r.path("health_after").isObject(), r.toString());
            JsonNode m = r.path("memory");
            if (linux) {
                assertTrue(List.of("health.memory", "process_rss").contains(m.path("source").asText()), m.toString());
                // The KV figure of the first case starts from an empty cache, so only "after" must be positive.
                assertTrue(m.path("before").asDouble() >= 0 && m.path("after").asDouble() > 0, m.toString());
            }
        }
        assertEquals(List.of("short", "medium", "long_context", "prompt_512", "prompt_2048"), names);
        ResultFilesInDir.itlDistributionHoldsEveryGap(result, result.path("results"));
        if (linux) {
            assertTrue(result.path("memory_source").isTextual());
        }
    }

    @Test
    void theServersOwnKvMemoryRisesWithTheLongContext() {
        JsonNode first = result.path("results").get(0).path("memory");
        JsonNode longCtx = result.path("results").get(2).path("memory");
        assertEquals("health.memory", first.path("source").asText(), first.toString());
        assertTrue(longCtx.path("after").asDouble() > first.path("before").asDouble(), longCtx.toString());
    }

    @Test
    void thePromptSizesAreMeasuredNearTheirTargetAndTheirKvDeltaRisesWithSize() {
        JsonNode sizes = result.path("memory_by_prompt_tokens");
        assertEquals(5, sizes.size(), sizes.toString());
        assertTrue(sizes.get(0).path("target_prompt_tokens").isNull(), sizes.toString());
        int previousTokens = 0;
        double previousDelta = -1;
        for (int i = 3; i < 5; i++) {
            JsonNode s = sizes.get(i);
            int target = i == 3 ? 512 : 2048;
            assertEquals("prompt_" + target, s.path("test_name").asText());
            assertEquals(target, s.path("target_prompt_tokens").asInt());
            int measured = s.path("prompt_tokens").asInt();
            assertEquals(measured, result.path("results").get(i).path("prompt_tokens").asInt());
            assertTrue(Math.abs(measured - target) <= 0.35 * target, s.toString());
            assertTrue(measured > previousTokens, s.toString());
            assertEquals("health.memory", s.path("source").asText(), s.toString());
            assertEquals("bytes", s.path("unit").asText());
            assertTrue(s.path("delta").asDouble() > previousDelta, s.toString());
            previousTokens = measured;
            previousDelta = s.path("delta").asDouble();
        }
        // 2048 tokens take four times the KV blocks of 512: the delta at least doubles.
        assertTrue(sizes.get(4).path("delta").asDouble() > 2 * sizes.get(3).path("delta").asDouble(), sizes.toString());
        assertTrue(result.path("prompt_salt").isTextual());
    }
}
