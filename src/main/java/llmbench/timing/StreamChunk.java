package llmbench.timing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One SSE message of an OpenAI-compatible stream, read the way the seed server's benchmark scripts read it:
 * content is {@code choices[0].delta.content} (chat) or {@code choices[0].text} (completions); reasoning
 * models' {@code delta.reasoning_content} / {@code delta.reasoning} also count as generated text; a chunk with
 * a {@code usage} object carries the server's token counts (and, in {@code prompt_tokens_details.cached_tokens},
 * its prefix-cache hits); a {@code timings} (llama.cpp) or {@code metrics}
 * (vLLM) object the server's own timing; {@code [DONE]} ends the stream.
 *
 * <p>Gatling 3.15 delivers each message as {@code {"data":<payload>}}, embedding a JSON payload raw, so the
 * terminator arrives as the non-JSON text {@code {"data":[DONE]}}.
 *
 * <p>{@code unparsable}: the message has a {@code data} payload that is neither a JSON object nor {@code [DONE]}
 * (a truncated or malformed line): the stream's record counts these. A message with no {@code data} at all is
 * neither parsed nor unparsable.
 */
public record StreamChunk(
        boolean done,
        boolean parsed,
        String id,
        String text,
        String finishReason,
        Integer usagePromptTokens,
        Integer usageCompletionTokens,
        String error,
        String object,
        ServerTimings serverTimings,
        CachedPrompt cachedPrompt,
        boolean unparsable) {

    public static final String GATLING_DONE_MESSAGE = "{\"data\":[DONE]}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StreamChunk DONE = new StreamChunk(true, true, null, null, null, null, null, null, null, null, null, false);
    private static final StreamChunk UNPARSABLE = new StreamChunk(false, false, null, null, null, null, null, null, null, null, null, true);
    /** A message without a {@code data} field (an SSE {@code event:}/{@code id:}/{@code retry:} only): no chunk, no fault. */
    private static final StreamChunk NO_DATA = new StreamChunk(false, false, null, null, null, null, null, null, null, null, null, false);

    public boolean hasText() {
        return text != null && !text.isEmpty();
    }

    public static StreamChunk parseGatlingMessage(String message) {
        if (message == null) {
            return UNPARSABLE;
        }
        String m = message.strip();
        if (m.equals(GATLING_DONE_MESSAGE)) {
            return DONE;
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(m);
        } catch (JsonProcessingException e) {
            return UNPARSABLE;
        }
        JsonNode data = envelope == null ? null : envelope.get("data");
        if (envelope != null && envelope.isObject() && data == null) {
            return NO_DATA;
        }
        if (data != null && data.isTextual()) {
            // A payload Gatling did not embed raw arrives as a JSON string; it may still hold JSON.
            String raw = data.asText().strip();
            if (raw.equals("[DONE]")) {
                return DONE;
            }
            try {
                data = JSON.readTree(raw);
            } catch (JsonProcessingException e) {
                return UNPARSABLE;
            }
        }
        return data != null && data.isObject() ? fromPayload(data) : UNPARSABLE;
    }

    /** Reads one chunk's JSON payload (what follows {@code data: } on the wire). */
    public static StreamChunk fromPayload(JsonNode data) {
        String id = textOrNull(data.get("id"));
        String error = null;
        JsonNode err = data.get("error");
        if (err != null && !err.isNull()) {
            error = err.isObject() ? textOr(err.get("message"), err.toString()) : err.asText();
        }
        Integer usagePrompt = null;
        Integer usageCompletion = null;
        JsonNode usage = data.get("usage");
        if (usage != null && usage.isObject()) {
            usagePrompt = intOrNull(usage.get("prompt_tokens"));
            usageCompletion = intOrNull(usage.get("completion_tokens"));
        }
        String text = null;
        String finish = null;
        JsonNode choices = data.get("choices");
        if (choices != null && choices.isArray() && !choices.isEmpty()) {
            JsonNode choice = choices.get(0);
            JsonNode delta = choice.get("delta");
            if (delta != null && delta.isObject()) {
                text = firstNonEmpty(textOrNull(delta.get("content")),
                        textOrNull(delta.get("reasoning_content")), textOrNull(delta.get("reasoning")));
            } else {
                text = textOrNull(choice.get("text"));
            }
            finish = textOrNull(choice.get("finish_reason"));
        }
        return new StreamChunk(false, true, id, text, finish, usagePrompt, usageCompletion, error,
                textOrNull(data.get("object")), ResponseRecordExtractor.serverTimings(data), cachedPrompt(data), false);
    }

    /**
     * The prompt tokens a reply (a chunk or a whole response) says came from the server's prefix cache:
     * {@code usage.prompt_tokens_details.cached_tokens} (OpenAI, vLLM), else llama.cpp's {@code timings.cache_n};
     * null when it says neither.
     */
    public static CachedPrompt cachedPrompt(JsonNode data) {
        JsonNode cached = data.path("usage").path("prompt_tokens_details").get("cached_tokens");
        if (cached != null && cached.canConvertToInt()) {
            return new CachedPrompt(cached.asInt(), CachedPrompt.USAGE);
        }
        JsonNode cacheN = data.path("timings").get("cache_n");
        if (cacheN != null && cacheN.canConvertToInt()) {
            return new CachedPrompt(cacheN.asInt(), CachedPrompt.LLAMA);
        }
        return null;
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return values[0];
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String textOr(JsonNode n, String fallback) {
        String t = textOrNull(n);
        return t == null ? fallback : t;
    }

    private static Integer intOrNull(JsonNode n) {
        return n == null || !n.canConvertToInt() ? null : n.asInt();
    }
}
