package llmbench.refserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates request bodies the way the seed's pydantic models do (422 with
 * {@code "<loc joined by ' -> '>: <msg>"} items joined by "; ") and renders chat messages with the
 * seed's fallback template: one line {@code "<role>: <content>"} per message, then {@code "assistant:"}.
 * Unknown fields are ignored. Ours, as vLLM names them: {@code ignore_eos} (boolean) and {@code min_tokens}
 * (integer ≥ 0) keep end-of-sequence from ending a request before max_tokens / min_tokens tokens.
 */
final class RequestParser {
    static final int DEFAULT_MAX_TOKENS = 512;
    private final ObjectMapper json;

    RequestParser(ObjectMapper json) {
        this.json = json;
    }

    GenerationRequest parse(ByteBuf body, boolean chat) {
        JsonNode root;
        try {
            root = body.isReadable() ? json.readTree((java.io.InputStream) new ByteBufInputStream(body)) : null;
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getCharOffset());
            throw ApiError.validation(List.of("body -> " + offset + ": JSON decode error"));
        } catch (IOException e) {
            throw ApiError.validation(List.of("body -> 0: JSON decode error"));
        }
        if (root == null || root.isMissingNode()) {
            throw ApiError.validation(List.of("body: Field required"));
        }
        if (!root.isObject()) {
            throw ApiError.validation(List.of("body: Input should be a valid dictionary or object to extract fields from"));
        }
        List<String> problems = new ArrayList<>();
        String model = optionalString(root, "model", "", problems);
        List<GenerationRequest.Message> messages = new ArrayList<>();
        String prompt = chat ? renderMessages(root.get("messages"), problems, messages)
                : promptOf(root.get("prompt"), problems);
        long maxTokens = optionalInt(root, "max_tokens", DEFAULT_MAX_TOKENS, problems);
        double temperature = optionalNumber(root, "temperature", 1.0, problems);
        double topP = optionalNumber(root, "top_p", 1.0, problems);
        boolean stream = optionalBool(root, "stream", problems);
        List<String> stop = stopOf(root.get("stop"), problems);
        JsonNode options = root.get("stream_options");
        if (options != null && !options.isNull() && !options.isObject()) {
            problems.add("body -> stream_options: Input should be a valid dictionary");
        }
        boolean includeUsage = options != null && options.isObject() && truthy(options.get("include_usage"));
        long n = optionalInt(root, "n", 1, problems);
        if (n != 1 && root.has("n") && root.get("n").isIntegralNumber()) {
            problems.add("body -> n: Value error, n > 1 is not supported; only n=1 is allowed");
        }
        boolean ignoreEos = optionalBool(root, "ignore_eos", problems);
        long minTokens = optionalInt(root, "min_tokens", 0, problems);
        if (minTokens < 0) {
            problems.add("body -> min_tokens: Input should be greater than or equal to 0");
        }
        if (!problems.isEmpty()) {
            throw ApiError.validation(problems);
        }
        return new GenerationRequest(chat, prompt, model, maxTokens, Math.max(0, Math.min(2, temperature)),
                Math.max(0, Math.min(1, topP)), stream, stop, includeUsage, List.copyOf(messages),
                ignoreEos ? Math.max(minTokens, maxTokens) : minTokens);
    }

    private static String renderMessages(JsonNode messages, List<String> problems,
                                         List<GenerationRequest.Message> parsed) {
        if (messages == null) {
            problems.add("body -> messages: Field required");
            return "";
        }
        if (!messages.isArray()) {
            problems.add("body -> messages: Input should be a valid list");
            return "";
        }
        if (messages.isEmpty()) {
            problems.add("body -> messages: Value error, messages must not be empty");
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String loc = "body -> messages -> " + i;
            if (!m.isObject()) {
                problems.add(loc + ": Input should be a valid dictionary or object to extract fields from");
                continue;
            }
            JsonNode role = m.get("role");
            if (role == null) {
                problems.add(loc + " -> role: Field required");
            } else if (!role.isTextual()) {
                problems.add(loc + " -> role: Input should be a valid string");
            }
            String content = contentOf(m.get("content"), loc, problems);
            parsed.add(new GenerationRequest.Message(role != null && role.isTextual() ? role.asText() : "", content));
            out.append(role != null && role.isTextual() ? role.asText() : "").append(": ").append(content).append('\n');
        }
        return out.append("assistant:").toString();
    }

    /** str → itself; list → text of {"type":"text"} parts and bare strings, concatenated; null → "". */
    private static String contentOf(JsonNode content, String loc, List<String> problems) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    sb.append(part.asText());
                } else if (part.isObject() && "text".equals(part.path("type").asText(null)) && part.path("text").isTextual()) {
                    sb.append(part.get("text").asText());
                }
            }
            return sb.toString();
        }
        problems.add(loc + " -> content: Input should be a valid string");
        return "";
    }

    private static String promptOf(JsonNode prompt, List<String> problems) {
        if (prompt == null) {
            problems.add("body -> prompt: Field required");
            return "";
        }
        if (!prompt.isTextual()) {
            problems.add("body -> prompt: Input should be a valid string");
            return "";
        }
        return prompt.asText();
    }

    private static List<String> stopOf(JsonNode stop, List<String> problems) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        if (stop.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : stop) {
                if (!s.isTextual()) {
                    problems.add("body -> stop: Input should be a valid string or list of strings");
                    return List.of();
                }
                out.add(s.asText());
            }
            return out;
        }
        problems.add("body -> stop: Input should be a valid string or list of strings");
        return List.of();
    }

    private static String optionalString(JsonNode root, String field, String dflt, List<String> problems) {
        JsonNode v = root.get(field);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual()) {
            problems.add("body -> " + field + ": Input should be a valid string");
            return dflt;
        }
        return v.asText();
    }

    private static long optionalInt(JsonNode root, String field, long dflt, List<String> problems) {
        JsonNode v = root.get(field);
        if (v == null || (v.isNull() && !field.equals("n"))) {
            return dflt;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isFloatingPointNumber() && v.asDouble() == Math.rint(v.asDouble())) {
            return (long) v.asDouble();
        }
        problems.add("body -> " + field + ": Input should be a valid integer");
        return dflt;
    }

    private static double optionalNumber(JsonNode root, String field, double dflt, List<String> problems) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        problems.add("body -> " + field + ": Input should be a valid number");
        return dflt;
    }

    private static boolean optionalBool(JsonNode root, String field, List<String> problems) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber() && (v.asLong() == 0 || v.asLong() == 1)) {
            return v.asLong() == 1;
        }
        problems.add("body -> " + field + ": Input should be a valid boolean");
        return false;
    }

    /** Python truthiness of a JSON value. */
    private static boolean truthy(JsonNode v) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            return v.asDouble() != 0;
        }
        if (v.isTextual()) {
            return !v.asText().isEmpty();
        }
        return v.size() > 0;
    }
}
