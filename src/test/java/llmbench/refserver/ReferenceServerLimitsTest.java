package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;

/** Black-box: concurrency limit, API key, stream and request timeouts, with the seed's envelopes. */
class ReferenceServerLimitsTest {

    private static String completion(String prompt, int maxTokens, boolean stream) {
        return "{\"prompt\":\"" + prompt + "\",\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
                + ",\"stream_options\":{\"include_usage\":true}}";
    }

    private static void awaitActive(RefClient client, int n) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (RefClient.json(client.get("/health").body()).at("/cache_stats/active_sequences").asInt() == n) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("never " + n + " active sequences");
    }

    @Test
    void aRequestBeyondTheConcurrencyLimitGets429UntilAPermitIsFree() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--max-concurrent-requests=1"))) {
            RefClient client = new RefClient(server.baseUrl());
            CompletableFuture<RefClient.Sse> first = CompletableFuture.supplyAsync(
                    () -> client.stream("/v1/completions", completion(" hello", 40, true)));
            awaitActive(client, 1);
            HttpResponse<String> refused = client.post("/v1/completions", completion(" hello", 1, false));
            assertEquals(429, refused.statusCode());
            assertEquals("{\"error\":{\"message\":\"Server is at capacity, please retry later\","
                    + "\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\"}}", refused.body());
            assertEquals(200, client.get("/v1/models").statusCode(), "models bypasses the limiter");
            assertEquals(429, client.get("/v1/spec_decode/metrics").statusCode(), "spec metrics does not");
            assertEquals(40, first.get().contentEvents().size(), "the streaming request held its permit to the end");
            assertEquals(200, client.post("/v1/completions", completion(" hello", 1, false)).statusCode());
        }
    }

    @Test
    void anApiKeyGuardsTheV1RoutesWithTheSeedsTwoMessages() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny",
                "--api-key=  sekret "))) {
            RefClient client = new RefClient(server.baseUrl());
            String missing = "{\"error\":{\"message\":\"Missing or invalid Authorization header\","
                    + "\"type\":\"authentication_error\",\"code\":\"invalid_api_key\"}}";
            String wrong = "{\"error\":{\"message\":\"Invalid API key\",\"type\":\"authentication_error\","
                    + "\"code\":\"invalid_api_key\"}}";
            HttpResponse<String> none = client.post("/v1/completions", completion(" hi", 1, false));
            assertEquals(401, none.statusCode());
            assertEquals(missing, none.body());
            assertEquals(missing, withAuth(client, server, "/v1/models", "Basic c2VrcmV0").body());
            HttpResponse<String> bad = withAuth(client, server, "/v1/models", "Bearer other");
            assertEquals(401, bad.statusCode());
            assertEquals(wrong, bad.body());
            assertEquals(200, withAuth(client, server, "/v1/models", "Bearer sekret").statusCode());
            assertEquals(401, client.get("/v1/nothing-here").statusCode(), "checked before routing");
            for (String open : List.of("/health", "/livez", "/readyz", "/metrics")) {
                assertEquals(200, client.get(open).statusCode(), open);
            }
        }
    }

    private static HttpResponse<String> withAuth(RefClient client, ReferenceServer server, String path, String auth) {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", auth)
                .GET().build());
    }

    @Test
    void aQueuedStreamEndsInBandAfterTheFirstTokenTimeout() throws Exception {
        // batch of one: the second request waits behind 60 tokens (~0.67 s) and gives up after 0.2 s
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--max-batch-size=1",
                "--first-token-timeout-s=0.2"))) {
            RefClient client = new RefClient(server.baseUrl());
            CompletableFuture<HttpResponse<String>> busy = CompletableFuture.supplyAsync(
                    () -> client.post("/v1/completions", completion(" hello", 60, false)));
            awaitActive(client, 1);
            RefClient.Sse late = client.stream("/v1/completions", completion(" hello", 5, true));
            assertEquals(List.of("{\"error\": {\"message\": \"Stream timeout: no tokens received for 0.2 seconds\", "
                    + "\"type\": \"server_error\"}}"), late.data().subList(0, 1));
            assertEquals(0, late.events().get(1).at("/usage/completion_tokens").asInt());
            assertEquals("[DONE]", late.data().get(2));
            assertEquals(3, late.data().size());
            assertEquals(200, busy.get().statusCode());
            assertTrue(server.groundTruth().stream().anyMatch(t -> t.finishReason().equals("timeout")));
        }
    }

    @Test
    void aStreamStalledBetweenTokensEndsAfterTheRequestTimeout() throws Exception {
        // time scale 10: decode steps of 112 ms; a 600-token prompt joining makes a step of 624 ms > 0.3 s
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--time-scale=10",
                "--request-timeout-s=0.3"))) {
            RefClient client = new RefClient(server.baseUrl());
            CompletableFuture<RefClient.Sse> stalled = CompletableFuture.supplyAsync(
                    () -> client.stream("/v1/completions", completion(" hello", 30, true)));
            Thread.sleep(350);
            client.post("/v1/completions", completion(" lorem ipsum dolor".repeat(200), 1, false));
            RefClient.Sse sse = stalled.get();
            List<String> data = sse.data();
            assertTrue(sse.contentEvents().size() >= 1 && sse.contentEvents().size() < 30, data.toString());
            assertEquals("{\"error\": {\"message\": \"Stream timeout: no tokens received for 0.3 seconds\", "
                    + "\"type\": \"server_error\"}}", data.get(data.size() - 3));
            assertEquals(sse.contentEvents().size(), RefClient.json(data.get(data.size() - 2))
                    .at("/usage/completion_tokens").asInt());
        }
    }

    @Test
    void aNonStreamingRequestGets504AfterTheLargerTimeout() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--max-batch-size=1",
                "--first-token-timeout-s=0.1", "--request-timeout-s=0.2"))) {
            RefClient client = new RefClient(server.baseUrl());
            // the busy request streams: its tokens come every 11 ms, so only the waiting one times out
            CompletableFuture<RefClient.Sse> busy = CompletableFuture.supplyAsync(
                    () -> client.stream("/v1/completions", completion(" hello", 60, true)));
            awaitActive(client, 1);
            long t0 = System.nanoTime();
            HttpResponse<String> res = client.post("/v1/completions", completion(" hello", 5, false));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(504, res.statusCode());
            assertEquals("{\"error\":{\"message\":\"Request timed out\",\"type\":\"server_error\",\"code\":\"504\"}}",
                    res.body());
            assertTrue(ms >= 190 && ms < 600, ms + " ms");
            assertEquals(60, busy.get().contentEvents().size());
        }
    }
}
