package llmbench.refserver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import llmbench.refserver.model.NgramTextModel;
import llmbench.refserver.model.Tokenizer;
import llmbench.refserver.profile.ProfileLoader;
import llmbench.refserver.scheduler.BatchScheduler;
import llmbench.refserver.scheduler.TokenSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated engine's side of the {@link Engine} contract, on a real scheduler with the tiny profile. */
class SimulatedEngineTest {
    private final Tokenizer tokenizer = new Tokenizer();
    private final BatchScheduler scheduler = new BatchScheduler(ProfileLoader.load("tiny"), 4, 1);
    private final SimulatedEngine engine = new SimulatedEngine(scheduler, NgramTextModel.withBuiltInCorpus(tokenizer),
            tokenizer, new SimulatedEngine.Limits(50, 32768, 16, 0.9, true));

    @AfterEach
    void close() {
        engine.close();
    }

    private static EngineRequest request(String prompt, long maxTokens) {
        return new EngineRequest(false, prompt, List.of(), maxTokens, 0.0, 1.0, List.of());
    }

    /** Counts what a response writer hears. */
    private static final class CountingSink implements TokenSink {
        final AtomicInteger chunks = new AtomicInteger();
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public Emission prepare(List<Chunk> c, Completion completion) {
            chunks.addAndGet(c.size());
            if (completion != null) {
                ended.countDown();
            }
            return null;
        }

        @Override
        public void onCancelled() {
            ended.countDown();
        }
    }

    @Test
    void anAdmittedRequestGeneratesUpToMaxTokensAndRunsOnEnd() throws Exception {
        Engine.Admission a = engine.admit(request("the quick brown fox", 3));
        assertEquals(4, a.promptTokens());
        CountingSink sink = new CountingSink();
        CountDownLatch onEnd = new CountDownLatch(1);
        a.start(sink, onEnd::countDown);
        assertTrue(onEnd.await(10, TimeUnit.SECONDS));
        assertEquals(3, sink.chunks.get());
        assertEquals(1, engine.status().batch().requestsCompleted());
    }

    @Test
    void cancelBeforeStartEndsTheRequestWithoutTokensAndFreesItsPlace() throws Exception {
        Engine.Admission a = engine.admit(request("the quick brown fox", 50));
        a.cancel();
        CountingSink sink = new CountingSink();
        CountDownLatch onEnd = new CountDownLatch(1);
        a.start(sink, onEnd::countDown);
        assertTrue(onEnd.await(10, TimeUnit.SECONDS));
        assertEquals(0, sink.chunks.get());
        assertEquals(0, engine.status().batch().requestsCompleted());
        engine.admit(request("another prompt", 1)).abandon(); // the queue of one has room again
    }

    @Test
    void abandonGivesTheQueuePlaceBack() {
        Engine.Admission a = engine.admit(request("the quick brown fox", 5));
        EngineRefusal full = assertThrows(EngineRefusal.class, () -> engine.admit(request("second", 5)));
        assertEquals(EngineRefusal.Reason.QUEUE_FULL, full.reason());
        assertEquals(1, full.maxQueueSize());
        a.abandon();
        engine.admit(request("second", 5)).abandon();
    }

    @Test
    void requestsThatDoNotFitAreRefusedAsBadRequestsWithTheSeedsMessages() {
        assertEquals("Prompt must not be empty",
                assertThrows(EngineRefusal.class, () -> engine.admit(request("", 5))).getMessage());
        assertEquals("max_tokens must be at least 1",
                assertThrows(EngineRefusal.class, () -> engine.admit(request("hello", 0))).getMessage());
        String longPrompt = "word ".repeat(51).strip(); // 51 words, 51 tokens
        EngineRefusal tooLong = assertThrows(EngineRefusal.class, () -> engine.admit(request(longPrompt, 5)));
        assertEquals(EngineRefusal.Reason.BAD_REQUEST, tooLong.reason());
        assertEquals("Prompt too long: 51 tokens exceeds maximum of 50", tooLong.getMessage());
    }

    @Test
    void aClosedEngineRefusesAsShuttingDown() {
        engine.close();
        assertEquals(EngineRefusal.Reason.SHUTTING_DOWN,
                assertThrows(EngineRefusal.class, () -> engine.admit(request("hello", 5))).reason());
        assertEquals(false, engine.status().open());
    }
}
