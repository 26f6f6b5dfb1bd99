package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 256 streams that all end within the same few milliseconds: the burst of records the request log must store
 * while the run is ending. Every request sent must be in the result and in the requests file (a run once
 * reported 182 of 256 as the whole), and the run must not wait out a timeout to get there.
 */
class NoRequestLostAtScaleEndToEndTest {
    private static final int STREAMS = 256;

    @Test
    void everyOneOf256SimultaneousStreamsIsInTheResultAndTheRequestsFile(@TempDir Path results) throws Exception {
        ReferenceServerConfig config = ReferenceServerConfig.defaults()
                .withFlags("--profile=simulations-data/profiles/wide.json", "--max-queue-size=4096");
        try (ReferenceServer server = ReferenceServer.start(config)) {
            Map<String, String> props = Map.of(
                    "target.url", server.baseUrl(),
                    "batch.sizes", String.valueOf(STREAMS),
                    "batch.runs", "1",
                    "max.tokens", "48",
                    // the passages repeat: 256 unique ~700-token prompts would not fit the server's KV pool (503),
                    // and this test is about records, not prefill
                    "cache.bust", "false",
                    "results.dir", results.toString());
            long started = System.nanoTime();
            GatlingProcess.Outcome run = GatlingProcess.run("BatchSimulation", props, results.resolve("gatling.log"), 300);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals(0, run.exitCode(), run.output());
            assertFalse(run.output().contains("could not be"), run.output());

            JsonNode requests = ResultFilesInDir.JSON.readTree(ResultFilesInDir.onlyFinalResultFile(results).toFile())
                    .path("requests");
            assertEquals(STREAMS + 1, requests.path("sent").asInt(), requests.toPrettyString());   // one warm-up
            assertEquals(STREAMS, requests.path("measured").asInt(), requests.toPrettyString());
            assertEquals(STREAMS, requests.path("successful").asInt(), requests.toPrettyString());
            assertEquals(1, requests.path("warmup_excluded").asInt(), requests.toPrettyString());
            assertEquals(0, requests.path("lost").asInt(), requests.toPrettyString());
            assertTrue(requests.path("lost_reasons").isEmpty(), requests.toPrettyString());
            assertEquals(STREAMS + 1, requestLines(results), "lines in the requests file");
            // The lost-records bug waited 30 s for a deadlocked writer before writing a short result.
            assertTrue(seconds < 30, "the run took " + seconds + " s");
        }
    }

    private static long requestLines(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jsonl = files.filter(f -> f.toString().endsWith("_requests.jsonl")).toList();
            assertEquals(1, jsonl.size(), jsonl.toString());
            try (Stream<String> lines = Files.lines(jsonl.get(0))) {
                return lines.filter(l -> !l.isBlank()).count();
            }
        }
    }
}
