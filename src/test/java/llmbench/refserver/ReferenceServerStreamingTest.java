package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import llmbench.refserver.groundtruth.GroundTruth;
import llmbench.refserver.model.Tokenizer;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Black-box: the seed's streaming and non-streaming shapes, spoken by a server on loopback. */
class ReferenceServerStreamingTest {
    private static ReferenceServer server;
    private static RefClient client;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"));
        client = new RefClient(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String chat(String content, int maxTokens, String extra) {
        return "{\"model\":\"reference-model\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content
                + "\"}],\"max_tokens\":" + maxTokens + ",\"stream\":true" + extra + "}";
    }

    @Test
    void baseUrlPointsAtTheListeningPort() {
        assertEquals("http://127.0.0.1:" + server.port(), server.baseUrl());
        assertTrue(server.port() > 0);
    }

    @Test
    void chatStreamStartsWithRoleOnlyChunkAndEndsWithDone() {
        RefClient.Sse sse = client.stream("/v1/chat/completions", chat("Describe a quiet morning.", 5, ""));
        assertEquals(200, sse.response().statusCode());
        assertEquals("text/event-stream; charset=utf-8", sse.response().headers().firstValue("content-type").orElseThrow());
        assertEquals("no-cache", sse.response().headers().firstValue("cache-control").orElseThrow());
        assertEquals("no", sse.response().headers().firstValue("x-accel-buffering").orElseThrow());
        JsonNode first = sse.events().get(0);
        assertEquals("chat.completion.chunk", first.get("object").asText());
        JsonNode delta = first.at("/choices/0/delta");
        assertEquals(1, delta.size());
        assertEquals("assistant", delta.get("role").asText());
        assertTrue(first.at("/choices/0/finish_reason").isNull());
        assertEquals("[DONE]", sse.data().get(sse.data().size() - 1));
    }

    @Test
    void chatStreamSendsOneChunkPerTokenAndUsageCountsThem() {
        RefClient.Sse sse = client.stream("/v1/chat/completions",
                chat("Tell me about learning a new skill.", 20, ",\"stream_options\":{\"include_usage\":true}"));
        List<JsonNode> content = sse.contentEvents();
        assertEquals(20, content.size());
        Tokenizer tokenizer = new Tokenizer();
        for (int i = 0; i < content.size(); i++) {
            assertEquals(1, tokenizer.count(RefClient.Sse.textOf(content.get(i))), "chunk " + i + " is one token");
            String finish = content.get(i).at("/choices/0/finish_reason").asText(null);
            assertEquals(i == 19 ? "length" : null, finish);
        }
        List<JsonNode> events = sse.events();
        JsonNode usage = events.get(events.size() - 1);
        assertEquals(0, usage.get("choices").size());
        assertTrue(usage.get("choices").isArray());
        assertEquals(20, usage.at("/usage/completion_tokens").asInt());
        // user|:|␠Tell|␠me|␠about|␠learni|ng|␠a|␠new|␠skill|.|\n|assist|ant|:
        int prompt = 15;
        assertEquals(prompt, usage.at("/usage/prompt_tokens").asInt());
        assertEquals(prompt + 20, usage.at("/usage/total_tokens").asInt());
        assertEquals("[DONE]", sse.data().get(sse.data().size() - 1));
    }

    @Test
    void everyChunkCarriesTheSameId() {
        RefClient.Sse sse = client.stream("/v1/chat/completions", chat("Plan a trip.", 8, ""));
        String id = sse.events().get(0).get("id").asText();
        assertTrue(id.matches("chatcmpl-[0-9a-f]{12}"), id);
        sse.events().forEach(e -> assertEquals(id, e.get("id").asText()));
        sse.events().forEach(e -> assertTrue(e.get("created").isIntegralNumber()));
    }

    @Test
    void completionsStreamHasTextChoicesAndNoRoleChunk() {
        RefClient.Sse sse = client.stream("/v1/completions",
                "{\"prompt\":\"The town near the river\",\"max_tokens\":6,\"stream\":true,\"stream_options\":{\"include_usage\":1}}");
        List<JsonNode> events = sse.events();
        assertEquals(7, events.size());                                   // 6 tokens + usage
        for (JsonNode e : events) {
            assertEquals("text_completion", e.get("object").asText());
            assertTrue(e.get("id").asText().matches("cmpl-[0-9a-f]{12}"));
        }
        JsonNode choice = events.get(0).at("/choices/0");
        assertEquals(3, choice.size());
        assertTrue(choice.has("text") && choice.has("index") && choice.has("finish_reason"));
        assertEquals("length", events.get(5).at("/choices/0/finish_reason").asText());
        assertEquals(6, events.get(6).at("/usage/completion_tokens").asInt());
        assertEquals("[DONE]", sse.data().get(sse.data().size() - 1));
    }

    @Test
    void stopSequenceEndsStreamWithSeparateEmptyStopChunk() {
        String body = chat("Explain how to measure a process carefully.", 300, ",\"temperature\":0,\"stop\":[\".\"]");
        RefClient.Sse sse = client.stream("/v1/chat/completions", body);
        List<JsonNode> content = sse.contentEvents();
        JsonNode last = content.get(content.size() - 1);
        assertEquals("", RefClient.Sse.textOf(last));
        assertEquals("stop", last.at("/choices/0/finish_reason").asText());
        assertFalse(sse.text().contains("."));
        assertFalse(sse.text().isEmpty());

        JsonNode whole = RefClient.json(client.post("/v1/chat/completions", body.replace("\"stream\":true", "\"stream\":false")).body());
        assertEquals(sse.text(), whole.at("/choices/0/message/content").asText());
        assertEquals("stop", whole.at("/choices/0/finish_reason").asText());
        assertEquals(new Tokenizer().count(sse.text()), whole.at("/usage/completion_tokens").asInt());
    }

    @Test
    void temperatureZeroGivesTheSameTextTwice() {
        String body = "{\"prompt\":\"Good tools make common tasks easy\",\"max_tokens\":40,\"temperature\":0}";
        JsonNode a = RefClient.json(client.post("/v1/completions", body).body());
        JsonNode b = RefClient.json(client.post("/v1/completions", body).body());
        assertEquals(a.at("/choices/0/text").asText(), b.at("/choices/0/text").asText());
        assertEquals(40, a.at("/usage/completion_tokens").asInt());
        assertTrue(a.at("/choices/0/text").asText().length() > 40);
    }

    @Test
    void nonStreamingChatHasTheSeedsMessageShape() {
        var res = client.post("/v1/chat/completions",
                "{\"messages\":[{\"role\":\"system\",\"content\":null},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},\"there\"]}],\"max_tokens\":3}");
        assertEquals(200, res.statusCode());
        JsonNode r = RefClient.json(res.body());
        assertEquals("chat.completion", r.get("object").asText());
        assertEquals("reference-model", r.get("model").asText());
        JsonNode m = r.at("/choices/0/message");
        assertEquals("assistant", m.get("role").asText());
        assertTrue(m.get("name").isNull() && m.get("tool_calls").isNull() && m.get("tool_call_id").isNull());
        assertEquals("length", r.at("/choices/0/finish_reason").asText());
        // "system: \nuser: Hithere\nassistant:" → |system|:|␠|\n|user|:|␠Hither|e|\n|assist|ant|:| = 12 tokens
        assertEquals(12, r.at("/usage/prompt_tokens").asInt());
        assertEquals(15, r.at("/usage/total_tokens").asInt());
    }

    @Test
    void groundTruthIsRecordedInOrderForEachStream() {
        RefClient.Sse sse = client.stream("/v1/chat/completions", chat("Tell me about numbers.", 10, ""));
        String id = sse.events().get(0).get("id").asText();
        GroundTruth t = server.groundTruth().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
        assertNotNull(t.firstContentWrittenEpochUs());
        assertNotNull(t.lastChunkWrittenEpochUs());
        assertTrue(t.receivedEpochUs() < t.firstContentWrittenEpochUs());
        assertTrue(t.firstContentWrittenEpochUs() <= t.lastChunkWrittenEpochUs());
        assertEquals(10, t.completionTokens());
        assertEquals("length", t.finishReason());
        // The client cannot see a chunk before the server wrote it. The server stamps when its socket write
        // returned, and the client's thread may wake before that listener runs: allow that much (2 ms).
        long lastArrival = sse.arrivalUs().get(sse.arrivalUs().size() - 1);
        assertTrue(lastArrival >= t.lastChunkWrittenEpochUs() - 2_000,
                "arrival " + lastArrival + " us, written " + t.lastChunkWrittenEpochUs() + " us");

        JsonNode debug = RefClient.json(client.get("/debug/requests").body());
        boolean listed = false;
        for (JsonNode r : debug.get("requests")) {
            if (r.get("id").asText().equals(id)) {
                listed = true;
                assertEquals(t.firstContentWrittenEpochUs().longValue(), r.get("first_content_written_epoch_us").asLong());
                assertEquals(10, r.get("completion_tokens").asInt());
            }
        }
        assertTrue(listed);
    }

    @Test
    void clientDisconnectCancelsTheSequence() throws Exception {
        String body = "{\"prompt\":\"disconnect me\",\"max_tokens\":150,\"stream\":true}";
        long cancelledBefore = server.stats().requestsCancelled();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.InputStream in = socket.getInputStream();
            int dataLines = 0;
            StringBuilder line = new StringBuilder();
            while (dataLines < 3) {                  // read three chunks, then hang up
                int b = in.read();
                if (b == '\n') {
                    dataLines += line.toString().startsWith("data: ") ? 1 : 0;
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.stats().requestsCancelled() == cancelledBefore && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(cancelledBefore + 1, server.stats().requestsCancelled());
        while (server.groundTruth().stream().noneMatch(g -> g.finishReason().equals("cancelled"))
                && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        GroundTruth t = server.groundTruth().stream().filter(g -> g.finishReason().equals("cancelled"))
                .findFirst().orElseThrow();
        assertTrue(t.completionTokens() >= 3 && t.completionTokens() < 150, "sent " + t.completionTokens());
        assertEquals(null, t.lastChunkWrittenEpochUs());
    }

    @Test
    void infoRoutesHaveTheSeedsShapes() {
        JsonNode models = RefClient.json(client.get("/v1/models").body());
        assertEquals("list", models.get("object").asText());
        assertEquals("reference-model", models.at("/data/0/id").asText());
        assertEquals("gatling-llm-bench", models.at("/data/0/owned_by").asText());
        assertEquals(0, models.at("/data/0/created").asInt());

        JsonNode live = RefClient.json(client.get("/livez").body());
        assertEquals("alive", live.get("status").asText());
        assertTrue(live.get("uptime_s").asDouble() > 0);

        var healthRes = client.get("/health");
        assertEquals(200, healthRes.statusCode());
        JsonNode health = RefClient.json(healthRes.body());
        assertEquals("ok", health.get("status").asText());
        assertTrue(health.get("ready").asBoolean());
        for (String key : List.of("active_sequences", "queued_requests", "requests_completed", "tokens_generated",
                "total_prefill_tokens", "total_requests")) {
            assertTrue(health.at("/cache_stats/" + key).isNumber(), key);
        }
    }

    @Test
    void emitLagDistributionCountsStepsUntilAResetClosesTheWindow() throws Exception {
        client.stream("/v1/chat/completions", chat("hello", 20, ""));
        JsonNode stats = RefClient.json(client.get("/health").body()).get("cache_stats");
        long steps = stats.get("scheduler_emit_lag_steps").asLong();
        assertTrue(steps >= 20, stats.toString()); // one value per step, 20 tokens take at least 20 steps
        assertTrue(stats.get("scheduler_emit_lag_p50_us").asLong() <= stats.get("scheduler_emit_lag_p99_us").asLong());
        assertTrue(stats.get("scheduler_emit_lag_p99_us").asLong()
                <= stats.get("scheduler_emit_lag_window_max_us").asLong());

        JsonNode closed = RefClient.json(client.post("/debug/emit_lag/reset", "").body());
        assertTrue(closed.get("steps").asLong() >= steps, closed.toString());
        org.HdrHistogram.Histogram h = org.HdrHistogram.Histogram.decodeFromCompressedByteBuffer(
                java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(closed.get("histogram").asText())), 0);
        assertEquals(closed.get("steps").asLong(), h.getTotalCount(), "the histogram holds the window's steps");
        JsonNode after = RefClient.json(client.get("/health").body()).get("cache_stats");
        assertEquals(0, after.get("scheduler_emit_lag_steps").asLong(), "no request ran since the reset");
        assertEquals(0, after.get("scheduler_emit_lag_window_max_us").asLong());
    }
}
