package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.groundtruth.GroundTruth;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BatchSimulation as a user runs it, in its own JVM, against the reference server: once as an external
 * target started here (so its ground truth can be read after the run), once as the embedded default.
 */
class BatchSimulationEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void measuredTtftMatchesTheServersGroundTruthAndThroughputRisesWithK(@TempDir Path results) throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            Map<String, String> props = shortBatch(results, "1,2,3", "48");
            props.put("batch.runs", "2");   // two runs per k: the scaling answers need runs to measure noise
            props.put("target.url", server.baseUrl());
            GatlingProcess.Outcome run = GatlingProcess.run("BatchSimulation", props, results.resolve("gatling.log"), 300);
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("measures external server " + server.baseUrl()), run.output());

            JsonNode result = JSON.readTree(ResultFilesInDir.onlyFinalResultFile(results).toFile());
            assertEquals("batch_inference", result.path("benchmark").asText());
            assertEquals(0, result.path("requests").path("failed").asInt(), result.toPrettyString());
            List<JsonNode> requests = ResultFilesInDir.batchRequestsWithTheFiveMetrics(result, 2 * (1 + 2 + 3));

            Map<String, GroundTruth> truth = server.groundTruth().stream()
                    .collect(Collectors.toMap(GroundTruth::id, Function.identity(), (a, b) -> b));
            Map<String, JsonNode> lines = ResultFilesInDir.requestLinesByResponseId(results);
            // The suite's first-token stamp against the moment the server's write of that chunk completed,
            // both measured from the client's send: the timing error the suite itself adds.
            List<Double> ttftErrorsMs = new ArrayList<>();
            // Client TTFT against the server's own TTFT (received -> first content written): differs by the
            // time from the client's send stamp until the server has read the whole request.
            List<Double> endToEndGapMs = new ArrayList<>();
            for (JsonNode r : requests) {
                String id = r.path("response_id").asText();
                GroundTruth t = truth.get(id);
                assertNotNull(t, "the server knows request " + id);
                JsonNode line = lines.get(id);
                long send = line.path("send_epoch_us").asLong();
                double clientTtftMs = (line.path("first_token_epoch_us").asLong() - send) / 1000.0;
                double truthTtftMs = (t.firstContentWrittenEpochUs() - send) / 1000.0;
                double serverTtftMs = (t.firstContentWrittenEpochUs() - t.receivedEpochUs()) / 1000.0;
                ttftErrorsMs.add(Math.abs(clientTtftMs - truthTtftMs));
                endToEndGapMs.add(clientTtftMs - serverTtftMs);
                assertEquals(t.completionTokens(), r.path("completion_tokens").asInt(), "usage completion tokens of " + id);
            }
            double medianErrorMs = median(ttftErrorsMs);
            System.out.printf("TTFT |client - server truth|: median %.3f ms, max %.3f ms over %d requests; "
                            + "client TTFT - server-side TTFT: median %.3f ms%n", medianErrorMs,
                    ttftErrorsMs.stream().mapToDouble(d -> d).max().orElse(0), ttftErrorsMs.size(), median(endToEndGapMs));
            assertTrue(medianErrorMs <= 5.0, "median TTFT error " + medianErrorMs + " ms exceeds 5 ms");
            assertTrue(median(endToEndGapMs) <= 25.0, "client TTFT exceeds the server's own by " + median(endToEndGapMs) + " ms");

            JsonNode perK = result.path("results");
            double k1 = perK.get(0).path("avg_aggregate_throughput_tok_s").asDouble();
            double k3 = perK.get(2).path("avg_aggregate_throughput_tok_s").asDouble();
            assertTrue(k3 > k1, "aggregate throughput at k=3 (" + k3 + ") should exceed k=1 (" + k1 + ")");
            // The trend over all runs rises. Its verdict may still be "inconclusive": run 2 repeats run 1's prompts
            // and the prefix cache makes it several times faster on the tiny profile, which is noise between runs.
            JsonNode scaling = result.path("scaling");
            assertTrue(scaling.path("throughput_trend_tok_s_per_k").asDouble() > 0, scaling.toPrettyString());
            assertTrue(List.of("yes", "inconclusive").contains(scaling.path("throughput_rises_with_k_verdict").asText()),
                    scaling.toPrettyString());
        }
    }

    @Test
    void withoutATargetTheEmbeddedServerIsStartedMeasuredAndStopped(@TempDir Path results) throws Exception {
        Map<String, String> props = shortBatch(results, "1,2", "24");
        props.put("target.profile", "tiny");
        props.put("label", "embedded-check");
        GatlingProcess.Outcome run = GatlingProcess.run("BatchSimulation", props, results.resolve("gatling.log"), 300);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("measures embedded reference server http://127.0.0.1:"), run.output());
        Path file = ResultFilesInDir.onlyFinalResultFile(results);
        assertTrue(file.getFileName().toString().startsWith("bench_batch_embedded-check_"), file.toString());
        JsonNode result = JSON.readTree(file.toFile());
        assertEquals("embedded", result.path("target").path("kind").asText());
        ResultFilesInDir.batchRequestsWithTheFiveMetrics(result, 1 + 2);
        assertFalse(Files.exists(results.resolve(file.getFileName().toString().replace(".json", "_partial.json"))));
        String reportDir = result.path("gatling_run_dir").asText();
        assertTrue(Files.exists(Path.of(reportDir, "index.html")), "Gatling HTML report in " + reportDir);
    }

    @Test
    void badInputEndsWithOneLineAndANonZeroExitAndWritesNothing(@TempDir Path results) throws Exception {
        Map<String, String> props = Map.of("batch.sizes", "0", "results.dir", results.toString());
        GatlingProcess.Outcome run = GatlingProcess.run("BatchSimulation", props, results.resolve("gatling.log"), 120);
        assertEquals(3, run.exitCode());
        assertTrue(run.output().contains("gatling-llm-bench: error: batch.sizes contains 0; every value must be at least 1"),
                run.output());
        try (Stream<Path> files = Files.list(results)) {
            assertEquals(List.of("gatling.log"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** One run per k, short pauses and replies: seconds, not minutes, on the tiny profile. */
    private static Map<String, String> shortBatch(Path results, String batchSizes, String maxTokens) {
        Map<String, String> props = new HashMap<>();
        props.put("batch.sizes", batchSizes);
        props.put("batch.runs", "1");
        props.put("batch.pause.run.s", "0.2");
        props.put("batch.pause.k.s", "0.2");
        props.put("max.tokens", maxTokens);
        props.put("results.dir", results.toString());
        return props;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(d -> d).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
