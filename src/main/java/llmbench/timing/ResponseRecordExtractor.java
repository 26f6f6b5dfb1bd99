package llmbench.timing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Turns a non-streamed request (one JSON response) into a {@link RequestRecord}. There is no client-side
 * first token: {@code firstTokenUs} is null. Token counts come from {@code usage} only (none reported → null
 * prompt tokens and no completion count). The server's own timings are taken when the reply has them:
 * llama.cpp's {@code timings.prompt_ms / predicted_ms}, vLLM's {@code metrics} block
 * ({@code first_scheduled_time}, {@code first_token_time}, {@code last_token_time}, seconds).
 * A non-200 status is an error {@code "HTTP <code>: <first 200 characters of the body>"}, as in the seed.
 */
final class ResponseRecordExtractor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponseRecordExtractor() {
    }

    static RequestRecord extract(CapturedStream s) {
        String body = s.messages().isEmpty() ? null : s.messages().get(0).body();
        Integer status = s.httpStatus();
        JsonNode root = null;
        if (body != null) {
            try {
                root = JSON.readTree(body);
            } catch (IOException e) {
                root = null;
            }
        }
        String error = null;
        if (status == null) {
            error = "no response: " + (s.failure() == null ? "request failed" : s.failure());
        } else if (status != 200) {
            error = "HTTP " + status + ": " + (body == null ? "" : body.substring(0, Math.min(200, body.length())));
        } else if (root == null || !root.isObject()) {
            error = "response is not a JSON object";
        }
        String id = null;
        String content = null;
        String finish = null;
        Integer prompt = null;
        Integer completion = null;
        ServerTimings timings = null;
        CachedPrompt cached = null;
        if (root != null && root.isObject()) {
            id = text(root.get("id"));
            JsonNode choice = root.path("choices").path(0);
            JsonNode message = choice.get("message");
            content = message != null && message.isObject() ? text(message.get("content")) : text(choice.get("text"));
            finish = text(choice.get("finish_reason"));
            JsonNode usage = root.get("usage");
            if (usage != null && usage.isObject()) {
                prompt = intOrNull(usage.get("prompt_tokens"));
                completion = intOrNull(usage.get("completion_tokens"));
            }
            timings = serverTimings(root);
            cached = StreamChunk.cachedPrompt(root);
            if (error == null && ("error".equals(finish) || "cancelled".equals(finish))) {
                error = "finish_reason " + finish;
            }
        }
        String source = completion != null ? "usage" : "none";
        ReplyShape shape = root != null && root.isObject()
                ? new ReplyShape(text(root.get("object")), 1, root.has("id") && root.has("object")) : null;
        return new RequestRecord(s.labels(), id, s.sendUs(), null, null, null, s.endUs(), s.closedUs(), prompt,
                completion, source, prompt, completion, 0, finish, status, error, content, false, timings, shape, null, cached,
                0, s.maxTokens());
    }

    static ServerTimings serverTimings(JsonNode root) {
        JsonNode t = root.get("timings");
        if (t != null && t.isObject()) {
            Double prefill = ms(t.get("prompt_ms"));
            Double decode = ms(t.get("predicted_ms"));
            if (prefill != null || decode != null) {
                return new ServerTimings(prefill, decode, "timings (llama.cpp)");
            }
        }
        JsonNode m = root.get("metrics");
        if (m != null && m.isObject()) {
            Double scheduled = num(m.get("first_scheduled_time"));
            Double first = num(m.get("first_token_time"));
            Double last = num(m.get("last_token_time"));
            Double prefill = scheduled != null && first != null ? first - scheduled : null;
            Double decode = first != null && last != null ? last - first : null;
            if (prefill != null || decode != null) {
                return new ServerTimings(prefill, decode, "metrics (vLLM)");
            }
        }
        return null;
    }

    private static Double ms(JsonNode n) {
        Double v = num(n);
        return v == null ? null : v / 1000.0;
    }

    private static Double num(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : null;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Integer intOrNull(JsonNode n) {
        return n == null || !n.canConvertToInt() ? null : n.asInt();
    }
}
