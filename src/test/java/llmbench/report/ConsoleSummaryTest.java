package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end-of-run console summary, read from the converters' golden files. */
class ConsoleSummaryTest {
    private static JsonNode golden(String name) throws Exception {
        return new ObjectMapper().readTree(Path.of("src/test/resources/golden", name).toFile());
    }

    @Test
    void batchShowsTheFiveMetricsPerKAndTheScalingAnswersWithTheirInterval() throws Exception {
        JsonNode result = golden("bench_batch.json");
        List<String> lines = ConsoleSummary.lines(result);
        String all = String.join("\n", lines);
        JsonNode k1 = result.path("results").get(0);
        assertTrue(lines.get(1).contains("prefill_time_s") && lines.get(1).contains("throughput_tok_s"), all);
        assertTrue(lines.get(2).trim().startsWith("1 "), all);
        assertTrue(lines.get(2).contains(k1.path("prefill_time_s").asText()), all);
        assertTrue(all.contains("answer: throughput rises with k: inconclusive (trend 100.02 tok/s per k, "
                + "95 % interval [-1000.35, 1200.39])"), all);
        assertTrue(all.contains("answer: saturation: inconclusive"), all);
        assertEquals(2 + result.path("results").size() + 2, lines.size(), all);
    }

    @Test
    void concurrentAnswersP95LatencyAtTheLargestLevel() throws Exception {
        JsonNode result = golden("bench_concurrent.json");
        List<String> lines = ConsoleSummary.lines(result);
        JsonNode last = result.path("results").get(result.path("results").size() - 1).path("aggregate");
        assertEquals("answer: p95 latency at concurrency " + last.path("concurrency").asText() + ": "
                + last.path("latency_p95").asText() + " s (429: " + last.path("count_429").asText() + ", 503: "
                + last.path("count_503").asText() + ")", lines.get(lines.size() - 1));
        assertTrue(lines.get(0).startsWith("bench_concurrent baseline: 3 of 5 measured requests succeeded"),
                lines.get(0));
    }

    @Test
    void caseBenchmarksGetOneRowPerCaseAndTheirAnswer() throws Exception {
        List<String> cache = ConsoleSummary.lines(golden("bench_cache.json"));
        assertTrue(cache.get(cache.size() - 1).startsWith("answer: warm/cold TTFT 0.125 / 0.4 s = 0.3125; below half: true"),
                String.join("\n", cache));
        List<String> ngram = ConsoleSummary.lines(golden("bench_ngram.json"));
        assertTrue(ngram.get(ngram.size() - 1).contains("speedup vs baseline 2.302"), String.join("\n", ngram));
    }

    @Test
    void apiChecksAnswerWithThePassCountAndTheFailedChecksNames() throws Exception {
        JsonNode result = new ObjectMapper().readTree("{\"benchmark\": \"api_comprehensive\", \"label\": \"x\", "
                + "\"requests\": {\"measured\": 2, \"successful\": 1}, \"summary\": {\"passed\": 1, \"total\": 2, "
                + "\"all_passed\": false}, \"checks\": [{\"name\": \"streaming_chat\", \"passed\": true}, "
                + "{\"name\": \"stop_sequences\", \"passed\": false}], \"results\": []}");
        List<String> lines = ConsoleSummary.lines(result);
        assertEquals("answer: API checks passed 1 of 2; failed: stop_sequences", lines.get(lines.size() - 1));
    }
}
