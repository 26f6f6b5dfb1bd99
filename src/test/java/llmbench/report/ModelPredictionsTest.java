package llmbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "What the model predicts" on the cache-busted reference-server run (Batch k = 1..8, Single), and without data. */
class ModelPredictionsTest {
    static Path bustDir(Path tmp) throws IOException {
        Path dir = tmp.resolve("bust");
        Files.createDirectories(dir);
        for (String f : new String[] {"bench_batch_baseline_20261130_072600.json", "bench_single_baseline_20261130_072735.json"}) {
            try (var in = ModelPredictionsTest.class.getResourceAsStream("/capacity/default-bust/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir;
    }

    private static String text(List<Block> blocks) {
        StringBuilder s = new StringBuilder();
        blocks.forEach(b -> s.append(b).append('\n'));
        return s.toString();
    }

    @Test
    void aDirWithoutBatchFilesSaysNotEnoughDataAndNamesTheRun(@TempDir Path tmp) {
        List<Block> b = new ArrayList<>();
        ModelPredictions.add(b, tmp);
        assertEquals(2, b.size(), text(b));
        assertTrue(text(b).contains("Not enough data for the capacity model: no bench_batch_*.json"), text(b));
        assertTrue(text(b).contains("run BatchSimulation first"), text(b));
    }

    @Test
    void chartShowsEveryMeasuredPointBesideTheCurveAndItsInterval(@TempDir Path tmp) throws IOException {
        List<Block> b = new ArrayList<>();
        ModelPredictions.add(b, bustDir(tmp));
        Chart chart = b.stream().filter(x -> x instanceof Block.ChartBlock).map(x -> ((Block.ChartBlock) x).chart())
                .findFirst().orElseThrow();
        JsonNode series = chart.option().path("series");
        assertEquals("throughput measured", series.get(0).path("name").asText());
        assertEquals(8, series.get(0).path("data").size());
        // the file's k = 3 figure, as written
        assertEquals(977.82, series.get(0).path("data").get(2).get(1).asDouble(), 1e-9);
        JsonNode model = series.get(1).path("data");
        JsonNode low = series.get(2).path("data");
        JsonNode high = series.get(3).path("data");
        assertEquals(16, model.size(), "k = 1 .. 2 × the largest measured k");
        for (int i = 0; i < model.size(); i++) {
            assertTrue(low.get(i).get(1).asDouble() <= model.get(i).get(1).asDouble()
                    && model.get(i).get(1).asDouble() <= high.get(i).get(1).asDouble(), "k=" + (i + 1));
        }
        assertEquals("TTFT p50 measured", series.get(4).path("name").asText());
        assertEquals(1, series.get(4).path("yAxisIndex").asInt());
    }

    /** ttft_s.p95 of every measured k (0.10 … 0.80 s) is within 2 s: the measured answer is a lower bound. */
    @Test
    void maxUsersFromTheModelStandsBesideTheMeasuredOne(@TempDir Path tmp) throws IOException {
        List<Block> b = new ArrayList<>();
        ModelPredictions.add(b, bustDir(tmp));
        String t = text(b);
        assertTrue(t.matches("(?s).*Max users within ttft_p95<=2s: model \\d+ \\(beyond the largest measured k, 8\\); "
                + "measured at least 8 \\(every measured k met it\\)\\..*"), t);
        assertTrue(t.contains("held-out k"), t);
    }

    /** With a rate sweep: the leave-one-rate-out errors and one row per offered rate, the saturated one marked. */
    @Test
    void aRateSweepAddsItsHeldOutRatesWithTheFitsCapacity(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("rate");
        Files.createDirectories(dir);
        for (String f : new String[] {"bench_batch_baseline_20261130_084747.json", "bench_single_baseline_20261130_084836.json",
            "bench_rate_baseline_20261130_084937.json", "bench_rate_baseline_20261130_084937_requests.jsonl"}) {
            try (var in = ModelPredictionsTest.class.getResourceAsStream("/capacity/default-rate/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        List<Block> b = new ArrayList<>();
        ModelPredictions.add(b, dir);
        String t = text(b);
        assertTrue(t.contains("and the rate sweep's requests") && t.contains("batch cap 8 (from the rate sweep's queueing)"), t);
        assertTrue(t.contains("Leave-one-rate-out"), t);
        Block.Table rates = b.stream().filter(x -> x instanceof Block.Table).map(x -> (Block.Table) x)
                .filter(x -> x.headers().get(0).equals("held-out rate req/s")).findFirst().orElseThrow();
        assertEquals(4, rates.rows().size());
        assertEquals("0.6", rates.rows().get(0).get(0).text().replaceAll("0+$", ""));
    }
}
