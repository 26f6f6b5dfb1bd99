package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected values computed by hand from the fixture files (seed spec §5.7 rules). */
class SeedExtractTest {
    static final Path FIXTURES = Path.of("src/test/resources/report/results");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nonStreamingRowHasNoDecodeTimeAndUsesGenerationRate() throws Exception {
        Map<String, Double> m = SeedExtract.derive(JSON.readTree(
                "{\"ttft_s\":null,\"total_time_s\":2.5,\"prompt_tokens\":20,\"completion_tokens\":30,"
                        + "\"generation_tok_s\":12.0,\"error\":null}"));
        assertEquals(Map.of("prefill_time_s", 2.5, "prefill_tok_s", 8.0, "decode_time_s", 0.0,
                "decode_tok_s", 12.0, "throughput_tok_s", 20.0), m);
    }

    @Test
    void streamingRowDerivesTheFiveMetrics() throws Exception {
        Map<String, Double> m = SeedExtract.derive(JSON.readTree(
                "{\"ttft_s\":1.2,\"total_time_s\":3.4,\"prompt_tokens\":20,\"completion_tokens\":50,"
                        + "\"generation_tok_s\":0,\"error\":null}"));
        assertEquals(1.2, m.get("prefill_time_s"));
        assertEquals(16.7, m.get("prefill_tok_s")); // 20 / 1.2 = 16.67
        assertEquals(2.2, m.get("decode_time_s"), 1e-12);
        assertEquals(22.73, m.get("decode_tok_s")); // generation_tok_s 0 is falsy: 50 / 2.2 = 22.727
        assertEquals(20.59, m.get("throughput_tok_s")); // 70 / 3.4 = 20.588
    }

    @Test
    void erroredAndUntimedRowsAreSkipped() throws Exception {
        assertNull(SeedExtract.derive(JSON.readTree("{\"error\":\"HTTP 500: x\",\"total_time_s\":0.01}")));
        assertNull(SeedExtract.derive(JSON.readTree("{\"test_name\":\"cache_stats\",\"health\":{}}")));
    }

    @Test
    void phaseAveragesAndDeltasMatchHandComputation() {
        List<ResultFile> files = ResultsReader.read(FIXTURES).files().stream()
                .filter(f -> f.benchmark().equals("bench_single")).toList();
        SeedExtract.Summary s = SeedExtract.of(files);
        // baseline rows: non-streaming 12.0, streaming short 22.73, medium 21.33; errored long row skipped
        assertEquals(18.687, s.overall("baseline", "decode_tok_s"));
        // prefill time: 2.5, 1.2, 2.0
        assertEquals(1.9, s.overall("baseline", "prefill_time_s"));
        // fp8: 12.0, 21.5, 20.4 → 17.967; delta (17.967 − 18.687) / 18.687 = −3.85 %
        assertEquals(17.967, s.overall("fp8", "decode_tok_s"));
        assertEquals("-3.9%", Fmt.pct(s.deltaVsBaseline("fp8", "decode_tok_s")));
        assertEquals(List.of("baseline", "fp8", "all_features"), List.copyOf(s.byPhase().keySet()));
    }

    @Test
    void batchRowIsTheMeanOfNonZeroPerRequestValuesPerBatchSize() throws Exception {
        ResultFile f = ResultsReader.read(FIXTURES).files().stream()
                .filter(x -> x.benchmark().equals("bench_batch")).findFirst().orElseThrow();
        var k2 = f.root().path("results").get(1);
        double sum = 0;
        int n = 0;
        for (var run : k2.path("runs")) {
            for (var q : run.path("requests")) {
                sum += q.path("decode_tok_s").asDouble();
                n++;
            }
        }
        SeedExtract.Row row = SeedExtract.rows(f).get(1);
        assertEquals("batch_k2", row.testName());
        assertEquals(llmbench.metrics.Rounding.round(sum / n, 2), row.values().get("decode_tok_s"));
        assertEquals(k2.path("avg_aggregate_throughput_tok_s").asDouble(), row.values().get("aggregate_throughput_tok_s"));
    }
}
