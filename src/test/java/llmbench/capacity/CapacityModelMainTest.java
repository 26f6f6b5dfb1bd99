package llmbench.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command on a checked-in results dir of a real reference-server run (default profile), and its bad input. */
class CapacityModelMainTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 30, 7, 0, 0, 0, ZoneOffset.UTC);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CapacityModelMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), NOW);
    }

    private String errLine() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static Path fixture(Path tmp) throws IOException {
        Path dir = tmp.resolve("results");
        Files.createDirectories(dir);
        for (String f : new String[] {"bench_batch_baseline_20261130_060409.json", "bench_single_baseline_20261130_060538.json"}) {
            try (var in = CapacityModelMainTest.class.getResourceAsStream("/capacity/default/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir;
    }

    @Test
    void fitsTheFixtureAndWritesTheModelFile(@TempDir Path tmp) throws IOException {
        Path dir = fixture(tmp);
        assertEquals(0, run("--results-dir", dir.toString(), "--fit-k", "1,2,4,8", "--predict", "k=12", "--slo", "ttft_p95<=2s"), errLine());
        Path file = dir.resolve("capacity_model_baseline_20261130_070000.json");
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode cv = root.path("cv_mape");
        for (String key : new String[] {"aggregate_throughput", "ttft_p50", "decode_tok_s"}) {
            double v = cv.path(key).asDouble(-1);
            assertTrue(v >= 0 && v < 1, key + " = " + v);
        }
        assertEquals(4, cv.path("per_k").size());
        assertEquals("--fit-k", root.path("arguments").get(2).asText());
        // The reference server's default profile is α 8 ms, β 3.2 ms, c 0.1 ms, 512-token prefill chunks.
        JsonNode model = root.path("model");
        assertEquals(512, model.path("prefill_budget_tokens").asInt());
        assertTrue(model.path("prefix_reuse").asBoolean());
        assertEquals(3.2e-3, model.path("parameters").path("beta_s").path("value").asDouble(), 0.3e-3);
        assertTrue(model.path("parameters").path("c_s_per_token").path("standard_error").asDouble() > 0);
        // Part 3 of issue 12: fitted on k = 1, 2, 4, 8, aggregate throughput at 3, 5, 6, 7 within 5 %.
        for (JsonNode k : root.path("holdout_mape").path("per_k")) {
            assertTrue(k.path("aggregate_throughput_tok_s").path("error").asDouble() < 0.05, k.toString());
        }
        JsonNode k12 = root.path("predictions").get(0);
        assertEquals(12, k12.path("k").asInt());
        assertTrue(k12.path("extrapolated").asBoolean());
        JsonNode interval = k12.path("aggregate_throughput_tok_s").path("interval95");
        assertTrue(interval.get(0).asDouble() < interval.get(1).asDouble());
        assertTrue(root.path("slo").get(0).path("max_users").asInt() >= 1);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("max users within ttft_p95<=2s"));
    }

    @Test
    void aDirWithoutBatchResultsNamesTheBenchmarkToRunFirst(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("only-single");
        Files.createDirectories(dir);
        Files.copy(fixture(tmp).resolve("bench_single_baseline_20261130_060538.json"),
                dir.resolve("bench_single_baseline_20261130_060538.json"));
        assertEquals(2, run("--results-dir", dir.toString()));
        String line = errLine();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("gatling-llm-bench: error: no bench_batch_*.json in "), line);
        assertTrue(line.contains("run BatchSimulation first"), line);
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().startsWith("capacity_model_")));
    }

    @Test
    void aMissingResultsDirNamesBatchSimulationAndAMissingOptionIsOneLine(@TempDir Path tmp) {
        assertEquals(2, run("--results-dir", tmp.resolve("nowhere").toString()));
        assertTrue(errLine().contains("does not exist: run BatchSimulation first"), errLine());
        err.reset();
        assertEquals(2, run("--label", "x"));
        assertEquals(1, errLine().lines().count(), errLine());
        assertTrue(errLine().startsWith("gatling-llm-bench: error: Missing required option"), errLine());
    }

    /** One batch size cannot separate the per-step from the per-sequence cost. */
    @Test
    void aBatchFileWithOneBatchSizeAsksForMore(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("one-k");
        Files.createDirectories(dir);
        JsonNode root = new ObjectMapper().readTree(fixture(tmp).resolve("bench_batch_baseline_20261130_060409.json").toFile());
        com.fasterxml.jackson.databind.node.ArrayNode results = (com.fasterxml.jackson.databind.node.ArrayNode) root.path("results");
        while (results.size() > 1) {
            results.remove(1);
        }
        Files.writeString(dir.resolve("bench_batch_baseline_20261130_060409.json"), root.toString());
        assertEquals(2, run("--results-dir", dir.toString()));
        assertTrue(errLine().contains("have 1 usable batch size(s)") && errLine().contains("-Dbatch.sizes=1,2,4,8"), errLine());
    }

    @Test
    void aRatePredictionWithoutARateSweepNamesRateSweepSimulationAndItsCommand(@TempDir Path tmp) throws IOException {
        Path dir = fixture(tmp);
        assertEquals(2, run("--results-dir", dir.toString(), "--predict", "rate=3.5"));
        String line = errLine();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("gatling-llm-bench: error: --predict rate=3.5 needs an open-loop rate sweep"), line);
        assertTrue(line.contains("run RateSweepSimulation first (mvn gatling:test -Dgatling.simulationClass=RateSweepSimulation"), line);
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().startsWith("capacity_model_")));
    }

    @Test
    void aRateThatIsNotAPositiveNumberIsOneLineBeforeAnythingIsRead(@TempDir Path tmp) {
        for (String bad : new String[] {"rate=0", "rate=-1", "rate=abc", "rate=", "rate=NaN", "rate=Infinity"}) {
            err.reset();
            assertEquals(2, run("--results-dir", tmp.resolve("nowhere").toString(), "--predict", bad), bad);
            assertEquals("gatling-llm-bench: error: --predict '" + bad + "' is not rate=R with R a number of requests per "
                    + "second > 0", errLine().strip(), bad);
        }
    }

    @Test
    void aMalformedObjectiveIsOneLine(@TempDir Path tmp) throws IOException {
        assertEquals(2, run("--results-dir", fixture(tmp).toString(), "--slo", "ttft_p95<2s"));
        assertEquals(1, errLine().lines().count());
        assertTrue(errLine().startsWith("gatling-llm-bench: error: --slo"), errLine());
    }

    @Test
    void fitKThatTheFilesLackNamesTheBatchSizes(@TempDir Path tmp) throws IOException {
        assertEquals(2, run("--results-dir", fixture(tmp).toString(), "--fit-k", "1,16"));
        assertTrue(errLine().contains("[16]") && errLine().contains("-Dbatch.sizes=1,16"), errLine());
    }

    /**
     * The cache-busted reference-server run fitted on k = 1, 2, 4, 8: the default profile's step law comes back
     * (β 3.2 ms, c 0.1 ms/token, 512-token chunks), and at k = 5 the third prompt's prefill completes in step 4
     * as measured (0.2499 s) because the 16 tokens the server reports cached are not prefilled; prefilling them
     * put three prompts over 4 × 512 tokens and the prediction a step late (0.317 s, 27 %).
     */
    @Test
    void theCacheBustedRunPredictsItsHeldOutPoints(@TempDir Path tmp) throws IOException {
        Path dir = ResultsDirTest.bustFixture(tmp);
        assertEquals(0, run("--results-dir", dir.toString(), "--fit-k", "1,2,4,8"), errLine());
        JsonNode root = new ObjectMapper().readTree(dir.resolve("capacity_model_baseline_20261130_070000.json").toFile());
        JsonNode model = root.path("model");
        assertEquals(512, model.path("prefill_budget_tokens").asInt());
        assertEquals(3.2e-3, model.path("parameters").path("beta_s").path("value").asDouble(), 0.2e-3);
        assertEquals(1.0e-4, model.path("parameters").path("c_s_per_token").path("value").asDouble(), 0.1e-4);
        assertEquals(16, model.path("default_cached_prompt_tokens").asInt());
        assertTrue(root.path("cv_mape").path("aggregate_throughput").asDouble() <= 0.05, root.path("cv_mape").toString());
        assertTrue(root.path("cv_mape").path("ttft_p50").asDouble() <= 0.05, root.path("cv_mape").toString());
        for (JsonNode k : root.path("holdout_mape").path("per_k")) {
            assertTrue(k.path("aggregate_throughput_tok_s").path("error").asDouble() < 0.05, k.toString());
            if (k.path("k").asInt() == 5) {
                assertTrue(k.path("ttft_p50_s").path("error").asDouble() < 0.05, k.toString());
            }
        }
    }
}
