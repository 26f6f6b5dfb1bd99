package llmbench.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import llmbench.metrics.ResponseMetrics;
import org.junit.jupiter.api.Test;

class ResponseRecordExtractorTest {
    private static final RequestLabels LABELS = new RequestLabels("Test", "non_streaming_chat_short", 1, 0, false);
    private final StreamRecordExtractor extractor = new StreamRecordExtractor();

    @Test
    void llamaCppTimingsGiveTheServersOwnPrefillSplit() {
        String body = "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50},"
                + "\"timings\":{\"prompt_ms\":250.0,\"predicted_ms\":2000.0}}";
        RequestRecord r = extractor.extract(CapturedStream.response(LABELS, 0, 3_000_000, 200, body, null));
        assertFalse(r.streamed());
        assertEquals("Hi", r.content());
        ResponseMetrics m = ResponseMetrics.of(r);
        assertEquals(0.25, m.prefillTimeS());
        assertEquals(400.0, m.prefillTokS());   // 100 / 0.25
        assertEquals(25.0, m.decodeTokS());     // 50 / 2.0
        assertEquals(50.0, m.throughputTokS()); // 150 / 3.0
        assertEquals(16.67, Math.round(m.generationTokS() * 100) / 100.0); // 50 / 3.0
    }

    @Test
    void withoutServerTimingsThereIsNoSplit() {
        String body = "{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"a\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5}}";
        ResponseMetrics m = ResponseMetrics.of(extractor.extract(
                CapturedStream.response(LABELS, 0, 1_000_000, 200, body, null)));
        assertNull(m.prefillTimeS());
        assertNull(m.decodeTokS());
        assertEquals(15.0, m.throughputTokS());
    }

    @Test
    void aNon200ReplyIsTheSeedsHttpError() {
        RequestRecord r = extractor.extract(CapturedStream.response(LABELS, 0, 10, 429,
                "{\"error\":{\"message\":\"Request queue is full (max_size=1)\"}}", null));
        assertEquals(429, r.httpStatus());
        assertEquals("HTTP 429: {\"error\":{\"message\":\"Request queue is full (max_size=1)\"}}", r.error());
    }
}
