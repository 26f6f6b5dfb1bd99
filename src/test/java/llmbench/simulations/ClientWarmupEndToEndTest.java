package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's loopback warm-up runs its streams inside the Gatling JVM and sends nothing to the target: the
 * target sees exactly the warm-up request and the batch's requests, the result counts only those, and the
 * console says how many loopback streams completed (two waves here: 128 + 72).
 */
class ClientWarmupEndToEndTest {
    private static final int K = 3;
    private static final int LOOPBACK = 200;

    @Test
    void loopbackStreamsCompleteAndNoneReachesTheTarget(@TempDir Path results) throws Exception {
        List<StubChatServer.Arrival> arrivals;
        GatlingProcess.Outcome run;
        try (StubChatServer server = new StubChatServer(K + 2)) {
            run = GatlingProcess.run("BatchSimulation", Map.of(
                    "target.url", server.url(), "target.model", "stub-model", "batch.sizes", String.valueOf(K),
                    "batch.runs", "1", "warmup.requests", "1", "max.tokens", "4",
                    "warmup.client.streams", String.valueOf(LOOPBACK), "results.dir", results.toString()),
                    results.resolve("gatling.log"), 180);
            arrivals = server.arrivals();
        }
        assertEquals(0, run.exitCode(), run.output());
        long posts = arrivals.stream().filter(a -> a.request().startsWith("POST")).count();
        assertEquals(1 + K, posts, "the target got only the warm-up request and the batch: " + arrivals);
        assertTrue(run.output().contains("client warm-up: " + LOOPBACK + " of " + LOOPBACK
                + " loopback streams complete"), run.output());
        assertFalse(run.output().contains("first failure"), run.output());

        JsonNode result = ResultFilesInDir.JSON.readTree(ResultFilesInDir.onlyFinalResultFile(results).toFile());
        assertEquals(1 + K, result.at("/requests/sent").asInt(), result.toPrettyString());
        assertEquals(K, result.at("/requests/measured").asInt(), result.toPrettyString());
        Map<String, JsonNode> lines = ResultFilesInDir.requestLinesByResponseId(results);
        assertEquals(1 + K, lines.size(), lines.keySet().toString());
        assertTrue(lines.keySet().stream().noneMatch(id -> id.contains("loopback")), lines.keySet().toString());
    }
}
