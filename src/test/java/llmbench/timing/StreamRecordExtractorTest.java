package llmbench.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunks as the seed server writes them (Python json.dumps spacing), wrapped the way Gatling 3.15 delivers them. */
class StreamRecordExtractorTest {
    private static final RequestLabels LABELS = new RequestLabels("Test", "batch k=1", 1, 0, false);
    private static final String ROLE = gatling("{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion.chunk\", "
            + "\"choices\": [{\"index\": 0, \"delta\": {\"role\": \"assistant\"}, \"finish_reason\": null}]}");
    private static final String EMPTY = chat("", null);
    private static final String USAGE = gatling("{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion.chunk\", "
            + "\"choices\": [], \"usage\": {\"prompt_tokens\": 12, \"completion_tokens\": 3, \"total_tokens\": 15}}");
    private final StreamRecordExtractor extractor = new StreamRecordExtractor();

    static String gatling(String payload) {
        return "{\"data\":" + payload + "}";
    }

    static String chat(String content, String finish) {
        return gatling("{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion.chunk\", \"choices\": [{\"index\": 0, "
                + "\"delta\": {\"content\": \"" + content + "\"}, \"finish_reason\": "
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}");
    }

    static CapturedStream.Message at(long us, String body) {
        return new CapturedStream.Message(us, body);
    }

    @Test
    void ttftIsTheFirstNonEmptyContentChunkNotTheRoleOnlyOrEmptyChunk() {
        CapturedStream s = new CapturedStream(LABELS, 1_000, 5_500L, chat("Hello", null), 9_000L,
                List.of(at(2_000, ROLE), at(3_000, EMPTY), at(7_000, chat(" world", null)),
                        at(8_000, chat("!", "length")), at(8_500, USAGE)), 9_100, null);
        RequestRecord r = extractor.extract(s);
        assertNull(r.error());
        assertEquals(2_000L, r.firstChunkUs());
        assertEquals(5_500L, r.firstTokenUs());
        assertEquals(8_000L, r.lastContentUs());
        assertEquals(9_000L, r.endUs());
        assertEquals(3, r.contentChunks());
        assertEquals("length", r.finishReason());
        assertEquals("chatcmpl-1", r.responseId());
        assertEquals(200, r.httpStatus());
    }

    @Test
    void llamaCppTimingsOnTheUsageChunkBecomeTheRecordsServerTimingsInSeconds() {
        String usageWithTimings = gatling("{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion.chunk\", "
                + "\"choices\": [], \"usage\": {\"prompt_tokens\": 12, \"completion_tokens\": 3, \"total_tokens\": 15}, "
                + "\"timings\": {\"prompt_n\": 12, \"prompt_ms\": 4.5, \"predicted_n\": 3, \"predicted_ms\": 30.0}}");
        CapturedStream s = new CapturedStream(LABELS, 0, 10L, chat("a", null), 40L,
                List.of(at(20, chat("b", "length")), at(30, usageWithTimings)), 41, null);
        RequestRecord r = extractor.extract(s);
        assertEquals(0.0045, r.serverTimings().prefillS(), 1e-12);
        assertEquals(0.030, r.serverTimings().decodeS(), 1e-12);
        assertEquals("timings (llama.cpp)", r.serverTimings().source());
        assertNull(r.serverTimings().draftN(), "no speculation, no draft counts");
        assertNull(extractor.extract(new CapturedStream(LABELS, 0, 10L, chat("a", null), 40L,
                List.of(at(30, USAGE)), 41, null)).serverTimings());
    }

    @Test
    void llamaCppDraftCountsAreKeptForTheNgramAcceptance() {
        String usageWithDrafts = gatling("{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion.chunk\", "
                + "\"choices\": [], \"usage\": {\"prompt_tokens\": 12, \"completion_tokens\": 3, \"total_tokens\": 15}, "
                + "\"timings\": {\"prompt_ms\": 4.5, \"predicted_ms\": 30.0, \"draft_n\": 40, \"draft_n_accepted\": 30}}");
        RequestRecord r = extractor.extract(new CapturedStream(LABELS, 0, 10L, chat("a", null), 40L,
                List.of(at(20, chat("b", "length")), at(30, usageWithDrafts)), 41, null));
        assertEquals(40L, r.serverTimings().draftN());
        assertEquals(30L, r.serverTimings().draftAccepted());
        llmbench.metrics.SpecDecodeDeltas d = llmbench.metrics.DraftCountsFromTimings.of(r);
        assertEquals(0.75, d.acceptanceRate(), 1e-12); // 30 / 40
        assertNull(d.tokensPerStep(), "llama.cpp reports no steps");
        assertFalse(llmbench.metrics.DraftCountsFromTimings.of(extractor.extract(new CapturedStream(LABELS, 0, 10L,
                chat("a", null), 40L, List.of(at(30, USAGE)), 41, null))).reported());
    }

    @Test
    void tokenCountsComeFromTheUsageChunkWithEmptyChoices() {
        CapturedStream s = new CapturedStream(LABELS, 0, 10L, chat("a", null), 40L,
                List.of(at(20, chat("b", null)), at(30, USAGE)), 41, null);
        RequestRecord r = extractor.extract(s);
        assertEquals("usage", r.tokenSource());
        assertEquals(12, r.promptTokens());
        assertEquals(3, r.completionTokens());
        assertEquals(2, r.contentChunks());
        assertTrue(r.usageDisagreesWithChunks());
    }

    @Test
    void withoutUsageTheCompletionCountIsTheNumberOfContentChunksAndPromptTokensAreUnknown() {
        CapturedStream s = new CapturedStream(LABELS, 0, 10L, chat("a", null), 40L,
                List.of(at(15, EMPTY), at(20, chat("b", null)), at(30, chat("c", "stop"))), 41, null);
        RequestRecord r = extractor.extract(s);
        assertEquals("chunks", r.tokenSource());
        assertEquals(3, r.completionTokens());
        assertNull(r.promptTokens());
        assertFalse(r.usageDisagreesWithChunks());
    }

    @Test
    void completionsTextAndReasoningContentCountAsGeneratedText() {
        String completion = gatling("{\"id\": \"cmpl-1\", \"object\": \"text_completion\", "
                + "\"choices\": [{\"index\": 0, \"text\": \" there\", \"finish_reason\": null}]}");
        String reasoning = gatling("{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hm\"}}]}");
        assertTrue(StreamChunk.parseGatlingMessage(completion).hasText());
        assertTrue(StreamChunk.parseGatlingMessage(reasoning).hasText());
        assertFalse(StreamChunk.parseGatlingMessage(ROLE).hasText());
        assertFalse(StreamChunk.parseGatlingMessage(EMPTY).hasText());
    }

    @Test
    void doneArrivesAsGatlingsNonJsonMessage() {
        assertTrue(StreamChunk.parseGatlingMessage("{\"data\":[DONE]}").done());
        assertTrue(StreamChunk.parseGatlingMessage("{\"data\":\"[DONE]\"}").done());
        assertFalse(StreamChunk.parseGatlingMessage("{\"data\":not json").parsed());
    }

    @Test
    void anInBandErrorChunkFailsTheRequest() {
        String error = gatling("{\"error\": {\"message\": \"Stream timeout: no tokens received for 120.0 seconds\", "
                + "\"type\": \"server_error\"}}");
        CapturedStream s = new CapturedStream(LABELS, 0, 10L, chat("a", null), 40L,
                List.of(at(20, error)), 41, null);
        RequestRecord r = extractor.extract(s);
        assertEquals("server error in stream: Stream timeout: no tokens received for 120.0 seconds", r.error());
    }

    @Test
    void aStreamWithoutDoneIsAFailureThatKeepsItsTimestamps() {
        CapturedStream s = new CapturedStream(LABELS, 0, 10L, chat("a", null), null,
                List.of(at(20, chat("b", null))), 5_000, "Gatling marked the stream KO");
        RequestRecord r = extractor.extract(s);
        assertEquals("stream ended or timed out before data: [DONE]", r.error());
        assertEquals(20L, r.lastContentUs());
        assertEquals(5_000L, r.closedUs());
    }

    @Test
    void aConnectionThatNeverStreamedHasNoStatusAndSaysSo() {
        CapturedStream s = new CapturedStream(LABELS, 0, null, null, null, List.of(), 300, "Gatling marked the stream KO");
        RequestRecord r = extractor.extract(s);
        assertNull(r.httpStatus());
        assertTrue(r.error().startsWith("no event stream: Gatling marked the stream KO"), r.error());
    }

    @Test
    void aRejectedConnectTakesTheStatusGatlingNamed() {
        CapturedStream s = new CapturedStream(LABELS, 0, null, null, null, List.of(), 300,
                "Gatling: Server returned http response with code 429");
        RequestRecord r = extractor.extract(s);
        assertEquals(429, r.httpStatus());
        assertTrue(r.error().startsWith("no event stream: Gatling: Server returned http response with code 429"), r.error());
    }
}
