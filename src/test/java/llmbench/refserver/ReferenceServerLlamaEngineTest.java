package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import llmbench.llama.TestModel;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference server with {@code --engine llama} on the test model, through real HTTP: the simulated
 * engine's wire format, llama.cpp's timings, stop strings, and parallel slots, on the project's test model
 * ({@link TestModel}).
 */
class ReferenceServerLlamaEngineTest {
    private static ReferenceServer server;
    private static RefClient client;

    @BeforeAll
    static void start() {
        Path model = TestModel.file();
        server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--engine=llama")
                .withModelFile(model.toString()).withFlags("--parallel=4", "--ctx-size=2048", "--threads=2"));
        client = new RefClient(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String chat(String content, int maxTokens, boolean stream, String extra) {
        return "{\"messages\": [{\"role\": \"user\", \"content\": \"" + content + "\"}], \"max_tokens\": " + maxTokens
                + ", \"temperature\": 0, \"stream\": " + stream
                + (stream ? ", \"stream_options\": {\"include_usage\": true}" : "") + extra + "}";
    }

    @Test
    void modelIdIsTheFileNameWithoutGgufAndHealthNamesTheEngine() {
        JsonNode models = RefClient.json(client.get("/v1/models").body());
        assertEquals("stories260K", models.path("data").get(0).path("id").asText());
        JsonNode health = RefClient.json(client.get("/health").body());
        assertEquals("llama", health.path("engine").path("name").asText());
        assertEquals(4, health.path("engine").path("parallel_slots").asInt());
    }

    @Test
    void streamingChatSendsRoleChunkThenOneChunkPerPieceThenUsageWithoutChoicesThenDone() {
        RefClient.Sse sse = client.stream("/v1/chat/completions", chat("Tell me a story.", 24, true, ""));
        assertEquals(200, sse.response().statusCode());
        List<String> data = sse.data();
        assertEquals("[DONE]", data.get(data.size() - 1));
        List<JsonNode> events = sse.events();
        JsonNode role = events.get(0).path("choices").get(0);
        assertEquals("assistant", role.path("delta").path("role").asText());
        assertFalse(role.path("delta").has("content"), "the first chunk carries the role only");

        JsonNode usage = events.get(events.size() - 1);
        assertTrue(usage.path("choices").isArray() && usage.path("choices").isEmpty(), usage.toString());
        int completion = usage.path("usage").path("completion_tokens").asInt();
        assertEquals(24, completion, "greedy decoding of a story runs to max_tokens");
        assertTrue(usage.path("usage").path("prompt_tokens").asInt() > 3);
        assertEquals(completion, usage.path("timings").path("predicted_n").asInt(), usage.toString());

        List<JsonNode> content = events.subList(1, events.size() - 1);
        JsonNode last = content.get(content.size() - 1);
        assertEquals("length", last.path("choices").get(0).path("finish_reason").asText());
        assertTrue(last.path("timings").path("predicted_ms").asDouble() > 0, last.toString());
        long pieces = content.stream().filter(e -> !RefClient.Sse.textOf(e).isEmpty()).count();
        // one chunk per released piece: a piece is one token unless a possible stop string held text back
        assertTrue(pieces >= completion - 2 && pieces <= completion, pieces + " pieces for " + completion + " tokens");
        for (JsonNode e : content.subList(0, content.size() - 1)) {
            assertTrue(e.path("choices").get(0).path("finish_reason").isNull(), e.toString());
        }
        assertFalse(sse.text().isBlank());
    }

    @Test
    void nonStreamingAnswerCarriesTheEnginesTimings() {
        JsonNode r = RefClient.json(client.post("/v1/chat/completions", chat("Once upon a time", 16, false, "")).body());
        assertEquals("chat.completion", r.path("object").asText());
        assertEquals("length", r.path("choices").get(0).path("finish_reason").asText());
        JsonNode t = r.path("timings");
        for (String f : List.of("prompt_n", "prompt_ms", "prompt_per_second", "predicted_n", "predicted_ms",
                "predicted_per_second", "cache_n")) {
            assertTrue(t.path(f).isNumber(), "timings." + f + " in " + r);
        }
        assertEquals(16, t.path("predicted_n").asInt());
        assertEquals(r.path("usage").path("completion_tokens").asInt(), t.path("predicted_n").asInt());
        assertEquals(r.path("usage").path("prompt_tokens").asInt(), t.path("prompt_n").asInt() + t.path("cache_n").asInt(),
                "prompt tokens are processed or taken from the slot's cache: " + t);
        double perSecond = t.path("predicted_n").asDouble() * 1000 / t.path("predicted_ms").asDouble();
        assertEquals(perSecond, t.path("predicted_per_second").asDouble(), 1e-6 * perSecond);
    }

    @Test
    void stopSequenceEndsTheTextBeforeItWithFinishReasonStop() {
        String prompt = "{\"prompt\": \"Once upon a time, there was a little girl\", \"max_tokens\": 48, \"temperature\": 0";
        JsonNode free = RefClient.json(client.post("/v1/completions", prompt + "}").body());
        String text = free.path("choices").get(0).path("text").asText();
        // a word from the middle of the greedy continuation becomes the stop string
        String[] words = text.strip().split("\\s+");
        assumeTrue(words.length > 6, "continuation too short: " + text);
        String stop = words[words.length / 2];
        String expected = text.substring(0, text.indexOf(stop));
        JsonNode stopped = RefClient.json(client.post("/v1/completions",
                prompt + ", \"stop\": [\"" + stop + "\"]}").body());
        assertEquals(expected, stopped.path("choices").get(0).path("text").asText(), "stop '" + stop + "' in " + text);
        assertEquals("stop", stopped.path("choices").get(0).path("finish_reason").asText());
    }

    @Test
    void fourConcurrentStreamsRunInParallelSlots() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RefClient.Sse>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String body = chat("Story number " + i + " about a cat.", 64, true, "");
                futures.add(pool.submit(() -> client.stream("/v1/chat/completions", body)));
            }
            long latestFirstContent = Long.MIN_VALUE;
            long earliestEnd = Long.MAX_VALUE;
            for (Future<RefClient.Sse> f : futures) {
                RefClient.Sse sse = f.get();
                assertEquals("[DONE]", sse.data().get(sse.data().size() - 1));
                int first = -1;
                for (int j = 0; j < sse.data().size() && first < 0; j++) {
                    String d = sse.data().get(j);
                    if (!d.equals("[DONE]") && RefClient.json(d).path("choices").size() == 1
                            && !RefClient.Sse.textOf(RefClient.json(d)).isEmpty()) {
                        first = j;
                    }
                }
                latestFirstContent = Math.max(latestFirstContent, sse.arrivalUs().get(first));
                earliestEnd = Math.min(earliestEnd, sse.arrivalUs().get(sse.arrivalUs().size() - 1));
            }
            // one after another, a stream would end before the next one's first token
            assertTrue(latestFirstContent < earliestEnd, "every stream had its first token ("
                    + latestFirstContent + ") before any stream ended (" + earliestEnd + ")");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void promptLongerThanOneSlotIsRefusedWith400() {
        String longPrompt = "word ".repeat(700);
        var res = client.post("/v1/completions", "{\"prompt\": \"" + longPrompt + "\", \"max_tokens\": 8}");
        assertEquals(400, res.statusCode());
        assertTrue(res.body().contains("Prompt too long"), res.body());
    }

    @Test
    void aMissingModelFileIsOneLineBeforeAnythingStarts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceServer.start(
                ReferenceServerConfig.defaults().withFlags("--engine=llama").withModelFile("/nonexistent/model.gguf")));
        assertTrue(e.getMessage().contains("/nonexistent/model.gguf") && !e.getMessage().contains("\n"), e.getMessage());
    }
}
