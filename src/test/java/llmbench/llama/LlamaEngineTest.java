package llmbench.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behaviour of the engine on the real 260K-parameter TinyStories model; one engine, 4 slots, shared. */
class LlamaEngineTest {

    private static LlamaEngine engine;

    @BeforeAll
    static void load() {
        engine = LlamaEngine.load(EngineSettings.defaults().withModelFile(TestModel.file())
                .withContextSize(2048).withParallelSlots(4).withThreads(2));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void generatesExactlyMaxTokensAndReportsLength() {
        List<String> pieces = new ArrayList<>();
        GenerationResult r = engine.generate(GenerationRequest.text("Once upon a time", 16), pieces::add);
        assertEquals("length", r.finishReason());
        assertEquals(16, r.completionTokens());
        // "Once upon a time" is 4 tokens of this vocabulary, plus BOS.
        assertEquals(5, r.promptTokens());
        assertEquals(String.join("", pieces), r.text());
        assertTrue(pieces.size() >= 1 && pieces.size() <= 16, "pieces: " + pieces.size());
    }

    @Test
    void temperatureZeroGivesTheSameTextTwice() {
        GenerationRequest request = GenerationRequest.text("The little dog", 32).withTemperature(0);
        String first = engine.generate(request, TokenListener.NONE).text();
        String second = engine.generate(request, TokenListener.NONE).text();
        assertTrue(first.length() > 20, first);
        assertEquals(first, second);
    }

    @Test
    void stopStringEndsGenerationJustBeforeIt() {
        GenerationRequest free = GenerationRequest.text("Tom went to the park", 48).withTemperature(0);
        String unconstrained = engine.generate(free, TokenListener.NONE).text();
        String stop = wordAfterTheFirstTen(unconstrained);
        GenerationResult r = engine.generate(free.withStop(stop), TokenListener.NONE);
        assertEquals(unconstrained.substring(0, unconstrained.indexOf(stop)), r.text(), "stop " + stop);
        assertEquals("stop", r.finishReason());
        assertTrue(r.completionTokens() < 48);
    }

    @Test
    void chatWithoutModelTemplateUsesTheSeedFallbackLines() {
        assertTrue(!engine.hasChatTemplate());
        GenerationRequest chat = GenerationRequest.chat(
                List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "Tell a story.")), 8);
        assertEquals("system: Be brief.\nuser: Tell a story.\nassistant:", engine.render(chat));
        assertEquals(8, engine.generate(chat, TokenListener.NONE).completionTokens());
    }

    @Test
    void engineTimingsMatchTheTokensAndFitInsideTheWallClock() {
        GenerationResult r = engine.generate(GenerationRequest.text("A girl named Sue had a red ball", 64),
                TokenListener.NONE);
        EngineTimings t = r.timings();
        assertNotNull(t, "engine timings missing");
        assertEquals(r.completionTokens(), t.predictedTokens());
        assertEquals(r.promptTokens(), t.promptTokens() + t.cachedTokens());
        assertTrue(t.promptMs() > 0 && t.predictedMs() > 0, t.toString());
        // The engine's clock runs inside the wall-clock span of the call: it cannot be longer (2 ms for
        // rounding and clock granularity), and the Java/JNI overhead around it stays under 250 ms.
        assertTrue(t.totalMs() <= r.wallMs() + 2.0, t + " wall " + r.wallMs());
        assertTrue(r.wallMs() - t.totalMs() < 250.0, t + " wall " + r.wallMs());
    }

    @Test
    void fourConcurrentGenerationsRunInParallelSlotsNotOneAfterAnother() throws Exception {
        List<GenerationRequest> requests = List.of(
                GenerationRequest.text("One day a cat", 100), GenerationRequest.text("The sun was hot", 100),
                GenerationRequest.text("Ben had a toy car", 100), GenerationRequest.text("Mom made a cake", 100));
        long t0 = System.nanoTime();
        int sequentialTokens = 0;
        for (GenerationRequest r : requests) {
            sequentialTokens += engine.generate(r, TokenListener.NONE).completionTokens();
        }
        double sequentialS = (System.nanoTime() - t0) / 1e9;

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            long[] firstToken = new long[4];
            long[] finished = new long[4];
            List<Callable<GenerationResult>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int slot = i;
                calls.add(() -> {
                    GenerationResult r = engine.generate(requests.get(slot), piece -> {
                        if (firstToken[slot] == 0) {
                            firstToken[slot] = System.nanoTime();
                        }
                    });
                    finished[slot] = System.nanoTime();
                    return r;
                });
            }
            long t1 = System.nanoTime();
            int concurrentTokens = 0;
            for (Future<GenerationResult> f : pool.invokeAll(calls)) {
                concurrentTokens += f.get().completionTokens();
            }
            double concurrentS = (System.nanoTime() - t1) / 1e9;
            String numbers = String.format("1 at a time: %d tok in %.3f s (%.0f tok/s); 4 at once: %d tok in %.3f s (%.0f tok/s)",
                    sequentialTokens, sequentialS, sequentialTokens / sequentialS,
                    concurrentTokens, concurrentS, concurrentTokens / concurrentS);
            System.out.println("llama engine aggregate throughput: " + numbers);
            assertEquals(400, concurrentTokens, numbers);
            // Served one after another, a later request's first token would come after an earlier one ended.
            long lastFirstToken = java.util.Arrays.stream(firstToken).max().orElseThrow();
            long firstFinish = java.util.Arrays.stream(finished).min().orElseThrow();
            assertTrue(lastFirstToken < firstFinish, "every request had its first token before any finished; " + numbers);
            // No throughput assertion: on this 260K model 4 slots are not faster than 1 (docs/llama-engine.md).
        } finally {
            pool.shutdownNow();
        }
    }

    private static String wordAfterTheFirstTen(String text) {
        for (String word : text.substring(Math.min(10, text.length())).split("[^A-Za-z]+")) {
            if (word.length() >= 3) {
                return word;
            }
        }
        throw new AssertionError("no word to stop at in: " + text);
    }
}
