package llmbench.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Synthetic measurements made with chosen parameters (o 15 ms, α 8 ms, β 3.2 ms, c 0.1 ms, budget 512,
 * prefix reuse, admissions 1 ms apart), shaped like BatchSimulation: two runs per k, prompts of 640–703 tokens, run 1 with one new
 * prompt, run 2 all repeats. The fit must give the chosen parameters back. (Not δ: requests that all
 * reach the server within the first step give the same times for any δ that keeps them there.)
 */
class CapacityFitterTest {
    static final Parameters TRUE = new Parameters(0.015, 0.008, 0.0032, 0.0001, 512, true, 0, 0.001);
    private static final int[] PROMPTS = {703, 655, 640, 694, 671, 668, 656, 692};

    @Test
    void exactSyntheticBatchesGiveTheirParametersBack() {
        CapacityModel m = CapacityModel.fit(points(TRUE, 1, 2, 4, 8), List.of(), 0);
        Parameters p = m.parameters();
        assertEquals(512, p.budget());
        assertTrue(p.prefixReuse());
        assertEquals(0.015, p.overheadS(), 1e-9);
        assertEquals(0.008, p.alphaS(), 1e-9);
        assertEquals(0.0032, p.betaS(), 1e-9);
        assertEquals(0.0001, p.cS(), 1e-12);
    }

    @Test
    void aServerWithoutPrefixCacheIsRecognised() {
        Parameters noCache = new Parameters(0.010, 0.006, 0.002, 0.00005, 256, false, 0, 0.002);
        Parameters p = CapacityModel.fit(points(noCache, 1, 2, 3, 4), List.of(), 0).parameters();
        assertEquals(256, p.budget());
        assertEquals(false, p.prefixReuse());
        assertEquals(0.00005, p.cS(), 1e-12);
    }

    /**
     * Not exactly zero: the data were made in one arrival order, the prediction averages over the k cyclic
     * orders (arrival order inside a batch is not under the client's control).
     */
    @Test
    void predictionsOfExactDataLandOnTheGeneratingFigures() {
        List<Measured.Point> pts = points(TRUE, 1, 2, 3, 4, 8);
        CapacityModel m = CapacityModel.fit(List.of(pts.get(0), pts.get(1), pts.get(3), pts.get(4)), List.of(), 0);
        CrossValidation.HeldOut k3 = CrossValidation.compare(m, pts.get(2));
        for (double e : k3.error()) {
            assertTrue(e < 2e-3, "error " + e);
        }
    }

    /** Batch-shaped points made by replaying the schedule with {@code p}; figures as the result files define them. */
    static List<Measured.Point> points(Parameters p, int... ks) {
        List<Measured.Point> out = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int k : ks) {
            List<Measured.Batch> batches = new ArrayList<>();
            double aggSum = 0;
            List<Double> ttfts = new ArrayList<>();
            double decodeRateSum = 0;
            for (int run = 1; run <= 2; run++) {
                List<Measured.Request> reqs = new ArrayList<>();
                List<StepSimulator.Request> sim = new ArrayList<>();
                boolean[] repeats = new boolean[k];
                for (int i = 0; i < k; i++) {
                    boolean repeat = !seen.add(i);
                    repeats[i] = repeat;
                    int completion = 64 + 8 * i;
                    sim.add(new StepSimulator.Request(p.spreadS() * i, repeat && p.prefixReuse() ? 1 : PROMPTS[i], completion));
                    reqs.add(null);
                }
                List<StepSimulator.Outcome> o = StepSimulator.run(sim, p.step());
                double last = 0;
                long tokens = 0;
                for (int i = 0; i < k; i++) {
                    double ttft = p.overheadS() + o.get(i).firstTokenS();
                    double decode = o.get(i).decodeS();
                    int completion = 64 + 8 * i;
                    reqs.set(i, new Measured.Request(PROMPTS[i], completion, 0, repeats[i], ttft, decode));
                    ttfts.add(ttft);
                    decodeRateSum += completion / decode;
                    last = Math.max(last, o.get(i).lastTokenS());
                    tokens += PROMPTS[i] + completion;
                }
                aggSum += tokens / (p.overheadS() + last);
                batches.add(new Measured.Batch("batch", k, run, true, reqs, p.overheadS() + last));
            }
            double[] t = ttfts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double p50 = t[(int) Math.ceil(0.5 * t.length) - 1];
            out.add(new Measured.Point(k, aggSum / 2, p50, decodeRateSum / (2 * k), batches));
        }
        return out;
    }

    @Test
    void openInterceptOffsetIsTheMedianOfTheOpenRowsResidualsNotTheirMean() {
        // rows: {closed intercept, prefill tokens, open intercept}; fit o = 10 ms, c = 0.1 ms/token, o_open = 5 ms
        double[][] tx = {{1, 0, 0}, {0, 0, 1}, {0, 10, 1}, {0, 0, 1}};
        double[] ty = {0.050, 0.004, 0.007, 0.020}; // open residuals: -1 ms, +1 ms, +15 ms (a late step)
        double[] t = {0.010, 0.0001, 0.005};
        assertEquals(0.001, CapacityFitter.medianOpenResidual(tx, ty, t), 1e-12); // the mean would be +5 ms
        assertEquals(0.0, CapacityFitter.medianOpenResidual(new double[][] {{1, 0, 0}}, new double[] {0.05}, t));
    }
}
