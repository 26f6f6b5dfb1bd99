package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers on the page — the Markdown twin, the HTML text and the chart data inside the HTML — equal the
 * values of the JSON files they came from, read here independently with Jackson.
 */
class ReportNumbersTest {
    static final Path FIXTURES = Path.of("src/test/resources/report/results");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path out;
    static String md;
    static String html;
    static JsonNode charts;

    @BeforeAll
    static void render() throws Exception {
        Path page = ReportMain.run(new String[] {"--results-dir", FIXTURES.toString(), "--out", out.toString()},
                ZonedDateTime.of(2026, 2, 15, 9, 0, 0, 0, ZoneOffset.UTC));
        assertEquals(out.resolve("20260215").resolve("index.html"), page);
        html = Files.readString(page);
        md = Files.readString(page.resolveSibling("report.md"));
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"chart-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "chart data block");
        charts = JSON.readTree(m.group(1));
    }

    static JsonNode fixture(String name) throws Exception {
        return JSON.readTree(FIXTURES.resolve(name).toFile());
    }

    /** A JSON number as the page prints it: 1234.50 → "1234.5". */
    static String text(JsonNode n) {
        return new BigDecimal(n.asText()).stripTrailingZeros().toPlainString();
    }

    static JsonNode chart(String id) {
        for (JsonNode c : charts) {
            if (c.path("id").asText().equals(id)) {
                return c.path("option");
            }
        }
        throw new AssertionError("no chart " + id);
    }

    static JsonNode series(String chartId, String name) {
        for (JsonNode s : chart(chartId).path("series")) {
            if (s.path("name").asText().equals(name)) {
                return s.path("data");
            }
        }
        throw new AssertionError("no series " + name + " in " + chartId);
    }

    @Test
    void capacitySentenceTableAndChartsEqualTheRateFile() throws Exception {
        JsonNode f = fixture("bench_rate_baseline_20261130_070347.json");
        JsonNode m = f.path("max_rate_within_slo");
        String sentence = "this server sustains " + text(f.get("max_rate_within_slo_rps")) + " req/s ("
                + text(m.get("users_at_max_rate")) + " users in flight) within " + f.path("slo").asText() + "; at "
                + text(m.get("first_rate_missed_rps")) + " req/s offered " + m.path("missed_bound").asText();
        assertTrue(md.contains(sentence), sentence + "\n" + md);
        assertTrue(html.contains(sentence.replace("<", "&lt;").replace(">", "&gt;")), sentence);
        JsonNode ttft = series("capacitylatency", "baseline TTFT p95");
        JsonNode achieved = series("capacitythroughput", "baseline achieved req/s");
        JsonNode goodput = series("capacitythroughput", "baseline goodput req/s");
        int i = 0;
        for (JsonNode r : f.path("rates")) {
            assertEquals(r.path("offered_rate_rps").asDouble(), ttft.get(i).get(0).asDouble());
            assertEquals(r.path("ttft_p95_s").asDouble(), ttft.get(i).get(1).asDouble());
            assertEquals(r.path("achieved_rate_rps").asDouble(), achieved.get(i).get(1).asDouble());
            assertEquals(r.path("goodput_rps").asDouble(), goodput.get(i).get(1).asDouble());
            String row = "| " + r.path("case").asText() + " | " + text(r.get("offered_rate_rps")) + " | "
                    + text(r.get("achieved_rate_rps")) + " | " + text(r.get("mean_in_flight")) + " / "
                    + r.path("max_in_flight").asInt() + " | " + text(r.get("ttft_p95_s")) + " |";
            assertTrue(md.contains(row), row);
            i++;
        }
        assertEquals(6, i);
    }

    @Test
    void batchTableRowsEqualTheBatchFile() throws Exception {
        JsonNode f = fixture("bench_batch_baseline_20261129_023642.json");
        for (JsonNode r : f.path("results")) {
            String row = "| " + r.path("batch_size").asInt() + " | " + text(r.get("avg_aggregate_throughput_tok_s"))
                    + " | " + text(r.get("avg_per_request_latency_s")) + " | " + text(r.get("p95_per_request_latency_s"))
                    + " | " + text(r.get("speedup_vs_k1")) + " |";
            assertTrue(md.contains(row), row);
            assertTrue(html.contains("<td>" + text(r.get("avg_aggregate_throughput_tok_s")) + "</td>"));
        }
    }

    @Test
    void batchChartPlotsTheFilesThroughputAndLatency() throws Exception {
        JsonNode f = fixture("bench_batch_baseline_20261129_023642.json");
        JsonNode thr = series("batch", "baseline throughput");
        JsonNode lat = series("batch", "baseline latency");
        int i = 0;
        for (JsonNode r : f.path("results")) {
            assertEquals(r.path("batch_size").asInt(), thr.get(i).get(0).asInt());
            assertEquals(r.path("avg_aggregate_throughput_tok_s").asDouble(), thr.get(i).get(1).asDouble());
            assertEquals(r.path("avg_per_request_latency_s").asDouble(), lat.get(i).get(1).asDouble());
            i++;
        }
        // one run per k: saturation cannot be told from noise; the mark sits where the means put it (the file's
        // saturation_k, written by the rule on means) and says so
        int sat = f.path("scaling").path("saturation_k").asInt();
        JsonNode ml = chart("batch").path("series").get(0).path("markLine").path("data").get(0);
        assertEquals(sat, ml.path("xAxis").asInt());
        assertEquals("saturation k=" + sat + " (within noise)", ml.path("name").asText());
        String answer = "on means alone it would be k=" + sat;
        assertTrue(md.contains("Saturation is inconclusive") && md.contains(answer) && html.contains(answer), md);
    }

    @Test
    void concurrencyAnswerAndChartEqualTheConcurrentFiles() throws Exception {
        for (String label : List.of("baseline", "fp8")) {
            JsonNode f = fixture("bench_concurrent_" + label + "_2026021" + (label.equals("fp8") ? "4_133000" : "4_123000") + ".json");
            List<Double> p95 = new ArrayList<>();
            JsonNode level8 = null;
            for (JsonNode lvl : f.path("results")) {
                p95.add(lvl.path("aggregate").path("latency_p95").asDouble());
                if (lvl.path("aggregate").path("concurrency").asInt() == 8) {
                    level8 = lvl.path("aggregate");
                }
            }
            String said = label + ": p95 " + text(level8.get("latency_p95")) + " s (p50 " + text(level8.get("latency_p50"))
                    + " s, p99 " + text(level8.get("latency_p99")) + " s";
            assertTrue(md.contains(said), said);
            assertTrue(html.contains(said), said);
            JsonNode s = series("concurrency", label + " p95");
            for (int i = 0; i < p95.size(); i++) {
                assertEquals(p95.get(i), s.get(i).get(1).asDouble());
            }
        }
    }

    @Test
    void memoryAndCacheFiguresEqualTheirFiles() throws Exception {
        JsonNode base = fixture("bench_memory_baseline_20260214_124500.json");
        JsonNode bars = series("memory", "baseline");
        for (int i = 0; i < base.path("results").size(); i++) {
            assertEquals(base.path("results").get(i).path("health_after").path("cache_stats").path("used_blocks").asDouble(),
                    bars.get(i).asDouble());
        }
        JsonNode ssd = fixture("bench_cache_ssd_20260214T160000.json");
        String cold = text(ssd.path("results").get(0).get("ttft_s"));
        String warm = text(ssd.path("results").get(1).get("ttft_s"));
        String said = "TTFT cold " + cold + " s, warm " + warm + " s";
        assertTrue(md.contains(said) && html.contains(said), said);
        // 0.62 / 2.91 = 21.3 %
        assertTrue(md.contains("warm is 21.3 % of cold"));
        assertEquals(Double.parseDouble(cold), series("ttft", "cold_request").get(1).asDouble());
    }

    @Test
    void ngramAcceptanceComesFromTheCumulativeSpecMetricsDifferences() throws Exception {
        // ngram4_k5 (fastest): before 100/40, after each category +500/+300, +400/+340, +600/+120
        assertTrue(md.contains("repetitive_patterns 85.0 %, coding 60.0 %, creative_writing 20.0 %"), md);
        // 760 of 1500 proposed accepted
        assertTrue(md.contains("50.7 % of 1500 proposed tokens were accepted"));
        JsonNode acc = series("ngram", "ngram3_k3 acceptance %");
        assertEquals(50.0, acc.get(0).asDouble()); // 150 / 300
        assertEquals(80.0, acc.get(1).asDouble()); // 240 / 300
        // speedup: (30.8 + 46.0 + 22.05) / 3 = 32.95 vs (22 + 23 + 21) / 3 = 22.0 → 1.50×; per category 1.40, 2.00, 1.05
        assertTrue(md.contains("32.95 tok/s with ngram4_k5 vs 22.00 tok/s baseline, a speedup of 1.50×"), md);
        assertTrue(md.contains("coding 1.40×, repetitive_patterns 2.00×, creative_writing 1.05×"));
        assertTrue(md.contains("ngram-max 4, K 5 (ngram4_k5)"));
    }

    @Test
    void seedTablesOnBothPagesCarryTheSameFigures() {
        // bench_single baseline decode mean, computed by hand in SeedExtractTest: 18.687
        assertTrue(md.contains("| Phase 1: Baseline | bench_single | 1.9 | 15.733 | 4.1 | 18.687 | 20.737 |"));
        assertTrue(html.contains("<td>18.687</td>"));
        assertTrue(md.contains("bench_single mean decode 17.967 tok/s vs 18.687 tok/s baseline (-3.9%)"));
        // the five-metric chart plots the cross-phase table's row, phase by phase
        for (String metric : SeedExtract.FIVE) {
            Matcher row = Pattern.compile("\\| " + metric + " \\|(.*)\\|\n").matcher(md);
            assertTrue(row.find(), metric);
            String[] cells = row.group(1).split("\\|");
            JsonNode data = series("five", metric);
            assertEquals(cells.length, data.size());
            for (int i = 0; i < cells.length; i++) {
                assertEquals(Double.parseDouble(cells[i].trim()), data.get(i).asDouble(), metric);
            }
        }
    }

    @Test
    void everyAnswerIsOnBothPagesAndVerdictsComeFromTheLogs() {
        assertTrue(md.contains("FAIL: 6/7 passed; failed: large_token_generation."));
        assertTrue(md.contains("PASS: 7/7 passed."));
        for (String topic : List.of("Batch scaling", "Latency under concurrency", "KV FP8", "N-gram acceptance",
                "N-gram speedup", "N-gram parameters", "SSD cache", "Combined / production", "API conformance",
                "Memory leak")) {
            assertTrue(md.contains("**" + topic + "**"), topic);
            assertTrue(html.contains("<div class=\"topic\">" + HtmlReport.esc(topic) + "</div>"), topic);
        }
        assertTrue(md.contains("Recommended: Phase 5: All Features"));
    }

    @Test
    void filesTableCountsExtractResultsRowsPerFile() {
        // 4 results, one errored: 3 rows, as extract_results prints "OK <file> -> … (3 rows)"
        assertTrue(md.contains("| bench_single_fp8_20260214T131500.json | bench_single | fp8 | Phase 2: KV FP8 |  | "
                + "2026-02-14T13:20:00.000001+00:00 | 3 |"));
        // the batch file: one row per batch size
        assertTrue(md.contains("| bench_batch_baseline_20261129_023642.json | bench_batch | baseline | Phase 1: Baseline |  | "
                + "2026-11-29T02:37:12.181945+00:00 | 8 |"));
    }

    @Test
    void eachOfOurFilesLinksItsGatlingReport() throws Exception {
        String dir = fixture("bench_batch_baseline_20261129_023642.json").path("gatling_run_dir").asText();
        String href = Path.of(dir).resolve("index.html").toUri().toString();
        assertTrue(html.contains("<a href=\"" + href + "\">Gatling report</a>"));
        assertTrue(md.contains("[Gatling report](" + href + ")"));
    }

    @Test
    void pageIsSelfContained() {
        assertTrue(html.contains("echarts"), "inlined chart library");
        assertTrue(!html.contains("<script src="), "no external script");
        assertTrue(!html.contains("<link "), "no external stylesheet");
    }
}
