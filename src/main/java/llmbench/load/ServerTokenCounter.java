package llmbench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import llmbench.lifecycle.TargetHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import llmbench.config.BadInputException;

/**
 * A target's own token counts, asked over HTTP before the run (blocking: call it in a simulation's set-up,
 * never on Gatling's event loops). The first way the server offers, in this order:
 * <ol>
 *   <li>vLLM's chat form of {@code POST /tokenize} ({@code messages}, {@code add_generation_prompt: true}),
 *       whose {@code count} is the chat request's prompt tokens, template included: exact;</li>
 *   <li>llama.cpp's {@code POST /tokenize {"content": ...}} (the reference server has it too): the text's
 *       {@code tokens}, plus the chat template's tokens, measured once as {@code usage.prompt_tokens} of a
 *       1-token request on a throwaway text less that text's {@code /tokenize} count;</li>
 *   <li>no {@code /tokenize}: {@code usage.prompt_tokens} of 1-token requests ({@code max_tokens: 1}) whose
 *       message is {@link #PROBE_LINE} followed by the text, less that line's tokens (measured once on a
 *       throwaway text). The line in front keeps the probes from sharing a prefix with the measured
 *       prompts, so a prefix-caching server has none of them cached when the run starts.</li>
 * </ol>
 */
public final class ServerTokenCounter implements TokenCounter {
    static final String PROBE_LINE = "Calibration probe, ignore.\n";
    /** A throwaway text for the one-off measurements; no measured prompt starts with it. */
    static final String THROWAWAY = "Rain fell on the quiet harbour town all night.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Way { VLLM_CHAT, TOKENIZE_ROUTE, USAGE_PROBE }

    private final URI base;
    private final String model;
    private final TargetHttp http;
    private Way way;
    /** TOKENIZE_ROUTE: the template's tokens; USAGE_PROBE: the probe line's tokens. */
    private int offset;
    /** The template's tokens (content tokens = prompt tokens − this). */
    private int template;

    private ServerTokenCounter(URI base, String apiKey, String model, Duration timeout) {
        this.base = base;
        this.model = model;
        this.http = new TargetHttp(base, apiKey, timeout);
    }

    /** Finds the server's way of counting; a server that answers none of them is bad input (one line). */
    public static ServerTokenCounter detect(URI base, String apiKey, String model, Duration timeout) {
        ServerTokenCounter c = new ServerTokenCounter(base, apiKey, model, timeout);
        JsonNode chat = c.tokenize(c.chatTokenizeBody(THROWAWAY));
        if (chat != null && chat.path("count").isInt()) {
            c.way = Way.VLLM_CHAT;
            c.template = chat.path("count").asInt() - c.contentTokensVllm(THROWAWAY);
            return c;
        }
        JsonNode plain = c.tokenize(JSON.createObjectNode().put("content", THROWAWAY));
        if (plain != null && plain.path("tokens").isArray()) {
            c.way = Way.TOKENIZE_ROUTE;
            c.offset = c.usagePromptTokens(THROWAWAY) - plain.path("tokens").size();
            c.template = c.offset;
            return c;
        }
        c.way = Way.USAGE_PROBE;
        int bare = c.usagePromptTokens(THROWAWAY);
        c.offset = c.usagePromptTokens(PROBE_LINE + THROWAWAY) - bare;
        // The template's tokens by the one assumption of this way: a one-letter word is one token.
        c.template = c.usagePromptTokens("a") - 1;
        return c;
    }

    @Override
    public int promptTokens(String userMessage) {
        return switch (way) {
            case VLLM_CHAT -> requireTokenize(chatTokenizeBody(userMessage)).path("count").asInt();
            case TOKENIZE_ROUTE -> contentTokens(userMessage) + offset;
            case USAGE_PROBE -> usagePromptTokens(PROBE_LINE + userMessage) - offset;
        };
    }

    @Override
    public int contentTokens(String text) {
        return switch (way) {
            case VLLM_CHAT -> contentTokensVllm(text);
            case TOKENIZE_ROUTE -> requireTokenize(JSON.createObjectNode().put("content", text)).path("tokens").size();
            case USAGE_PROBE -> promptTokens(text) - template;
        };
    }

    @Override
    public String method() {
        return switch (way) {
            case VLLM_CHAT -> "POST /tokenize with messages (count includes the chat template)";
            case TOKENIZE_ROUTE -> "POST /tokenize content + " + offset + " chat-template tokens (from a 1-token request's usage)";
            case USAGE_PROBE -> "usage.prompt_tokens of 1-token requests (no /tokenize), probe line of " + offset + " tokens subtracted";
        };
    }

    private int contentTokensVllm(String text) {
        ObjectNode body = JSON.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        body.put("prompt", text).put("add_special_tokens", false);
        return requireTokenize(body).path("count").asInt();
    }

    private ObjectNode chatTokenizeBody(String content) {
        ObjectNode body = JSON.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        body.putArray("messages").addObject().put("role", "user").put("content", content);
        body.put("add_generation_prompt", true);
        return body;
    }

    /** The /tokenize answer, or null when the server has no such route or refuses this form. */
    private JsonNode tokenize(ObjectNode body) {
        try {
            HttpResponse<String> r = post("/tokenize", body);
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private JsonNode requireTokenize(ObjectNode body) {
        HttpResponse<String> r;
        try {
            r = post("/tokenize", body);
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
        } catch (IOException e) {
            throw new BadInputException("calibrating prompts: " + base + "/tokenize failed: " + e.getMessage());
        }
        throw new BadInputException("calibrating prompts: " + base + "/tokenize answered HTTP " + r.statusCode()
                + ": " + excerpt(r.body()));
    }

    /** {@code usage.prompt_tokens} of a non-streamed 1-token chat request with this user message. */
    int usagePromptTokens(String content) {
        String body = ChatRequestBody.chat(model, List.of(new ChatRequestBody.Message("user", content)), 1, 0.0,
                false, null);
        HttpResponse<String> r;
        JsonNode usage;
        try {
            r = post("/v1/chat/completions", JSON.readTree(body));
            usage = r.statusCode() == 200 ? JSON.readTree(r.body()).path("usage").path("prompt_tokens") : null;
        } catch (IOException e) {
            throw new BadInputException("calibrating prompts: a 1-token request to " + base + " failed: " + e.getMessage());
        }
        if (r.statusCode() != 200) {
            throw new BadInputException("calibrating prompts: the target refused a 1-token request of "
                    + content.length() + " characters: HTTP " + r.statusCode() + ": " + excerpt(r.body()));
        }
        if (usage == null || !usage.isInt()) {
            throw new BadInputException("calibrating prompts: the target reports no usage.prompt_tokens and has no "
                    + "/tokenize, so prompt.tokens cannot be calibrated against it");
        }
        return usage.asInt();
    }

    private HttpResponse<String> post(String path, JsonNode body) throws IOException {
        return http.postJson(path, body.toString());
    }

    private static String excerpt(String body) {
        String one = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
