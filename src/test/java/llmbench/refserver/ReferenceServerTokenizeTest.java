package llmbench.refserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;

/** Black-box: POST /tokenize (llama.cpp's shape), the prompt limit in /health, ignore_eos and min_tokens. */
class ReferenceServerTokenizeTest {
    private static final String TEXT = "The international summit opened.";

    private static String chat(String content, int maxTokens, String extra) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}],\"max_tokens\":" + maxTokens
                + ",\"temperature\":0" + extra + "}";
    }

    @Test
    void tokenizeCountsTheTextAsUsageDoesWithoutTheChatTemplate() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--profile=tiny"))) {
            RefClient client = new RefClient(server.baseUrl());
            HttpResponse<String> r = client.post("/tokenize", "{\"content\":\"" + TEXT + "\"}");
            assertEquals(200, r.statusCode(), r.body());
            // "The" " intern" "ationa" "l" " summit" " opened" "."
            assertEquals(7, RefClient.json(r.body()).path("tokens").size(), r.body());
            JsonNode pieces = RefClient.json(client.post("/tokenize", "{\"content\":\"" + TEXT
                    + "\",\"with_pieces\":true}").body()).path("tokens");
            assertEquals(" intern", pieces.get(1).path("piece").asText());
            // the template "user: " + text + "\nassistant:" adds "user" ":" "\n" "assist" "ant" ":"
            JsonNode usage = RefClient.json(client.post("/v1/chat/completions", chat(TEXT, 1, "")).body()).path("usage");
            assertEquals(7 + 6, usage.path("prompt_tokens").asInt(), usage.toString());
            assertEquals(422, client.post("/tokenize", "{\"text\":\"x\"}").statusCode());
        }
    }

    @Test
    void healthSaysTheLongestPromptAdmitted() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults()
                .withFlags("--profile=tiny", "--max-prompt-tokens=1000"))) {
            RefClient client = new RefClient(server.baseUrl());
            assertEquals(1000, RefClient.json(client.get("/health").body()).path("max_prompt_tokens").asInt());
        }
    }

    @Test
    void ignoreEosAndMinTokensKeepEndOfSequenceFromEndingTheReply() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults()
                .withFlags("--profile=tiny"))) {
            RefClient client = new RefClient(server.baseUrl());
            // the text model ends its answers after 200-800 tokens, at a sentence end
            JsonNode natural = RefClient.json(client.post("/v1/chat/completions", chat(TEXT, 2000, "")).body());
            int naturalLength = natural.at("/usage/completion_tokens").asInt();
            assertEquals("stop", natural.at("/choices/0/finish_reason").asText(), natural.toString());
            assertTrue(naturalLength < 2000, natural.toString());

            JsonNode forced = RefClient.json(client.post("/v1/chat/completions",
                    chat(TEXT, 2000, ",\"ignore_eos\":true")).body());
            assertEquals(2000, forced.at("/usage/completion_tokens").asInt(), forced.at("/usage").toString());
            assertEquals("length", forced.at("/choices/0/finish_reason").asText());

            int min = naturalLength + 50;
            JsonNode atLeast = RefClient.json(client.post("/v1/chat/completions",
                    chat(TEXT, 2000, ",\"min_tokens\":" + min)).body());
            assertTrue(atLeast.at("/usage/completion_tokens").asInt() >= min, atLeast.at("/usage").toString());
            assertEquals(422, client.post("/v1/chat/completions", chat(TEXT, 10, ",\"min_tokens\":-1")).statusCode());
        }
    }
}
