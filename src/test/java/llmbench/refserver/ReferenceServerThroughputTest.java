package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import llmbench.refserver.groundtruth.GroundTruth;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Black-box timing under the tiny profile (a = 0.8 ms, b = 0.32 ms, c = 0.01 ms/token):
 * one stream decodes a token every a + b = 1.12 ms (893 tok/s); four decode together every
 * a + 4b = 2.08 ms, i.e. 4 / 2.08 ms = 1923 tok/s in aggregate.
 */
class ReferenceServerThroughputTest {
    private static final int TOKENS = 150;   // below the generator's 200-token EOS floor: always "length"
    private static ReferenceServer server;
    private static RefClient client;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"));
        client = new RefClient(server.baseUrl());
        runConcurrently(2); // warm up JIT and connections
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Aggregate decode tok/s seen by the client: all content chunks over first-to-last arrival. */
    private static double runConcurrently(int k) {
        List<CompletableFuture<RefClient.Sse>> futures = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String body = "{\"prompt\":\"Stream number " + i + " about travel\",\"max_tokens\":" + TOKENS + ",\"stream\":true}";
            futures.add(CompletableFuture.supplyAsync(() -> client.stream("/v1/completions", body)));
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int tokens = 0;
        for (CompletableFuture<RefClient.Sse> f : futures) {
            RefClient.Sse sse = f.join();
            assertEquals(TOKENS, sse.contentEvents().size());
            first = Math.min(first, sse.arrivalUs().get(0));
            last = Math.max(last, sse.arrivalUs().get(sse.arrivalUs().size() - 2)); // last chunk before [DONE]
            tokens += TOKENS;
        }
        return (tokens - k) * 1e6 / (last - first);
    }

    @Test
    void aggregateDecodeThroughputAtFourStreamsExceedsOneStream() {
        double one = runConcurrently(1);
        double four = runConcurrently(4);
        assertTrue(four > 1.4 * one, "k=4 " + four + " tok/s vs k=1 " + one + " tok/s (model: 1923 vs 893)");
    }

    @Test
    void singleStreamTokenIntervalFollowsTheProfile() {
        String body = "{\"prompt\":\"Timing check\",\"max_tokens\":" + TOKENS + ",\"stream\":true}";
        String id = client.stream("/v1/completions", body).events().get(0).get("id").asText();
        GroundTruth t = server.groundTruth().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
        double meanIntervalMs = (t.lastChunkWrittenEpochUs() - t.firstContentWrittenEpochUs()) / 1000.0 / (TOKENS - 1);
        // The model's a + b = 1.12 ms is a floor: steps run on real time, so a busy machine only stretches them.
        assertTrue(meanIntervalMs >= 1.12 - 0.05 && meanIntervalMs <= 1.12 * 1.5,
                "mean inter-token interval " + meanIntervalMs + " ms, model a + b = 1.12 ms");
    }
}
