package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Black-box: every error status with the seed's envelope, type, code and message. */
class ReferenceServerErrorsTest {
    private static ReferenceServer server;
    private static RefClient client;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny",
                "--max-prompt-tokens=50", "--max-request-bytes=2000", "--max-batch-size=1", "--max-queue-size=1"));
        client = new RefClient(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertEnvelope(HttpResponse<String> res, int status, String type, String code, String message) {
        assertEquals(status, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode error = RefClient.json(res.body()).get("error");
        assertEquals(message, error.get("message").asText());
        assertEquals(type, error.get("type").asText());
        assertEquals(code, error.get("code").asText());
    }

    @Test
    void modelMismatchIs400() {
        assertEnvelope(client.post("/v1/chat/completions", "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                400, "invalid_request_error", "400", "Model mismatch: requested 'gpt-x' but server loaded 'reference-model'");
    }

    @Test
    void emptyPromptIs400() {
        assertEnvelope(client.post("/v1/completions", "{\"prompt\":\"\"}"),
                400, "invalid_request_error", "400", "Prompt must not be empty");
    }

    @Test
    void promptLongerThanTheLimitIs400() {
        // 60 × " word" = 60 tokens > 50
        String prompt = " word".repeat(60);
        assertEnvelope(client.post("/v1/completions", "{\"prompt\":\"" + prompt + "\"}"),
                400, "invalid_request_error", "400", "Prompt too long: 60 tokens exceeds maximum of 50");
    }

    @Test
    void maxTokensBelowOneIs400() {
        assertEnvelope(client.post("/v1/completions", "{\"prompt\":\"hello\",\"max_tokens\":0}"),
                400, "invalid_request_error", "400", "max_tokens must be at least 1");
    }

    @Test
    void missingMessagesIs422WithPydanticStyleMessage() {
        assertEnvelope(client.post("/v1/chat/completions", "{\"model\":\"reference-model\"}"),
                422, "invalid_request_error", "validation_error", "body -> messages: Field required");
    }

    @Test
    void emptyMessagesAndNAbove1And422() {
        assertEnvelope(client.post("/v1/chat/completions", "{\"messages\":[]}"),
                422, "invalid_request_error", "validation_error", "body -> messages: Value error, messages must not be empty");
        assertEnvelope(client.post("/v1/completions", "{\"prompt\":\"x\",\"n\":2}"),
                422, "invalid_request_error", "validation_error", "body -> n: Value error, n > 1 is not supported; only n=1 is allowed");
    }

    @Test
    void malformedJsonIs422() {
        HttpResponse<String> res = client.post("/v1/completions", "{\"prompt\": ");
        assertEquals(422, res.statusCode());
        assertTrue(RefClient.json(res.body()).at("/error/message").asText().endsWith("JSON decode error"));
    }

    @Test
    void bodyLargerThanTheLimitIs413() {
        String body = "{\"prompt\":\"" + "x".repeat(3000) + "\"}";
        assertEnvelope(client.post("/v1/completions", body), 413, "invalid_request_error", "request_too_large",
                "Request body too large (max 2000 bytes)");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithDetailBody() {
        HttpResponse<String> notFound = client.get("/v2/nothing");
        assertEquals(404, notFound.statusCode());
        assertEquals("{\"detail\":\"Not Found\"}", notFound.body());
        HttpResponse<String> wrongMethod = client.get("/v1/chat/completions");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("{\"detail\":\"Method Not Allowed\"}", wrongMethod.body());
        HttpResponse<String> postHealth = client.post("/health", "{}");
        assertEquals(405, postHealth.statusCode());
    }

    @Test
    void fullWaitingQueueIs429() throws Exception {
        // Batch size 1, queue size 1: a long stream occupies the batch, a second request waits, a third is refused.
        CompletableFuture<RefClient.Sse> running = CompletableFuture.supplyAsync(() ->
                client.stream("/v1/completions", "{\"prompt\":\"a long one\",\"max_tokens\":150,\"stream\":true}"));
        waitUntil(() -> server.stats().activeSequences() == 1);
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() ->
                client.post("/v1/completions", "{\"prompt\":\"next\",\"max_tokens\":2}"));
        waitUntil(() -> server.stats().queuedRequests() == 1);
        assertEnvelope(client.post("/v1/completions", "{\"prompt\":\"third\",\"max_tokens\":2}"),
                429, "invalid_request_error", "429", "Request queue is full (max_size=1)");
        assertEquals(200, waiting.get().statusCode());
        assertEquals(150, running.get().contentEvents().size()); // below the 200-token EOS floor
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 5 s");
            }
            Thread.sleep(1);
        }
    }
}
