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
 * (4 and 8 req/s, Poisson) against one reference server (default profile at time scale 0.25: steps of 2 + 0.8·d +
 * 0.025·p ms, batch cap 8; ~14.8 req/s capacity for these 64-token answers), then each rate predicted by a fit
 * without it from its own arrivals ({@link ModelOnResults}, as the report page does: no cap given).
 *
 * <p>Bounds: aggregate throughput (the rate file's total_tok_s) and decode tok/s within 10 %, TTFT p50 within
 * 50 %: at this time scale a first token comes 4–8 ms after the send, of which o (the client's and transport's
 * share, milliseconds on a loaded 2-core machine) is most, so a millisecond of jitter is 15–25 %.
 */
class CapacityModelRatesEndToEndTest {

    @Test
    void eachRateIsPredictedFromItsOwnArrivalsByAFitWithoutIt(@TempDir Path tmp) throws Exception {
        Path results = Path.of(System.getProperty("e2e.keep", tmp.resolve("out").toString()));
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--time-scale=0.25"))) {
            Map<String, String> batch = common(server, results);
            batch.put("batch.sizes", "1,2,4");
            batch.put("batch.runs", "1");
            batch.put("batch.pause.run.s", "0.2");
            batch.put("batch.pause.k.s", "0.2");
            GatlingProcess.Outcome b = GatlingProcess.run("BatchSimulation", batch, tmp.resolve("batch.log"), 240);
            assertEquals(0, b.exitCode(), b.output());
            Map<String, String> rate = common(server, results);
            rate.put("rate.values", "4,8");
            rate.put("rate.duration.s", "4");
            rate.put("rate.pause.s", "0.5");
            GatlingProcess.Outcome r = GatlingProcess.run("RateSweepSimulation", rate, tmp.resolve("rate.log"), 240);
            assertEquals(0, r.exitCode(), r.output());
        }
        ModelOnResults fit = ModelOnResults.fit(results);
        List<ModelOnResults.HeldOutRate> rates = fit.heldOutRates();
        assertEquals(List.of(4.0, 8.0), rates.stream().map(ModelOnResults.HeldOutRate::offeredRps).toList());
        double[] bounds = {0.10, 0.50, 0.10};
        for (ModelOnResults.HeldOutRate h : rates) {
            assertFalse(h.beyondCapacity(), h.offeredRps() + " req/s against capacity " + h.capacityRps());
            for (int i = 0; i < bounds.length; i++) {
                assertTrue(h.error()[i] <= bounds[i], ModelOnResults.FIGURES.get(i) + " at " + h.offeredRps()
                        + " req/s: predicted " + h.predicted()[i] + ", measured " + h.measured()[i]);
            }
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
