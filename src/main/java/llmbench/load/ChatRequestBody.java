package llmbench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Request bodies (chat and completions, streamed or not). The streamed chat completion is built with Jackson (never by string concatenation):
 * one user message, an explicit temperature, {@code stream: true} and
 * {@code stream_options.include_usage} so the server reports its own token counts.
 */
public final class ChatRequestBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatRequestBody() {
    }

    public static String streaming(String model, String userMessage, int maxTokens, double temperature) {
        return chat(model, List.of(new Message("user", userMessage)), maxTokens, temperature, true, null);
    }

    /** One chat message of a conversation. */
    public record Message(String role, String content) {
    }

    /**
     * A chat body with the given conversation; streamed bodies ask for usage; {@code stop} is sent when given.
     */
    public static String chat(String model, List<Message> messages, int maxTokens, double temperature,
                              boolean stream, List<String> stop) {
        ObjectNode body = JSON.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        ArrayNode m = body.putArray("messages");
        for (Message msg : messages) {
            m.addObject().put("role", msg.role()).put("content", msg.content());
        }
        return finish(body, maxTokens, temperature, stream, stop);
    }

    /**
     * A streamed chat body whose output length is forced where the server accepts it: {@code ignore_eos: true}
     * (vLLM, llama.cpp, the reference server) and {@code min_tokens} = {@code max_tokens} (vLLM, the
     * reference server); a server that knows neither ignores them or refuses the request.
     */
    public static String streamingForced(String model, List<Message> messages, int maxTokens, double temperature) {
        ObjectNode body = (ObjectNode) parse(chat(model, messages, maxTokens, temperature, true, null));
        body.put("ignore_eos", true);
        body.put("min_tokens", maxTokens);
        return body.toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code /v1/completions} body with a plain prompt. */
    public static String completion(String model, String prompt, int maxTokens, double temperature, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        body.put("prompt", prompt);
        return finish(body, maxTokens, temperature, stream, null);
    }

    private static String finish(ObjectNode body, int maxTokens, double temperature, boolean stream,
                                 List<String> stop) {
        body.put("max_tokens", maxTokens);
        body.put("temperature", temperature);
        if (stop != null) {
            ArrayNode s = body.putArray("stop");
            stop.forEach(s::add);
        }
        body.put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return body.toString();
    }
}
