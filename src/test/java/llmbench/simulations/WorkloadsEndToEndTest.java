package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.settings.ReferenceServerConfig;
import llmbench.run.Fatal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workload options in a simulation's own JVM: synthetic prompts come out at the length the target counts
 * (prompt_tokens within 1 of target_prompt_tokens for every request), forced output lengths, datasets, and
 * the refusals before anything starts.
 */
class WorkloadsEndToEndTest {

    /** Every measured request line of the run (warm-up left out). */
    private static List<JsonNode> measuredLines(Path dir) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith("_requests.jsonl")).toList()) {
                for (String line : Files.readAllLines(p)) {
                    JsonNode n = ResultFilesInDir.JSON.readTree(line);
                    if (!n.path("warmup").asBoolean()) {
                        out.add(n);
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, String> batch(String url, Path results) {
        Map<String, String> props = new HashMap<>();
        props.put("target.url", url);
        props.put("batch.sizes", "1,3");
        props.put("batch.runs", "1");
        props.put("batch.pause.k.s", "0.2");
        props.put("results.dir", results.resolve("out").toString());
        return props;
    }

    @Test
    void promptTokensThousandGivesEveryRequestAThousandPromptTokensOnTheReferenceServer(@TempDir Path results)
            throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults()
                .withFlags("--time-scale=0.2"))) {
            Map<String, String> props = batch(server.baseUrl(), results);
            props.put("prompt.tokens", "1000");
            props.put("output.tokens", "300");
            GatlingProcess.Outcome run = GatlingProcess.run("BatchSimulation", props, results.resolve("gatling.log"), 240);
            assertEquals(0, run.exitCode(), run.output());
            List<JsonNode> lines = measuredLines(results.resolve("out"));
            assertEquals(1 + 3, lines.size());
            for (JsonNode r : lines) {
                assertEquals(1000, r.path("target_prompt_tokens").asInt(), r.toString());
                assertTrue(Math.abs(r.path("prompt_tokens").asInt() - 1000) <= 1, r.toString());
                assertEquals(300, r.path("target_max_tokens").asInt());
                assertTrue(r.path("output_forced").asBoolean());
                assertEquals(300, r.path("completion_tokens").asInt(), "ignore_eos past the model's own end: " + r);
            }
            JsonNode result = ResultFilesInDir.JSON.readTree(ResultFilesInDir.onlyFinalResultFile(results.resolve("out")).toFile());
            assertEquals("1", result.path("options").path("prompt.seed").asText(), "the seed is recorded: " + result.path("options"));
            JsonNode row = result.path("results").get(0).path("runs").get(0).path("requests").get(0);
            assertEquals(1000, row.path("target_prompt_tokens").asInt(), row.toString());
        }
    }

    @Test
    void drawnLengthsWithSharedPrefixesComeOutAtTheirTargetsInConcurrent(@TempDir Path results) throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            Map<String, String> props = new HashMap<>();
            props.put("target.url", server.baseUrl());
            props.put("concurrency.levels", "2");
            props.put("concurrency.requests", "8");
            props.put("prompt.tokens", "uniform:300..700");
            props.put("prompt.prefix.tokens", "200");
            props.put("prompt.prefix.groups", "2");
            props.put("prompt.seed", "5");
            props.put("max.tokens", "16");
            props.put("results.dir", results.resolve("out").toString());
            GatlingProcess.Outcome run = GatlingProcess.run("ConcurrentSimulation", props, results.resolve("gatling.log"), 240);
            assertEquals(0, run.exitCode(), run.output());
            List<JsonNode> lines = measuredLines(results.resolve("out"));
            assertEquals(8, lines.size());
            java.util.Set<Integer> targets = new java.util.HashSet<>();
            for (JsonNode r : lines) {
                int target = r.path("target_prompt_tokens").asInt();
                targets.add(target);
                assertTrue(target >= 300 && target <= 700, r.toString());
                assertTrue(Math.abs(r.path("prompt_tokens").asInt() - target) <= 1, r.toString());
                assertFalse(r.path("output_forced").asBoolean());
            }
            assertTrue(targets.size() > 1, "lengths are drawn: " + targets);
        }
    }

    @Test
    void promptTokensAgainstTheLlamaEngineComeOutExactToo(@TempDir Path results) throws Exception {
        Path model = llmbench.llama.TestModel.file();
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--engine=llama")
                .withModelFile(model.toString()).withFlags("--parallel=4", "--threads=2"))) {
            Map<String, String> props = batch(server.baseUrl(), results);
            props.put("prompt.tokens", "300");
            props.put("max.tokens", "32");
            GatlingProcess.Outcome run = GatlingProcess.run("BatchSimulation", props, results.resolve("gatling.log"), 300);
            assertEquals(0, run.exitCode(), run.output());
            List<JsonNode> lines = measuredLines(results.resolve("out"));
            assertEquals(1 + 3, lines.size());
            for (JsonNode r : lines) {
                assertEquals(300, r.path("target_prompt_tokens").asInt(), r.toString());
                assertTrue(Math.abs(r.path("prompt_tokens").asInt() - 300) <= 1, r.toString());
            }
        }
    }

    @Test
    void aDatasetFeedsItsRecordsInFileOrder(@TempDir Path results) throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            Map<String, String> props = batch(server.baseUrl(), results);
            props.put("dataset.file", "simulations-data/datasets/chat.jsonl");
            props.put("max.tokens", "16");
            GatlingProcess.Outcome run = GatlingProcess.run("BatchSimulation", props, results.resolve("gatling.log"), 240);
            assertEquals(0, run.exitCode(), run.output());
            for (JsonNode r : measuredLines(results.resolve("out"))) {
                assertTrue(r.path("target_prompt_tokens").isNull(), "a dataset prompt has no target: " + r);
                assertEquals(16, r.path("target_max_tokens").asInt());
                assertTrue(r.path("prompt_tokens").asInt() > 0);
            }
        }
    }

    /** One line, status 3, no result file: the run never started. */
    private static void refused(String simulation, Map<String, String> props, String lineStart, Path results)
            throws Exception {
        props.put("results.dir", results.resolve("out").toString());
        GatlingProcess.Outcome run = GatlingProcess.run(simulation, props, results.resolve("gatling.log"), 180);
        assertEquals(Fatal.BAD_INPUT_EXIT, run.exitCode(), run.output());
        List<String> ours = run.output().lines().filter(l -> l.startsWith("gatling-llm-bench:")).toList();
        assertEquals(1, ours.size(), run.output());
        assertTrue(ours.get(0).startsWith("gatling-llm-bench: error: " + lineStart), ours.get(0));
        assertTrue(!Files.exists(results.resolve("out")) || Files.list(results.resolve("out")).findAny().isEmpty(),
                "nothing written");
    }

    @Test
    void promptTokensBeyondTheServersLimitAreRefusedWithThatLimit(@TempDir Path results) throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            Map<String, String> props = batch(server.baseUrl(), results);
            props.put("prompt.tokens", "uniform:1000..40000");
            refused("BatchSimulation", props, "prompt.tokens=uniform:1000..40000: request ", results);
            String out = Files.readString(results.resolve("gatling.log"));
            assertTrue(out.contains("exceed the server's limit of 32768 tokens (max_prompt_tokens in /health)"), out);
        }
    }

    @Test
    void aBadDatasetLineIsRefusedWithItsNumberBeforeAnythingStarts(@TempDir Path results) throws Exception {
        Path bad = results.resolve("bad.jsonl");
        Files.writeString(bad, "{\"messages\": [{\"role\": \"user\", \"content\": \"fine\"}]}\n{\"messages\": 7}\n");
        Map<String, String> props = new HashMap<>();
        props.put("dataset.file", bad.toString());
        refused("ConcurrentSimulation", props, "dataset.file " + bad + " line 2: expected", results);
    }

    @Test
    void anUnknownDistributionIsRefusedBeforeAnythingStarts(@TempDir Path results) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("prompt.tokens", "poisson:300");
        refused("BatchSimulation", props, "prompt.tokens 'poisson:300': unknown distribution 'poisson'", results);
    }
}
