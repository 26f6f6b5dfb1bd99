package llmbench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON body of a streamed chat completion, built with Jackson (never by string concatenation):
 * one user message, an explicit temperature, {@code stream: true} and
 * {@code stream_options.include_usage} so the server reports its own token counts.
 */
public final class ChatRequestBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatRequestBody() {
    }

    public static String streaming(String model, String userMessage, int maxTokens, double temperature) {
        ObjectNode body = JSON.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        body.putArray("messages").addObject().put("role", "user").put("content", userMessage);
        body.put("max_tokens", maxTokens);
        body.put("temperature", temperature);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        return body.toString();
    }
}
