package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import llmbench.process.ChildProcess;
import llmbench.refserver.ReferenceServerMain;
import llmbench.refserver.fault.FaultKind;
import llmbench.refserver.fault.FaultPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that used to end in "BUILD SUCCESS" although they measured nothing, or not to the end. */
class WrongRunsEndToEndTest {
    /** LateExit's statuses (package-private there). */
    private static final int FAILED_REQUESTS_EXIT = 5;
    private static final int TARGET_LOST_EXIT = 6;

    @Test
    void aServerThatIsNoLlmServerEndsTheRunNonZeroWithOneLine(@TempDir Path dir) throws Exception {
        HttpServer notLlm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        notLlm.createContext("/", exchange -> {
            byte[] body = "Not Implemented".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(501, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        notLlm.start();
        try {
            Map<String, String> props = new HashMap<>();
            props.put("target.url", "http://127.0.0.1:" + notLlm.getAddress().getPort());
            props.put("target.model", "some-model");
            props.put("batch.sizes", "1,2");
            props.put("batch.runs", "1");
            props.put("batch.pause.k.s", "0");
            props.put("results.dir", dir.resolve("out").toString());
            GatlingProcess.Outcome run = GatlingProcess.run("BatchSimulation", props, dir.resolve("gatling.log"), 240);
            assertEquals(FAILED_REQUESTS_EXIT, run.exitCode(), run.output());
            List<String> errors = run.output().lines().filter(l -> l.startsWith("gatling-llm-bench: error:")).toList();
            assertEquals(1, errors.size(), run.output());
            assertTrue(errors.get(0).startsWith("gatling-llm-bench: error: all 3 measured requests failed; HTTP 501"),
                    errors.get(0));
            List<String> lines = run.output().strip().lines().toList();
            assertEquals(errors.get(0), lines.get(lines.size() - 1), "our line is the last");
            JsonNode result = ResultFilesInDir.onlyResult(dir.resolve("out"), "bench_batch_");
            assertTrue(result.path("requests").path("all_failed").asBoolean(), result.path("requests").toString());
        } finally {
            notLlm.stop(0);
        }
    }

    /**
     * The server (a separate process) halts itself at a seeded request: the run keeps what it measured in its
     * partial file, writes no final result, and ends non-zero with one line naming the partial file.
     */
    @Test
    void aServerKilledMidRunLeavesThePartialFileAndANonZeroExit(@TempDir Path dir) throws Exception {
        double rate = 0.2;
        long seed = 0;
        int killAt = -1;
        while (killAt < 3 || killAt > 6) { // request 0 is the warm-up; 2..5 measured requests before the kill
            seed++;
            FaultPlan plan = new FaultPlan(rate, List.of(FaultKind.KILL), seed);
            killAt = 0;
            while (plan.next() == null) {
                killAt++;
            }
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReferenceServerMain.class.getName(), "--port", "0",
                "--profile", "tiny", "--fault-rate", Double.toString(rate), "--fault-kinds", "kill",
                "--fault-seed", Long.toString(seed)));
        Process server = new ProcessBuilder(cmd).redirectError(dir.resolve("server.err").toFile()).start();
        try {
            Matcher url = ChildProcess.awaitLine(server, Pattern.compile("listening on (http://\\S+)"),
                    Duration.ofSeconds(60), "server-out");
            assertNotNull(url, "the server printed no URL");
            Map<String, String> props = new HashMap<>();
            props.put("target.url", url.group(1));
            props.put("concurrency.levels", "1");
            props.put("concurrency.requests", "10");
            props.put("max.tokens", "16");
            props.put("results.dir", dir.resolve("out").toString());
            GatlingProcess.Outcome run = GatlingProcess.run("ConcurrentSimulation", props, dir.resolve("gatling.log"), 240);
            assertTrue(ChildProcess.awaitExit(server, Duration.ofSeconds(10)), "the server halted");
            assertEquals(137, server.exitValue());
            assertTrue(Files.readString(dir.resolve("server.err")).contains("injected fault kill"));

            assertEquals(TARGET_LOST_EXIT, run.exitCode(), run.output());
            List<String> lines = run.output().strip().lines().toList();
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("gatling-llm-bench: error: target " + url.group(1) + " stopped answering during the run"),
                    last);
            assertEquals(1, lines.stream().filter(l -> l.startsWith("gatling-llm-bench: error:")).count(), run.output());
            List<Path> json;
            try (Stream<Path> files = Files.list(dir.resolve("out"))) {
                json = files.filter(p -> p.toString().endsWith(".json")).toList();
            }
            assertEquals(1, json.size(), json.toString());
            assertTrue(json.get(0).toString().endsWith("_partial.json"), json.toString());
            JsonNode partial = ResultFilesInDir.JSON.readTree(json.get(0).toFile());
            assertTrue(partial.path("partial").asBoolean());
            assertTrue(partial.path("error").asText().contains("stopped answering"), partial.path("error").toString());
            JsonNode req = partial.path("requests");
            assertEquals(0, req.path("lost").asLong(), req.toString());
            assertEquals(10 + 1, req.path("sent").asLong(), req.toString());
            assertEquals(killAt - 1, req.path("successful").asInt(), "measured before the kill: " + req);
            assertFalse(req.path("all_failed").asBoolean());
        } finally {
            ChildProcess.kill(server);
        }
    }
}
