package llmbench.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import llmbench.load.ChatRequestBody;
import llmbench.metrics.PrefillFromCache;
import llmbench.metrics.TruncatedByContext;
import org.junit.jupiter.api.Test;

/**
 * Cached prompt tokens, a completion cut by the context, and SSE lines that are not JSON, read from streams as
 * vLLM and llama.cpp's llama-server write them (compact JSON), wrapped the way Gatling 3.15 delivers them.
 */
class ServersWordTest {
    private static final RequestLabels LABELS = new RequestLabels("Test", "batch k=1", 1, 0, false);
    private final StreamRecordExtractor extractor = new StreamRecordExtractor();

    static String gatling(String payload) {
        return "{\"data\":" + payload + "}";
    }

    static CapturedStream.Message at(long us, String body) {
        return new CapturedStream.Message(us, body);
    }

    static CapturedStream stream(String firstChunk, List<CapturedStream.Message> rest, int maxTokens) {
        return new CapturedStream(LABELS, 0, 10_000L, firstChunk, 90_000L, rest, 90_100, null, null, true,
                ChatRequestBody.streaming("m", "Summarise the passage.", maxTokens, 0.7));
    }

    // vLLM 0.x with --enable-prompt-tokens-details: the usage chunk after the last content chunk
    private static final String VLLM_FIRST = gatling("{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1764480000,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The\"},"
            + "\"logprobs\":null,\"finish_reason\":null}]}");
    private static final String VLLM_LAST = gatling("{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1764480000,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" end\"},"
            + "\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_reason\":null}]}");
    private static final String VLLM_USAGE = gatling("{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1764480000,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":650,"
            + "\"total_tokens\":652,\"completion_tokens\":2,\"prompt_tokens_details\":{\"cached_tokens\":320}}}");

    @Test
    void vllmsCachedTokensAreRecordedWithTheirSourceAndUnderHalfThePromptIsNotFromCache() {
        RequestRecord r = extractor.extract(stream(VLLM_FIRST, List.of(at(50_000, VLLM_LAST), at(51_000, VLLM_USAGE),
                at(52_000, StreamChunk.GATLING_DONE_MESSAGE)), 128));
        assertEquals(new CachedPrompt(320, "usage.prompt_tokens_details.cached_tokens"), r.cachedPrompt());
        assertFalse(PrefillFromCache.of(r));          // 2 · 320 = 640 < 650
        assertFalse(TruncatedByContext.of(r));        // finish_reason stop
        assertEquals(0, r.unparsableEvents());
        assertEquals(128, r.maxTokens());
    }

    // llama-server: the final chunk carries usage and timings; cache_n counts within prompt_tokens
    private static final String LLAMA_FIRST = gatling("{\"choices\":[{\"finish_reason\":null,\"index\":0,"
            + "\"delta\":{\"content\":\"Once\"}}],\"created\":1764480000,\"id\":\"chatcmpl-Ab\",\"model\":\"m\","
            + "\"system_fingerprint\":\"b7000-abc\",\"object\":\"chat.completion.chunk\"}");
    private static final String LLAMA_SECOND = gatling("{\"choices\":[{\"finish_reason\":null,\"index\":0,"
            + "\"delta\":{\"content\":\" upon\"}}],\"created\":1764480000,\"id\":\"chatcmpl-Ab\",\"model\":\"m\","
            + "\"system_fingerprint\":\"b7000-abc\",\"object\":\"chat.completion.chunk\"}");
    private static final String LLAMA_FINAL = gatling("{\"choices\":[{\"finish_reason\":\"length\",\"index\":0,"
            + "\"delta\":{}}],\"created\":1764480000,\"id\":\"chatcmpl-Ab\",\"model\":\"m\",\"system_fingerprint\":"
            + "\"b7000-abc\",\"object\":\"chat.completion.chunk\",\"usage\":{\"completion_tokens\":435,"
            + "\"prompt_tokens\":77,\"total_tokens\":512},\"timings\":{\"cache_n\":76,\"prompt_n\":1,\"prompt_ms\":"
            + "3.2,\"prompt_per_token_ms\":3.2,\"prompt_per_second\":312.5,\"predicted_n\":435,\"predicted_ms\":"
            + "2100.5,\"predicted_per_token_ms\":4.83,\"predicted_per_second\":207.1}}");

    @Test
    void llamaCppsCacheNIsRecordedAndMarksAPrefillFromCacheAndALengthBelowMaxTokensIsTheContext() {
        RequestRecord r = extractor.extract(stream(LLAMA_FIRST, List.of(at(30_000, LLAMA_SECOND),
                at(89_000, LLAMA_FINAL), at(89_500, StreamChunk.GATLING_DONE_MESSAGE)), 512));
        assertNull(r.error());
        assertEquals(new CachedPrompt(76, "timings.cache_n"), r.cachedPrompt());
        assertTrue(PrefillFromCache.of(r));           // 2 · 76 ≥ 77
        assertEquals(512, r.maxTokens());
        assertTrue(TruncatedByContext.of(r));         // length at 435 of 512: the slot's context ran out
    }

    @Test
    void aLengthFinishAtMaxTokensIsNotTheContextAndWithoutMaxTokensItIsUnknown() {
        RequestRecord atMax = extractor.extract(stream(LLAMA_FIRST, List.of(at(30_000, LLAMA_SECOND),
                at(89_000, LLAMA_FINAL)), 435));
        assertFalse(TruncatedByContext.of(atMax));
        RequestRecord noBody = extractor.extract(new CapturedStream(LABELS, 0, 10_000L, LLAMA_FIRST, 90_000L,
                List.of(at(89_000, LLAMA_FINAL)), 90_100, null));
        assertNull(noBody.maxTokens());
        assertNull(TruncatedByContext.of(noBody));
        assertNull(PrefillFromCache.of(extractor.extract(stream(VLLM_FIRST, List.of(at(50_000, VLLM_LAST)), 128))),
                "no cached count reported: unknown, not false");
    }

    @Test
    void sseLinesThatAreNotJsonAreCountedNotSkippedSilently() {
        // a line cut mid-object (Gatling embeds a JSON-looking payload raw, so the envelope breaks), a plain-text
        // data line (Gatling wraps it as a JSON string), and an event-only message with no data, which is no fault
        String cut = "{\"data\":{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\":{\"con}";
        String text = "{\"data\":\"upstream overloaded, retrying\"}";
        String eventOnly = "{\"event\":\"ping\"}";
        RequestRecord r = extractor.extract(stream(VLLM_FIRST, List.of(at(20_000, cut), at(30_000, text),
                at(40_000, eventOnly), at(50_000, VLLM_LAST), at(51_000, VLLM_USAGE)), 128));
        assertEquals(2, r.unparsableEvents());
        assertEquals(2, r.contentChunks());
        assertNull(r.error());
    }

    // llama-server refusing a prompt longer than its slot's context (HTTP 400), as its error body reads
    private static final String LLAMA_400 = "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available "
            + "context size, try increasing it\",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":600,"
            + "\"n_ctx\":512}}";
    private static final String REFUSED_400 =
            "Gatling: i.g.h.a.s.SseInvalidStatusException: Server returned http response with code 400";

    private static CapturedStream refused(String failure) {
        return new CapturedStream(LABELS, 0, null, null, null, List.of(), 3_000, failure, null, true,
                ChatRequestBody.streaming("m", "a long passage", 512, 0.7));
    }

    @Test
    void aRefusedStreamKeepsTheStatusAndTheServersMessageAsTheNonStreamedPathDoes() {
        CapturedStream s = refused(REFUSED_400);
        assertEquals(400, s.refusedStatus());
        RequestRecord r = extractor.extract(s.withRefusalBody(LLAMA_400 + "\n"));
        assertEquals(400, r.httpStatus());
        assertEquals("HTTP 400: " + LLAMA_400, r.error());
        // vLLM's refusal of a prompt past max_model_len is longer: its first 200 characters are kept
        String vllm = "{\"object\":\"error\",\"message\":\"This model's maximum context length is 2048 tokens. "
                + "However, you requested 2176 tokens (2048 in the messages, 128 in the completion). Please reduce the "
                + "length of the messages or completion.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}";
        RequestRecord v = extractor.extract(s.withRefusalBody(vllm));
        assertEquals("HTTP 400: " + vllm.substring(0, 200), v.error());
    }

    @Test
    void aRefusedStreamWhoseReplyWasNotReadKeepsItsStatusAndSaysWhyThereIsNoMessage() {
        RequestRecord r = extractor.extract(refused(
                "Gatling: i.g.h.a.s.SseInvalidStatusException: Server returned http response with code 429"));
        assertEquals(429, r.httpStatus());
        assertTrue(r.error().startsWith("no event stream: Gatling: i.g.h.a.s.SseInvalidStatusException: Server "
                + "returned http response with code 429"), r.error());
        assertNull(refused("Gatling marked the stream KO").refusedStatus(), "a refused connection has no status");
    }
}
