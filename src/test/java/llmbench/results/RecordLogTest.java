package llmbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import llmbench.timing.CapturedStream;
import llmbench.timing.RequestLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordLogTest {
    private static final String CHUNK = "{\"data\":{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion.chunk\", "
            + "\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"Hi\"}, \"finish_reason\": \"stop\"}]}}";

    private static CapturedStream stream(int idx) {
        return new CapturedStream(new RequestLabels("Test", "batch k=1", 1, idx, false), 1_000, 2_000L, CHUNK,
                3_000L, List.of(), 3_100, null);
    }

    /** A capture the extractor cannot read (no message list at all). */
    private static CapturedStream unreadable(int idx) {
        return new CapturedStream(new RequestLabels("Test", "batch k=1", 1, idx, false), 1_000, null, null,
                null, null, 3_100, null);
    }

    @Test
    void everyStreamHandedOverBeforeCloseIsStoredAndWrittenEvenWhenStoringIsSlow(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("r.jsonl"));
        RecordLog log = new RecordLog(file, "t", () -> sleepMillis(2));
        for (int i = 0; i < 300; i++) {
            log.sent();
            log.accept(stream(i));
        }
        log.close(Duration.ofSeconds(30));
        RecordLog.Tally t = log.tally();
        assertEquals(300, t.sent());
        assertEquals(300, t.stored());
        assertEquals(0, t.lostTotal());
        assertEquals(300, Files.readAllLines(file).size());
    }

    @Test
    void aRequestSentButNeverHandedOverIsLostWithItsReasonOnceTheLogIsClosed(@TempDir Path dir) throws Exception {
        RecordLog log = new RecordLog(Files.createFile(dir.resolve("r.jsonl")), "t", () -> { });
        for (int i = 0; i < 3; i++) {
            log.sent();
        }
        log.accept(stream(0));
        log.accept(stream(1));
        log.close(Duration.ofSeconds(30));
        RecordLog.Tally t = log.tally();
        assertEquals(3, t.sent());
        assertEquals(2, t.stored());
        assertEquals(1, t.lostTotal());
        assertEquals(Map.of(RecordLog.NEVER_HANDED_OVER, 1L), t.lostByReason());
    }

    @Test
    void anOpenLogCountsAnUnfinishedRequestAsInFlightNotLost(@TempDir Path dir) throws Exception {
        CountDownLatch stored = new CountDownLatch(1);
        RecordLog log = new RecordLog(Files.createFile(dir.resolve("r.jsonl")), "t", stored::countDown);
        log.sent();
        log.sent();
        log.accept(stream(0));
        stored.await();
        RecordLog.Tally t = log.tally();
        assertEquals(1, t.pending());
        assertEquals(0, t.lostTotal());
        ObjectNode partial = new ObjectMapper().createObjectNode();
        assertNull(ResultCounts.putAccounting(partial, t));
        assertEquals(1, partial.path("requests").path("in_flight").asInt());
        log.close();
    }

    @Test
    void aCaptureThatCannotBeReadIsLostWithTheExtractorsReasonAndTheResultSaysSo(@TempDir Path dir) throws Exception {
        RecordLog log = new RecordLog(Files.createFile(dir.resolve("r.jsonl")), "t", () -> { });
        log.sent();
        log.sent();
        log.accept(stream(0));
        log.accept(unreadable(1));
        log.close(Duration.ofSeconds(30));
        RecordLog.Tally t = log.tally();
        assertEquals(1, t.stored());
        assertEquals(1, t.lostTotal());
        assertTrue(t.lost().get(0).reason().startsWith("record could not be extracted: java.lang.NullPointerException"),
                t.lost().toString());
        assertEquals(1, t.lost().get(0).labels().requestIdx());

        ObjectNode result = new ObjectMapper().createObjectNode();
        String error = ResultCounts.putAccounting(result, t);
        assertEquals("1 of 2 requests sent are in no record (see requests.lost_reasons)", error);
        assertEquals(error, result.path("error").asText());
        assertEquals(2, result.path("requests").path("sent").asInt());
        assertEquals(1, result.path("requests").path("lost").asInt());
        assertFalse(result.path("requests").has("in_flight"));
    }

    @Test
    void aStreamHandedOverAfterCloseIsCountedLostNotDropped(@TempDir Path dir) throws Exception {
        RecordLog log = new RecordLog(Files.createFile(dir.resolve("r.jsonl")), "t", () -> { });
        log.sent();
        log.close(Duration.ofSeconds(30));
        log.accept(stream(0));
        assertEquals(Map.of("handed over after the result was written", 1L), log.tally().lostByReason());
    }

    @Test
    void streamsStillQueuedWhenTheBoundRunsOutAreLostWithThatReason(@TempDir Path dir) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordLog log = new RecordLog(Files.createFile(dir.resolve("r.jsonl")), "t", () -> awaitQuietly(release));
        for (int i = 0; i < 4; i++) {
            log.sent();
            log.accept(stream(i));
        }
        log.close(Duration.ofMillis(200));
        release.countDown();
        RecordLog.Tally t = log.tally();
        assertEquals(4, t.sent());
        // The first record was stored before its onRecord blocked; the other three were still queued.
        assertEquals(1, t.stored());
        assertEquals(Map.of("not stored within 200 ms of the run's end", 3L), t.lostByReason());
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
