package llmbench.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepSimulatorTest {
    private static final StepSimulator.Step STEP = new StepSimulator.Step(0.010, 0.002, 0.0001, 512, 0);

    /**
     * By hand (α 10 ms, β 2 ms, c 0.1 ms, budget 512): prompts 600 and 100 tokens, 3 and 2 tokens out.
     * Step 1: A prefills 512 (B gets none): 10 + 51.2 = 61.2 ms. Step 2: A 88 + B 100 = 188 tokens:
     * 28.8 ms → both first tokens at 90.0 ms. Step 3: d = 2: 14 ms → 104 ms, B done. Step 4: d = 1: 12 ms
     * → 116 ms, A done.
     */
    @Test
    void concurrentPrefillsShareTheBudgetInArrivalOrder() {
        List<StepSimulator.Outcome> out = StepSimulator.run(List.of(
                new StepSimulator.Request(0, 600, 3), new StepSimulator.Request(0, 100, 2)), STEP);
        assertEquals(0.090, out.get(0).firstTokenS(), 1e-12);
        assertEquals(0.090, out.get(1).firstTokenS(), 1e-12);
        assertEquals(0.116, out.get(0).lastTokenS(), 1e-12);
        assertEquals(0.104, out.get(1).lastTokenS(), 1e-12);
        assertEquals(new StepSimulator.Features(2, 0, 700), out.get(0).ttft());
        assertEquals(new StepSimulator.Features(2, 3, 0), out.get(0).decode());
        assertEquals(new StepSimulator.Features(1, 2, 0), out.get(1).decode());
    }

    @Test
    void featuresReproduceTheTimesLinearly() {
        List<StepSimulator.Outcome> out = StepSimulator.run(List.of(
                new StepSimulator.Request(0, 1500, 40), new StepSimulator.Request(0.05, 300, 7),
                new StepSimulator.Request(0.3, 20, 12)), STEP);
        double[] arrivals = {0, 0.05, 0.3};
        for (int i = 0; i < 3; i++) {
            StepSimulator.Outcome o = out.get(i);
            assertEquals(o.firstTokenS() - arrivals[i], o.ttft().time(0.010, 0.002, 0.0001), 1e-12);
            assertEquals(o.decodeS(), o.decode().time(0.010, 0.002, 0.0001), 1e-12);
        }
    }

    /** A request arriving 20 ms into a 61.2 ms step waits the 41.2 ms left, then one 10 + 2 + 5 ms step. */
    @Test
    void aLateArrivalWaitsForTheRunningStep() {
        List<StepSimulator.Outcome> out = StepSimulator.run(List.of(
                new StepSimulator.Request(0, 512, 5), new StepSimulator.Request(0.020, 50, 1)), STEP);
        assertEquals(0.0612 + 0.017, out.get(1).firstTokenS(), 1e-12);
        assertEquals(0.0412 + 0.017, out.get(1).ttftS(new StepSimulator.Request(0.020, 50, 1)), 1e-12);
    }

    @Test
    void aCachedPromptStillTakesOneStepAndTheBatchCapQueues() {
        StepSimulator.Step capped = new StepSimulator.Step(0.010, 0.002, 0.0001, 0, 1);
        List<StepSimulator.Outcome> out = StepSimulator.run(List.of(
                new StepSimulator.Request(0, 0, 2), new StepSimulator.Request(0, 0, 1)), capped);
        // A: one-token prefill step 10.1 ms, then a decode step 12 ms; B waits for both, then 10.1 ms.
        assertEquals(0.0101, out.get(0).firstTokenS(), 1e-12);
        assertEquals(0.0221, out.get(0).lastTokenS(), 1e-12);
        assertEquals(0.0322, out.get(1).firstTokenS(), 1e-12);
    }
}
