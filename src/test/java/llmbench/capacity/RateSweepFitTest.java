package llmbench.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reference-server run (default profile, 2026-11-30 08:47–08:51 UTC): Batch k = 1, 2, 4, 8, Single, and
 * RateSweepSimulation at 0.6, 1, 1.4 and 1.75 req/s (Poisson, seed 42, 128 tokens out, ~40-token salted prompts;
 * the profile's capacity for them with its batch cap of 8 is 1.86 req/s). The requests file is trimmed to the
 * fields the model reads.
 */
class RateSweepFitTest {
    static final String[] FILES = {"bench_batch_baseline_20261130_084747.json", "bench_single_baseline_20261130_084836.json",
        "bench_rate_baseline_20261130_084937.json", "bench_rate_baseline_20261130_084937_requests.jsonl"};

    static Path fixture(Path tmp) throws IOException {
        Path dir = tmp.resolve("results");
        Files.createDirectories(dir);
        for (String f : FILES) {
            try (var in = RateSweepFitTest.class.getResourceAsStream("/capacity/default-rate/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir;
    }

    /**
     * Rate 0.6/s planned 18 arrivals: arrival 0 is its warm-up, 17 its cool-down (floor(0.1 · 18) each), 16 measured
     * as the file says; all 18 are replayed. Times run from the schedule's anchor (arrival 0's intended send):
     * arrival 1 was meant for 2.254374 s, sent at 2.254586 s, first token 16.776 ms later, 2.104355 s of decode.
     */
    @Test
    void ratesKeepEveryArrivalWithItsSendAndIntendedInstantAndThePhasesOfTheSweep(@TempDir Path tmp) throws IOException {
        ResultsDir.Loaded l = ResultsDir.read(fixture(tmp));
        assertEquals(List.of(0.6, 1.0, 1.4, 1.75), l.rates().points().stream().map(Measured.RatePoint::offeredRps).toList());
        assertEquals(42, l.rates().seed());
        assertEquals(0.1, l.rates().warmupFraction());
        Measured.RatePoint r = l.rates().points().get(0);
        assertEquals(18, r.requests().size());
        assertEquals(16, r.requests().stream().filter(Measured.RateRequest::measured).count());
        assertFalse(r.requests().get(0).measured());
        assertEquals(0.0, r.requests().get(0).intendedS());
        Measured.RateRequest a1 = r.requests().get(1);
        assertTrue(a1.measured());
        assertEquals(2.254374, a1.intendedS(), 1e-9);
        assertEquals(2.254586, a1.request().arrivalS(), 1e-9);
        assertEquals(0.016776, a1.request().ttftS(), 1e-9);
        assertEquals(2.104355, a1.request().decodeS(), 1e-9);
        assertEquals(0, a1.request().cachedTokens());
        assertEquals(2.254374, r.windowFromS(), 1e-9);
        assertEquals(0.0256, r.figures().get(Prediction.TTFT_P50));
        assertEquals(141.38, r.figures().get(Prediction.AGGREGATE));
        int[] measured = {16, 24, 33, 43};
        for (int i = 0; i < 4; i++) {
            assertEquals(measured[i], l.rates().points().get(i).requests().stream().filter(Measured.RateRequest::measured).count());
        }
    }

    /** Without a rate file nothing changes: no rates, and the fit is Batch's alone (the other tests' figures). */
    @Test
    void aDirWithoutRateFilesHasNoRates(@TempDir Path tmp) throws IOException {
        ResultsDir.Loaded l = ResultsDir.read(CapacityModelMainTest.fixture(tmp));
        assertNull(l.rates());
        assertEquals(l.others(), l.fitted(true));
    }

    /**
     * Leave-one-rate-out with the server's batch cap: below saturation (0.6, 1, 1.4 req/s) aggregate throughput
     * lands within 5 %, TTFT p50 within 15 % (2.6–3.6 ms on 26–39 ms: docs/capacity-model.md); the 1.75 req/s rate
     * sits at the fit's capacity (the queue grows), and the model says so.
     */
    @Test
    void leaveOneRateOutPredictsEachRateFromItsOwnArrivals(@TempDir Path tmp) throws IOException {
        ResultsDir.Loaded l = ResultsDir.read(fixture(tmp));
        CrossValidation.RateResult cv = CrossValidation.leaveOneRateOut(l.points(), l.others(), l.rates(), 8);
        assertEquals(4, cv.points().size());
        for (CrossValidation.HeldOutRate h : cv.points().subList(0, 3)) {
            assertFalse(h.beyondCapacity(), "rate " + h.offeredRps());
            assertTrue(h.error()[0] < 0.05, "aggregate at " + h.offeredRps() + ": " + h.error()[0]);
            assertTrue(h.error()[1] < 0.15, "TTFT p50 at " + h.offeredRps() + ": " + h.error()[1]);
            assertTrue(h.error()[2] < 0.10, "decode at " + h.offeredRps() + ": " + h.error()[2]);
        }
        CrossValidation.HeldOutRate top = cv.points().get(3);
        assertTrue(top.capacityRps() < 1.86 && top.capacityRps() > 1.6, "capacity " + top.capacityRps());
        assertTrue(top.predicted()[1] > 1.0, "a queue at 1.75 req/s: TTFT p50 " + top.predicted()[1]);
    }

    /**
     * No cap given: the 1.4 and 1.75 req/s rates had 10 and 19 requests in flight, and only a replay capped at the
     * profile's 8 sequences queues them as the server did (TTFT squared error ~7 s² against ~400 s² uncapped).
     * The rates' decodes in mixed steps and their own TTFT intercept keep the step law: α, β, c near the
     * profile's 8, 3.2, 0.1 ms (β a little high: the sweep ran on a loaded machine; 17 % of its steps were late).
     */
    @Test
    void withoutAGivenCapTheSweepsQueueingRevealsTheServersCap(@TempDir Path tmp) throws IOException {
        ResultsDir.Loaded l = ResultsDir.read(fixture(tmp));
        CapacityModel m = CapacityModel.fit(l.points(), l.fitted(true), 0);
        Parameters p = m.parameters();
        assertEquals(8, p.maxBatch());
        assertTrue(m.fit().capFitted());
        assertEquals(512, p.budget());
        assertEquals(0.008, p.alphaS(), 0.0015);
        assertEquals(0.0032, p.betaS(), 0.0004);
        assertEquals(0.0001, p.cS(), 0.00001);
        assertTrue(p.openOverheadS() > 0 && p.openOverheadS() < p.overheadS(), p.toString());
    }

    @Test
    void predictRateWritesFiguresWithIntervalsAndFlagsARateBeyondCapacity(@TempDir Path tmp) throws IOException {
        Path dir = fixture(tmp);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CapacityModelMain.run(new String[] {"--results-dir", dir.toString(), "--max-batch", "8",
            "--predict", "rate=1.2", "--predict", "rate=2.5"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.UTC));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        JsonNode root = new ObjectMapper().readTree(dir.resolve("capacity_model_baseline_20261130_090000.json").toFile());
        JsonNode lro = root.path("cv_mape").path("leave_one_rate_out");
        assertEquals(4, lro.path("per_rate").size());
        assertTrue(lro.path("aggregate_throughput").asDouble() < 0.05, lro.toString());
        assertTrue(root.path("model").path("parameters").path("o_open_s").path("value").isNumber());
        JsonNode below = root.path("rate_predictions").get(0);
        JsonNode beyond = root.path("rate_predictions").get(1);
        assertEquals(1.2, below.path("rate_rps").asDouble());
        assertFalse(below.path("beyond_capacity").asBoolean());
        JsonNode ttft = below.path("ttft_p50_s");
        assertTrue(ttft.path("interval95").get(0).asDouble() < ttft.path("value").asDouble()
                && ttft.path("value").asDouble() < ttft.path("interval95").get(1).asDouble(), ttft.toString());
        assertTrue(ttft.path("seed_range").get(0).asDouble() <= ttft.path("seed_range").get(1).asDouble());
        assertTrue(beyond.path("beyond_capacity").asBoolean(), beyond.toString());
        assertTrue(beyond.path("note").asText().contains("grows without bound"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("cv_mape (leave-one-rate-out)"), text);
        assertTrue(text.contains("rate=2.5 req/s") && text.contains("beyond capacity: the queue grows without bound"), text);
    }
}
