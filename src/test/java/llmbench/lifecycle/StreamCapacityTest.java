package llmbench.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import llmbench.config.BadInputException;
import org.junit.jupiter.api.Test;

/** Stream counts that cannot work are refused before a run, naming the limit and how to raise it. */
class StreamCapacityTest {
    @Test
    void streamsBeyondTheOpenFileLimitAreRefusedWithTheLimitAndHowToRaiseIt() {
        // 100,000 streams with the embedded server: 2 × 100,000 + 50 open + 128 others.
        assertEquals("concurrency.levels: 100,000 streams at once need about 200,178 open files (2 per stream with "
                        + "the embedded server), but this process may open 20,000; raise the limit (ulimit -n 200178, "
                        + "before mvn) or ask for fewer streams",
                assertThrows(BadInputException.class, () -> StreamCapacity.require("concurrency.levels", 100_000, true,
                        20_000, 50)).getMessage());
        StreamCapacity.require("concurrency.levels", 9_000, true, 20_000, 50);
        StreamCapacity.require("concurrency.levels", 19_000, false, 20_000, 50);
    }

    @Test
    void theEmbeddedServersQueueBoundsItsStreams() {
        StreamCapacity.requireQueue("batch.sizes", 128, 128);
        assertEquals("batch.sizes: 129 streams at once exceed the embedded reference server's queue (128 requests; "
                        + "more are refused with HTTP 503); ask for at most 128, or measure a server of your own with "
                        + "-Dtarget.url",
                assertThrows(BadInputException.class, () -> StreamCapacity.requireQueue("batch.sizes", 129, 128))
                        .getMessage());
    }
}
