package llmbench.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamTimelineTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachJsonDataEventIsOneTokenAndDoneIsNone() {
        StreamTimeline t = new StreamTimeline(8);
        t.feed(b("data: {\"choices\":[{\"text\":\" a\"}]}\n\n"), 100);
        t.feed(b("data: {\"choices\":[{\"text\":\" b\"}]}\n\ndata: {\"choices\":[{\"text\":\".\"}]}\n\n"), 250);
        assertFalse(t.done());
        t.feed(b("data: [DONE]\n\n"), 300);
        assertTrue(t.done());
        assertEquals(3, t.tokens());
        assertEquals(2, t.reads(), "the [DONE]-only read carries no token");
        assertEquals(100, t.arrivalNanos(0));
        assertEquals(250, t.arrivalNanos(1));
        assertEquals(2, t.tokensAt(1));
        assertEquals(100, t.firstNanos());
    }

    @Test
    void anEventSplitAcrossReadsCountsOnceAtTheReadThatCompletesIt() {
        StreamTimeline t = new StreamTimeline(8);
        t.feed(b("da"), 1);
        t.feed(b("ta: "), 2);
        assertEquals(0, t.tokens());
        t.feed(b("{\"x\":\"data\"}\n\n"), 3); // "data" inside the JSON is not an event
        assertEquals(1, t.tokens());
        assertEquals(3, t.arrivalNanos(0));
    }

    @Test
    void readsBeyondCapacityAreCountedButNotStamped() {
        StreamTimeline t = new StreamTimeline(1);
        t.feed(b("data: {}\n\n"), 10);
        t.feed(b("data: {}\n\n"), 20);
        assertEquals(2, t.reads());
        assertEquals(1, t.stamped());
        assertEquals(2, t.tokens());
    }
}
