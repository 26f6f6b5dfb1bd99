package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ApiComprehensiveSimulation passes on the reference server and fails, naming the checks, on a broken stub. */
class ApiComprehensiveSimulationEndToEndTest {

    /**
     * Every API check passes on the reference server, multiturn_conversation (the model's copy mechanism
     * brings the name back) and stop_sequences (its prose breaks into paragraphs) included.
     */
    @Test
    void everyApiCheckPassesOnTheReferenceServer(@TempDir Path results) throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            GatlingProcess.Outcome run = GatlingProcess.run("ApiComprehensiveSimulation",
                    Map.of("target.url", server.baseUrl(), "results.dir", results.resolve("out").toString()),
                    results.resolve("gatling.log"), 240);
            JsonNode result = ResultFilesInDir.onlyResult(results.resolve("out"), "bench_api_baseline_");
            assertEquals("api_comprehensive", result.path("benchmark").asText());
            for (JsonNode c : result.path("checks")) {
                assertTrue(c.path("passed").asBoolean(), c.toString());
            }
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("gatling-llm-bench: SUMMARY: 7/7 passed"), run.output());
            for (JsonNode r : result.path("results")) {
                if (r.path("ttft_s").isNumber()) {
                    ResultFilesInDir.hasFivePositiveMetrics(r);
                }
            }
            ResultFilesInDir.itlDistributionHoldsEveryGap(result, result.path("results"));
        }
    }

    @Test
    void aBrokenTargetFailsTheRunAndTheReportNamesTheFailedChecks(@TempDir Path results) throws Exception {
        HttpServer stub = brokenStub();
        try {
            String url = "http://127.0.0.1:" + stub.getAddress().getPort();
            Map<String, String> props = new HashMap<>();
            props.put("target.url", url);
            props.put("results.dir", results.resolve("out").toString());
            GatlingProcess.Outcome run = GatlingProcess.run("ApiComprehensiveSimulation", props,
                    results.resolve("gatling.log"), 240);
            assertNotEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("[FAIL] completions_endpoint (") && run.output().contains("completions_endpoint: HTTP 404"), run.output());
            assertTrue(run.output().contains("[FAIL] stop_sequences") && run.output().contains("finish_reason is length, not stop"), run.output());
            assertTrue(run.output().contains("[PASS] streaming_chat"), run.output());

            Path out = results.resolve("out");
            try (Stream<Path> files = Files.list(out)) {
                Path report = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
                JsonNode result = ResultFilesInDir.JSON.readTree(report.toFile());
                Map<String, JsonNode> checks = new HashMap<>();
                result.path("checks").forEach(c -> checks.put(c.path("name").asText(), c));
                assertTrue(checks.get("streaming_chat").path("passed").asBoolean(), checks.toString());
                assertFalse(checks.get("completions_endpoint").path("passed").asBoolean());
                assertFalse(checks.get("streaming_completions").path("passed").asBoolean());
                assertTrue(checks.get("streaming_completions").path("reasons").get(0).asText().contains("HTTP 404"),
                        checks.get("streaming_completions").toString());
                assertFalse(checks.get("large_token_generation").path("passed").asBoolean());
                assertFalse(result.path("summary").path("all_passed").asBoolean());
            }
        } finally {
            stub.stop(0);
        }
    }

    /**
     * A target that streams chat well but has no /v1/completions, ignores stop sequences and stops every reply
     * at 5 tokens with finish_reason "length".
     */
    private static HttpServer brokenStub() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/v1/models", ex -> send(ex, 200, "application/json",
                "{\"object\":\"list\",\"data\":[{\"id\":\"stub\",\"object\":\"model\"}]}"));
        s.createContext("/health", ex -> send(ex, 200, "application/json", "{\"status\":\"ok\"}"));
        s.createContext("/", ex -> send(ex, 404, "application/json", "{\"detail\":\"Not Found\"}"));
        s.createContext("/v1/chat/completions", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("\"stream\":true")) {
                StringBuilder sse = new StringBuilder();
                String head = "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"model\":\"stub\",\"choices\":";
                sse.append("data: ").append(head).append("[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}\n\n");
                for (String piece : new String[] {"Four", ".", " Alice"}) {
                    sse.append("data: ").append(head).append("[{\"index\":0,\"delta\":{\"content\":\"").append(piece)
                            .append("\"},\"finish_reason\":").append(piece.equals(" Alice") ? "\"length\"" : "null").append("}]}\n\n");
                }
                sse.append("data: ").append(head).append("[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}\n\n");
                sse.append("data: [DONE]\n\n");
                send(ex, 200, "text/event-stream", sse.toString());
            } else {
                send(ex, 200, "application/json", "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"model\":\"stub\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"1\\n2\\n3 Alice\"},"
                        + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":5,\"total_tokens\":14}}");
            }
        });
        s.start();
        return s;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }
}
