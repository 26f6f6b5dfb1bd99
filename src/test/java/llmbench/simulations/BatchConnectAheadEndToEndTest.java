package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BatchSimulation opens each user's connection before the batch's send instant: every measured streaming
 * request must arrive on a connection that already carried that user's {@code GET /v1/models}, so no TCP
 * connect happens inside the burst. The stub server tells connections apart by the client's port.
 */
class BatchConnectAheadEndToEndTest {
    private static final int K = 6;

    @Test
    void everyBatchRequestLeavesOnAConnectionOpenedAhead(@TempDir Path results) throws Exception {
        List<StubChatServer.Arrival> arrivals;
        try (StubChatServer server = new StubChatServer(2 * K + 2)) {
            GatlingProcess.Outcome run = GatlingProcess.run("BatchSimulation", Map.of(
                    "target.url", server.url(), "target.model", "stub-model", "batch.sizes", String.valueOf(K),
                    "batch.runs", "1", "batch.connect.ahead", "true", "warmup.requests", "0", "max.tokens", "4",
                    "results.dir", results.toString()), results.resolve("gatling.log"), 180);
            assertEquals(0, run.exitCode(), run.output());
            arrivals = server.arrivals();
        }
        Set<Integer> opened = new HashSet<>();
        int posts = 0;
        for (StubChatServer.Arrival a : arrivals) {
            if (a.request().equals("GET /v1/models")) {
                opened.add(a.clientPort());
            } else if (a.request().equals("POST /v1/chat/completions")) {
                posts++;
                assertTrue(opened.contains(a.clientPort()), "POST on port " + a.clientPort() + " without a GET before it: "
                        + arrivals);
            }
        }
        assertEquals(K, posts, arrivals.toString());
    }
}
