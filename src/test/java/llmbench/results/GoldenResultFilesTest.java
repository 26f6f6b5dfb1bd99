package llmbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmbench.counters.CounterReader;
import llmbench.counters.SnapshotBook;
import llmbench.load.CaseSequence;
import llmbench.load.ConcurrencyPlan;
import llmbench.timing.RequestRecord;
import org.junit.jupiter.api.Test;

/**
 * Each converter's whole output on a recorded request log (src/test/resources/fixtures/*_requests.jsonl)
 * against a committed copy (src/test/resources/golden/), byte for byte, so a change to any number, name or
 * rounding in a result file shows as a diff of that copy in the commit that makes it. The fixtures hold the
 * edge cases: a failed request with and without an HTTP status, a non-streamed reply with and without server
 * timings, a single-token stream, unreported prompt tokens, and a TTFT of 0.03125 s (an exact binary tie at 4
 * decimals). {@code -Dgolden.update=true} rewrites the copies (then review the diff).
 * The {@code suite} block (version and JVM of the machine) is left out of the comparison.
 */
class GoldenResultFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 2, 14, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final SnapshotBook NO_COUNTERS =
            new SnapshotBook(new CounterReader(URI.create("http://127.0.0.1:9"), null, Duration.ofMillis(100)));

    @Test
    void batchResultMatchesItsGoldenCopy() {
        assertGolden("bench_batch", new BatchResultConverter(0.10, 2).convert(records("batch"), info("BatchSimulation"),
                false, NOW));
    }

    @Test
    void concurrentResultMatchesItsGoldenCopy() {
        ConcurrencyPlan plan = new ConcurrencyPlan(List.of(2, 3), null, Duration.ofMinutes(1), Duration.ZERO, 1);
        assertGolden("bench_concurrent", new ConcurrentResultConverter(plan, List.of(2, 3), i -> "prompt number " + i
                + " asks for something long enough to be cut at fifty characters", NO_COUNTERS)
                .convert(records("concurrent"), info("ConcurrentSimulation"), false, NOW));
    }

    @Test
    void singleResultMatchesItsGoldenCopy() {
        List<CaseSequence.Case> cases = List.of(
                streamCase("non_streaming_chat_short", CaseSequence.Kind.RESPONSE_CHAT, "short", 256),
                streamCase("non_streaming_chat_medium", CaseSequence.Kind.RESPONSE_CHAT, "medium", 256),
                streamCase("streaming_chat_short", CaseSequence.Kind.STREAM_CHAT, "short", 256),
                streamCase("streaming_completion_short", CaseSequence.Kind.STREAM_COMPLETION, "short", 256),
                streamCase("scaling_max_tokens_64", CaseSequence.Kind.STREAM_CHAT, "short", 64),
                streamCase("scaling_max_tokens_128", CaseSequence.Kind.STREAM_CHAT, "short", 128));
        assertGolden("bench_single", new SingleResultConverter(cases).convert(records("single"),
                info("SingleSimulation"), false, NOW));
    }

    @Test
    void ngramResultMatchesItsGoldenCopy() {
        List<CaseSequence.Case> cases = List.of(
                ngramCase("code/0", "code"), ngramCase("code/1", "code"), ngramCase("prose/0", "prose"),
                ngramCase("prose/1", "prose"));
        Map<String, String> categories = new LinkedHashMap<>();
        categories.put("code", "source code");
        categories.put("prose", "plain prose");
        NgramResultConverter.Baseline baseline =
                new NgramResultConverter.Baseline("bench_ngram_baseline.json", Map.of("code", 50.0), 40.0);
        assertGolden("bench_ngram", new NgramResultConverter(cases, categories, NO_COUNTERS, baseline)
                .convert(records("ngram"), info("NgramSimulation"), false, NOW));
    }

    @Test
    void cacheResultMatchesItsGoldenCopy() {
        List<CaseSequence.Case> cases = List.of(
                streamCase("cold_request", CaseSequence.Kind.STREAM_CHAT, null, 128),
                streamCase("warm_request", CaseSequence.Kind.STREAM_CHAT, null, 128),
                streamCase("shared_prefix_suffix_a", CaseSequence.Kind.STREAM_CHAT, null, 128));
        assertGolden("bench_cache", new CacheResultConverter(cases, NO_COUNTERS, "salt-1")
                .convert(records("cache"), info("CacheSimulation"), false, NOW));
    }

    private static CaseSequence.Case streamCase(String name, CaseSequence.Kind kind, String promptKey, int maxTokens) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (promptKey != null) {
            fields.put("prompt_key", promptKey);
        }
        fields.put("max_tokens", maxTokens);
        return new CaseSequence.Case(name, kind, "{}", fields, Duration.ZERO);
    }

    private static CaseSequence.Case ngramCase(String name, String category) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("category", category);
        fields.put("max_tokens", 256);
        return new CaseSequence.Case(name, CaseSequence.Kind.STREAM_CHAT, "{}", fields, Duration.ZERO);
    }

    private static RunInfo info(String simulation) {
        return new RunInfo(simulation, "baseline", "test", "http://127.0.0.1:1", "external", null, "m", NOW, 128, 0.7,
                Map.of(), null, null, null, null, null);
    }

    private static List<RequestRecord> records(String name) {
        return RecordedRequests.read(name);
    }

    private static void assertGolden(String name, ObjectNode result) {
        result.remove("suite");
        Path golden = Path.of("src/test/resources/golden/" + name + ".json");
        try {
            String actual = JSON.writeValueAsString(result) + "\n";
            if (Boolean.getBoolean("golden.update")) {
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, name + " differs from " + golden);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
