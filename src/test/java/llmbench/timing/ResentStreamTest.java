package llmbench.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A stream into which Gatling's SSE reconnect put a second response (after the server broke the first). */
class ResentStreamTest {
    private static final RequestLabels LABELS = new RequestLabels("Test", "concurrency 1", 0, 3, false);

    private static String chunk(String id, String content, String finish) {
        return "{\"data\":{\"id\": \"" + id + "\", \"object\": \"chat.completion.chunk\", \"choices\": [{\"index\": 0, "
                + "\"delta\": {\"content\": \"" + content + "\"}, \"finish_reason\": "
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}}";
    }

    @Test
    void aSecondResponseIdInOneStreamIsAFailureNotAMergedSuccess() {
        CapturedStream s = new CapturedStream(LABELS, 0, 10L, chunk("chatcmpl-a", "Once", null), 3_100_000L,
                List.of(new CapturedStream.Message(3_050_000, chunk("chatcmpl-b", "Once", null)),
                        new CapturedStream.Message(3_060_000, chunk("chatcmpl-b", " upon", "stop"))), 3_100_001, null);
        RequestRecord r = new StreamRecordExtractor().extract(s);
        assertEquals(StreamRecordExtractor.RESENT + " (response ids chatcmpl-a, chatcmpl-b)", r.error());
        assertEquals("chatcmpl-a", r.responseId());
    }

    @Test
    void oneResponseIdThroughoutIsNoResend() {
        CapturedStream s = new CapturedStream(LABELS, 0, 10L, chunk("chatcmpl-a", "Once", null), 40L,
                List.of(new CapturedStream.Message(20, chunk("chatcmpl-a", " upon", "stop"))), 41, null);
        assertNull(new StreamRecordExtractor().extract(s).error());
    }
}
