package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmbench.capacity.ModelOnResults;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capacity model on open loads, end to end: BatchSimulation (k = 1, 2, 4) and a short RateSweepSimulation
 * (2 and 4 req/s over 5 s, Poisson) against one reference server (default profile at time scale 0.5: steps of
 * 4 + 1.6·d + 0.05·p ms, batch cap 8; ~7.4 req/s capacity for these 64-token answers to ~40-token prompts), then
 * each rate predicted by a fit without it from its own arrivals ({@link ModelOnResults}, as the report page does:
 * no cap given).
 *
 * <p>Bounds: aggregate throughput (the rate file's total_tok_s) and decode tok/s within 15 %, TTFT p50 within
 * 10 ms: at this time scale a short prompt's first token comes 15–20 ms after the send, at the end of a step of
 * 6–15 ms, of which o (the client's and transport's share, milliseconds of jitter on a loaded 2-core machine) is
 * about half; a send a few ms late lands a step later. Two short runs per k and ~25 measured arrivals leave the
 * fit noisy (in four runs under load average ~5: TTFT p50 off by 0.8–7.7 ms, throughput 0–7 %, decode 1–8 %); the
 * validation on full-length runs is in BENCHMARKS.md.
 */
class CapacityModelRatesEndToEndTest {

    @Test
    void eachRateIsPredictedFromItsOwnArrivalsByAFitWithoutIt(@TempDir Path tmp) throws Exception {
        Path results = tmp.resolve("out");
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--time-scale=0.5"))) {
            Map<String, String> batch = common(server, results);
            batch.put("batch.sizes", "1,2,4");
            batch.put("batch.runs", "2");
            batch.put("batch.pause.run.s", "0.2");
            batch.put("batch.pause.k.s", "0.2");
            GatlingProcess.Outcome b = GatlingProcess.run("BatchSimulation", batch, tmp.resolve("batch.log"), 240);
            assertEquals(0, b.exitCode(), b.output());
            Map<String, String> rate = common(server, results);
            rate.put("rate.values", "2,4");
            rate.put("rate.duration.s", "5");
            rate.put("rate.pause.s", "0.5");
            GatlingProcess.Outcome r = GatlingProcess.run("RateSweepSimulation", rate, tmp.resolve("rate.log"), 240);
            assertEquals(0, r.exitCode(), r.output());
        }
        ModelOnResults fit = ModelOnResults.fit(results);
        List<ModelOnResults.HeldOutRate> rates = fit.heldOutRates();
        assertEquals(List.of(2.0, 4.0), rates.stream().map(ModelOnResults.HeldOutRate::offeredRps).toList());
        for (ModelOnResults.HeldOutRate h : rates) {
            assertFalse(h.beyondCapacity(), h.offeredRps() + " req/s against capacity " + h.capacityRps());
            String at = " at " + h.offeredRps() + " req/s: predicted " + java.util.Arrays.toString(h.predicted())
                    + ", measured " + java.util.Arrays.toString(h.measured());
            assertTrue(h.error()[0] <= 0.15, "aggregate throughput" + at);
            assertTrue(Math.abs(h.predicted()[1] - h.measured()[1]) <= 0.010, "TTFT p50" + at);
            assertTrue(h.error()[2] <= 0.15, "decode tok/s" + at);
        }
        assertEquals(3, fit.rateCvMape().length);
    }

    private static Map<String, String> common(ReferenceServer server, Path results) {
        Map<String, String> props = new HashMap<>();
        props.put("target.url", server.baseUrl());
        props.put("max.tokens", "64");
        props.put("results.dir", results.toString());
        return props;
    }
}
