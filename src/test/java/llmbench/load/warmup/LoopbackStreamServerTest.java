package llmbench.load.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackStreamServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void postIsAnsweredWithAChatCompletionStreamOfOneRoleChunkTheContentChunksUsageAndDone() throws Exception {
        try (LoopbackStreamServer server = LoopbackStreamServer.start(5)) {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            server.baseUrl().resolve("/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reply.statusCode());
            assertEquals("text/event-stream", reply.headers().firstValue("content-type").orElse(""));
            List<String> data = new ArrayList<>();
            for (String event : reply.body().split("\n\n")) {
                assertTrue(event.startsWith("data: "), event);
                data.add(event.substring("data: ".length()));
            }
            assertEquals(1 + 5 + 1 + 1, data.size(), reply.body());
            assertEquals("[DONE]", data.get(data.size() - 1));
            assertEquals("assistant", JSON.readTree(data.get(0)).at("/choices/0/delta/role").asText());
            StringBuilder text = new StringBuilder();
            for (String chunk : data.subList(1, 6)) {
                text.append(JSON.readTree(chunk).at("/choices/0/delta/content").asText());
            }
            assertEquals("w1 w2 w3 w4 w5 ", text.toString());
            JsonNode last = JSON.readTree(data.get(6));
            assertEquals("length", last.at("/choices/0/finish_reason").asText());
            assertEquals(5, last.at("/usage/completion_tokens").asInt());
            assertEquals(1, server.streams());
        }
    }

    @Test
    void everyStreamHasItsOwnResponseId() {
        String a = LoopbackStreamServer.events("chatcmpl-loopback-1", 2)[1];
        String b = LoopbackStreamServer.events("chatcmpl-loopback-2", 2)[1];
        assertTrue(a.contains("\"id\":\"chatcmpl-loopback-1\"") && b.contains("\"id\":\"chatcmpl-loopback-2\""));
    }

    @Test
    void getIsAnsweredWithAnEmptyModelList() throws Exception {
        try (LoopbackStreamServer server = LoopbackStreamServer.start(1)) {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.baseUrl().resolve("/v1/models")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reply.statusCode());
            assertEquals(0, JSON.readTree(reply.body()).get("data").size());
            assertEquals(0, server.streams());
        }
    }
}
