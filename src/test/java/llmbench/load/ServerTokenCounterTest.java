package llmbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import llmbench.config.BadInputException;
import org.junit.jupiter.api.Test;

/**
 * The three ways of counting against fake servers whose tokenizer is one token per space-separated word and
 * per line break, and whose chat template adds {@value #TEMPLATE} tokens.
 */
class ServerTokenCounterTest {
    static final int TEMPLATE = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    static int words(String text) {
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n += (int) java.util.Arrays.stream(line.split(" ")).filter(w -> !w.isEmpty()).count();
        }
        return n + (text.split("\n", -1).length - 1);
    }

    /** A fake server; {@code vllm}: /tokenize takes messages and answers count; else no /tokenize at all. */
    static final class Fake implements AutoCloseable {
        final HttpServer http;
        final List<String> chatContents = new ArrayList<>();

        Fake(boolean vllm) throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/tokenize", ex -> {
                JsonNode body = JSON.readTree(ex.getRequestBody());
                if (!vllm) {
                    reply(ex, 404, "{\"detail\":\"Not Found\"}");
                } else if (body.has("messages")) {
                    int n = words(body.at("/messages/0/content").asText()) + TEMPLATE;
                    reply(ex, 200, "{\"count\":" + n + ",\"max_model_len\":4096,\"tokens\":[]}");
                } else {
                    reply(ex, 200, "{\"count\":" + words(body.path("prompt").asText()) + ",\"tokens\":[]}");
                }
            });
            http.createContext("/v1/chat/completions", ex -> {
                JsonNode body = JSON.readTree(ex.getRequestBody());
                String content = body.at("/messages/0/content").asText();
                synchronized (chatContents) {
                    chatContents.add(content);
                }
                int prompt = words(content) + TEMPLATE;
                reply(ex, 200, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":"
                        + prompt + ",\"completion_tokens\":1}}");
            });
            http.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
        }

        private static void reply(HttpExchange ex, int status, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    @Test
    void vllmsChatTokenizeGivesThePromptCountTemplateIncluded() throws Exception {
        try (Fake fake = new Fake(true)) {
            ServerTokenCounter c = ServerTokenCounter.detect(fake.base(), null, "m", Duration.ofSeconds(5));
            assertEquals(4 + TEMPLATE, c.promptTokens("one two three four"));
            assertEquals(4, c.contentTokens("one two three four"));
            assertTrue(c.method().startsWith("POST /tokenize with messages"), c.method());
            assertEquals(List.of(), fake.chatContents, "no generation request was needed");
        }
    }

    @Test
    void withoutTokenizeUsageProbesCountWithTheProbeLineSubtracted() throws Exception {
        try (Fake fake = new Fake(false)) {
            ServerTokenCounter c = ServerTokenCounter.detect(fake.base(), null, "m", Duration.ofSeconds(5));
            assertEquals(4 + TEMPLATE, c.promptTokens("one two three four"));
            assertEquals(4, c.contentTokens("one two three four"));
            assertTrue(c.method().startsWith("usage.prompt_tokens of 1-token requests"), c.method());
            // every probe of a text starts with the probe line, so no measured prompt is sent as a prefix
            assertTrue(fake.chatContents.contains(ServerTokenCounter.PROBE_LINE + "one two three four"), fake.chatContents.toString());
            assertTrue(fake.chatContents.stream().noneMatch(s -> s.startsWith("one")), fake.chatContents.toString());
        }
    }

    @Test
    void calibrationThroughProbesIsExact() throws Exception {
        try (Fake fake = new Fake(false)) {
            ServerTokenCounter c = ServerTokenCounter.detect(fake.base(), null, "m", Duration.ofSeconds(5));
            PromptCalibrator.Fit fit = new PromptCalibrator(c, PromptCalibratorTest.news()).promptOf("", 0, 500);
            assertEquals(500, words(fit.text()) + TEMPLATE);
        }
    }

    @Test
    void aServerWithoutUsageOrTokenizeCannotBeCalibrated() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            byte[] b = "{\"choices\":[]}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/tokenize") ? 404 : 200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
            String msg = assertThrows(BadInputException.class,
                    () -> ServerTokenCounter.detect(base, null, "m", Duration.ofSeconds(5))).getMessage();
            assertEquals("calibrating prompts: the target reports no usage.prompt_tokens and has no /tokenize, so "
                    + "prompt.tokens cannot be calibrated against it", msg);
        } finally {
            http.stop(0);
        }
    }
}
