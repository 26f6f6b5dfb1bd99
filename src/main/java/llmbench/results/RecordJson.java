package llmbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import llmbench.timing.CachedPrompt;
import llmbench.timing.RequestLabels;
import llmbench.timing.RequestRecord;
import llmbench.timing.RequestedLengths;

/**
 * The JSON-lines form of a {@link RequestRecord}: one flat object, snake_case, times in epoch µs;
 * {@code content_gaps_us} is the list of arrival gaps between consecutive content chunks (µs) that inter-token
 * latency is computed from.
 */
public final class RecordJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private RecordJson() {
    }

    public static ObjectNode toJson(RequestRecord r, String label) {
        ObjectNode o = JSON.createObjectNode();
        RequestLabels l = r.labels();
        o.put("simulation", l.simulation());
        o.put("label", label);
        o.put("case", l.caseName());
        o.put("run", l.run());
        o.put("request_idx", l.requestIdx());
        o.put("warmup", l.warmup());
        o.put("response_id", r.responseId());
        if (l.intendedSendUs() != null) {
            o.put("intended_send_epoch_us", l.intendedSendUs());
            o.put("scheduling_lag_s", llmbench.metrics.RequestLatency.schedulingLagS(r));
        }
        o.put("send_epoch_us", r.sendUs());
        o.put("first_chunk_epoch_us", r.firstChunkUs());
        o.put("first_token_epoch_us", r.firstTokenUs());
        o.put("last_content_epoch_us", r.lastContentUs());
        o.put("end_epoch_us", r.endUs());
        o.put("closed_epoch_us", r.closedUs());
        o.put("prompt_tokens", r.promptTokens());
        o.put("completion_tokens", r.completionTokens());
        putRequested(o, l.requested());
        o.put("token_source", r.tokenSource());
        o.put("usage_prompt_tokens", r.usagePromptTokens());
        o.put("usage_completion_tokens", r.usageCompletionTokens());
        o.put("content_chunks", r.contentChunks());
        o.put("finish_reason", r.finishReason());
        o.put("http_status", r.httpStatus());
        o.put("error", r.error());
        o.put("streamed", r.streamed());
        o.put("content_preview", preview(r.content()));
        if (r.serverTimings() != null) {
            o.put("server_prefill_s", r.serverTimings().prefillS());
            o.put("server_decode_s", r.serverTimings().decodeS());
            o.put("server_timings_source", r.serverTimings().source());
        }
        if (r.contentGapsUs() != null) {
            ArrayNode gaps = o.putArray("content_gaps_us");
            for (int g : r.contentGapsUs()) {
                gaps.add(g);
            }
        }
        if (r.cachedPrompt() != null) {
            o.put("cached_prompt_tokens", r.cachedPrompt().tokens());
            o.put("cached_prompt_tokens_source", r.cachedPrompt().source());
        }
        o.put("unparsable_events", r.unparsableEvents());
        o.put("max_tokens", r.maxTokens());
        if (r.shape() != null) {
            o.put("reply_object", r.shape().object());
            o.put("parsed_chunks", r.shape().parsedChunks());
            o.put("first_chunks_have_id_and_object", r.shape().firstThreeHaveIdAndObject());
        }
        return o;
    }

    /** A workload's asked lengths beside the server's counts; nothing when no workload option shaped the request. */
    public static void putRequested(ObjectNode o, RequestedLengths asked) {
        if (asked != null) {
            o.put("target_prompt_tokens", asked.promptTokens());
            o.put("target_max_tokens", asked.maxTokens());
            o.put("output_forced", asked.outputForced());
        }
    }

    public static RequestRecord fromJson(JsonNode o) {
        RequestedLengths asked = o.has("output_forced") ? new RequestedLengths(intOrNull(o, "target_prompt_tokens"),
                intOrNull(o, "target_max_tokens"), o.path("output_forced").asBoolean()) : null;
        RequestLabels labels = new RequestLabels(o.path("simulation").asText(), o.path("case").asText(),
                o.path("run").asInt(), o.path("request_idx").asInt(), o.path("warmup").asBoolean(), asked,
                longOrNull(o, "intended_send_epoch_us"));
        return new RequestRecord(labels, text(o, "response_id"), o.path("send_epoch_us").asLong(),
                longOrNull(o, "first_chunk_epoch_us"), longOrNull(o, "first_token_epoch_us"),
                longOrNull(o, "last_content_epoch_us"), longOrNull(o, "end_epoch_us"),
                o.path("closed_epoch_us").asLong(),
                intOrNull(o, "prompt_tokens"), intOrNull(o, "completion_tokens"), text(o, "token_source"),
                intOrNull(o, "usage_prompt_tokens"), intOrNull(o, "usage_completion_tokens"),
                o.path("content_chunks").asInt(), text(o, "finish_reason"), intOrNull(o, "http_status"),
                text(o, "error"), text(o, "content_preview"), !o.has("streamed") || o.path("streamed").asBoolean(),
                o.has("server_timings_source") ? new llmbench.timing.ServerTimings(doubleOrNull(o, "server_prefill_s"),
                        doubleOrNull(o, "server_decode_s"), text(o, "server_timings_source")) : null,
                o.has("parsed_chunks") ? new llmbench.timing.ReplyShape(text(o, "reply_object"),
                        o.path("parsed_chunks").asInt(), o.path("first_chunks_have_id_and_object").asBoolean()) : null,
                gaps(o.get("content_gaps_us")),
                o.hasNonNull("cached_prompt_tokens") ? new CachedPrompt(o.path("cached_prompt_tokens").asInt(),
                        text(o, "cached_prompt_tokens_source")) : null,
                o.path("unparsable_events").asInt(), intOrNull(o, "max_tokens"));
    }

    private static int[] gaps(JsonNode a) {
        if (a == null || !a.isArray()) {
            return null;
        }
        int[] gaps = new int[a.size()];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = a.get(i).asInt();
        }
        return gaps;
    }

    /** The seed's content_preview: the first 100 characters. */
    public static String preview(String content) {
        return content == null ? null : content.length() > 100 ? content.substring(0, 100) : content;
    }

    private static Double doubleOrNull(JsonNode o, String f) {
        JsonNode n = o.get(f);
        return n == null || n.isNull() ? null : n.asDouble();
    }

    private static String text(JsonNode o, String f) {
        JsonNode n = o.get(f);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Long longOrNull(JsonNode o, String f) {
        JsonNode n = o.get(f);
        return n == null || n.isNull() ? null : n.asLong();
    }

    private static Integer intOrNull(JsonNode o, String f) {
        JsonNode n = o.get(f);
        return n == null || n.isNull() ? null : n.asInt();
    }
}
