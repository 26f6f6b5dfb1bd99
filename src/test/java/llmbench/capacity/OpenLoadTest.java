package llmbench.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoadTest {
    /** o 5 ms, α 10 ms, β 2 ms, c 0.1 ms/token, 512-token budget, no cap. */
    private static final Parameters P = new Parameters(0.005, 0.010, 0.002, 0.0001, 512, false, 0, 0);

    private static Workload.Item item(int prompt, int completion) {
        return new Workload.Item(prompt, completion, false, 0);
    }

    /**
     * By hand: A (600 prompt tokens, 3 out) is sent at 0; B (100, 2 out) was meant for 25 ms and sent at 30 ms,
     * during A's first step. Step 1: A prefills 512: 10 + 51.2 = 61.2 ms. Step 2: B joins; A's last 88 and B's 100
     * tokens: 10 + 18.8 = 28.8 ms → both first tokens at 90.0 ms. Step 3: d = 2, 14 ms → 104 ms, B done. Step 4:
     * d = 1, 12 ms → 116 ms, A done. With o = 5 ms: TTFT A = 95 ms, B = 5 + 90 − 25 = 70 ms (from its intended
     * send); e2e A = 121 ms, B = 84 ms; nearest-rank p50 of two = the smaller, p95 the larger. Decode tok/s:
     * (3 / 0.026 + 2 / 0.014) / 2. Window [0, 120 ms): only B ends in it (109 ms; A at 121 ms): 102 tokens / 0.12 s.
     */
    @Test
    void twoArrivalsShareStepsAndTheirLatenciesRunFromTheIntendedSend() {
        OpenLoad load = new OpenLoad(List.of(
                new OpenLoad.Arrival(0, 0, item(600, 3), true),
                new OpenLoad.Arrival(0.030, 0.025, item(100, 2), true)), 0, 0.120);
        double[] f = load.evaluate(P);
        assertEquals(850.0, f[0], 1e-9, "aggregate tok/s");
        assertEquals(0.070, f[1], 1e-12, "TTFT p50");
        assertEquals(0.095, f[2], 1e-12, "TTFT p95");
        assertEquals((3 / 0.026 + 2 / 0.014) / 2, f[3], 1e-9, "decode tok/s");
        assertEquals(0.084, f[4], 1e-12, "e2e p50");
        assertEquals(0.121, f[5], 1e-12, "e2e p95");
    }

    /** A warm-up arrival loads the steps (B still waits for A's prefill) but is not in the latency figures. */
    @Test
    void warmupArrivalsLoadTheServerButAreNotMeasured() {
        OpenLoad load = new OpenLoad(List.of(
                new OpenLoad.Arrival(0, 0, item(600, 3), false),
                new OpenLoad.Arrival(0.030, 0.025, item(100, 2), true)), 0, 0.120);
        double[] f = load.evaluate(P);
        assertEquals(0.070, f[1], 1e-12);
        assertEquals(0.070, f[2], 1e-12);
        assertEquals(2 / 0.014, f[3], 1e-9);
    }

    /**
     * A batch cap of 1 queues the second arrival until the first is done. A alone: 61.2 ms, then its last 88
     * tokens in 18.8 ms (first token at 80 ms), two decode steps of 12 ms → done at 104 ms. B is admitted then and
     * prefills 100 tokens in one 20 ms step → first token at 124 ms, TTFT = 5 + 124 − 25 = 104 ms.
     */
    @Test
    void aBatchCapQueuesArrivalsUntilASlotFrees() {
        Parameters capped = new Parameters(0.005, 0.010, 0.002, 0.0001, 512, false, 1, 0);
        OpenLoad load = new OpenLoad(List.of(
                new OpenLoad.Arrival(0, 0, item(600, 3), false),
                new OpenLoad.Arrival(0.030, 0.025, item(100, 2), true)), 0, 0.120);
        assertEquals(0.104, load.evaluate(capped)[1], 1e-12);
    }

    /**
     * λ* = 1 / (α·max((n − 1 + s)/M, P/B) + β·(n − 1) + c·P): 44-token prompts (one prefill step), 128 tokens out,
     * cap 8: α·128/8 = 0.16 s, β·127 = 0.254 s, c·44 = 0.0044 s → 1 / 0.4184 req/s. Without a cap the α term
     * falls to α·44/512.
     */
    @Test
    void capacityIsTheRateAtWhichTheStepLoopIsBusyAllTheTime() {
        Parameters capped = new Parameters(0.005, 0.010, 0.002, 0.0001, 512, false, 8, 0);
        OpenLoad load = new OpenLoad(List.of(new OpenLoad.Arrival(0, 0, item(44, 128), true)), 0, 1);
        assertEquals(1 / 0.4184, load.capacityRps(capped), 1e-9);
        assertEquals(1 / (0.010 * 44 / 512 + 0.254 + 0.0044), load.capacityRps(P), 1e-9);
    }

    /**
     * Below capacity TTFT does not depend on how long the load lasts; beyond it the queue grows, so a run twice
     * as long has a much later median first token.
     */
    @Test
    void beyondCapacityTtftGrowsWithTheRunsLength() {
        Parameters capped = new Parameters(0.005, 0.010, 0.002, 0.0001, 512, false, 8, 0);
        List<Workload.Item> pool = List.of(item(44, 128));
        double capacity = 1 / 0.4184;
        double[] below = new double[2];
        double[] beyond = new double[2];
        double[] durations = {60, 120};
        for (int i = 0; i < 2; i++) {
            below[i] = OpenLoad.poisson(0.6 * capacity, durations[i], 42, pool, 0.1, 0.1).evaluate(capped)[1];
            beyond[i] = OpenLoad.poisson(1.5 * capacity, durations[i], 42, pool, 0.1, 0.1).evaluate(capped)[1];
        }
        assertTrue(Math.abs(below[1] - below[0]) < 0.05, below[0] + " vs " + below[1]);
        assertTrue(below[1] < 0.2, "below capacity TTFT p50 " + below[1]);
        assertTrue(beyond[1] > 1.7 * beyond[0] && beyond[0] > 5, beyond[0] + " vs " + beyond[1]);
    }

    /** The schedule is the sweep's own: the same seed gives the same instants; warm-up and cool-down as RatePlan sets them. */
    @Test
    void poissonArrivalsFollowTheSweepsScheduleAndPhases() {
        OpenLoad a = OpenLoad.poisson(2, 10, 7, List.of(item(40, 8), item(50, 9)), 0.1, 0.1);
        OpenLoad b = OpenLoad.poisson(2, 10, 7, List.of(item(40, 8), item(50, 9)), 0.1, 0.1);
        long[] us = llmbench.load.ArrivalSchedule.offsetsUs(llmbench.load.ArrivalSchedule.Arrivals.POISSON, 2, 1, 20, 7, 10_000_000);
        assertEquals(us.length, a.arrivals().size());
        List<Boolean> measured = new ArrayList<>();
        for (int i = 0; i < us.length; i++) {
            assertEquals(us[i] / 1e6, a.arrivals().get(i).sendS(), 1e-12);
            assertEquals(a.arrivals().get(i).sendS(), b.arrivals().get(i).sendS(), 0);
            assertEquals(i % 2 == 0 ? 40 : 50, a.arrivals().get(i).item().promptTokens());
            measured.add(a.arrivals().get(i).measured());
        }
        int n = us.length;
        int warm = (int) Math.floor(0.1 * n);
        int cool = n - (int) Math.floor(0.1 * n);
        for (int i = 0; i < n; i++) {
            assertEquals(i >= warm && i < cool, measured.get(i), "arrival " + i);
        }
        assertEquals(us[warm] / 1e6, a.windowFromS(), 1e-12);
        assertEquals((us[cool] - us[warm]) / 1e6, a.windowS(), 1e-9);
    }
}
