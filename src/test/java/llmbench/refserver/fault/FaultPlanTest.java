package llmbench.refserver.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    private static List<FaultKind> draws(FaultPlan plan, int n) {
        List<FaultKind> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(plan.next());
        }
        return out;
    }

    @Test
    void oneSeedGivesTheSameDecisionsEveryTime() {
        List<FaultKind> kinds = List.of(FaultKind.HTTP_500, FaultKind.NO_DONE);
        assertEquals(draws(new FaultPlan(0.3, kinds, 42), 200), draws(new FaultPlan(0.3, kinds, 42), 200));
    }

    @Test
    void faultedRequestsTakeTheKindsInTurn() {
        List<FaultKind> faults = draws(new FaultPlan(1.0, List.of(FaultKind.HTTP_429, FaultKind.NO_USAGE,
                FaultKind.KILL), 5), 7);
        assertEquals(List.of(FaultKind.HTTP_429, FaultKind.NO_USAGE, FaultKind.KILL, FaultKind.HTTP_429,
                FaultKind.NO_USAGE, FaultKind.KILL, FaultKind.HTTP_429), faults);
    }

    @Test
    void theShareOfFaultedRequestsFollowsTheRate() {
        long faulted = draws(new FaultPlan(0.25, List.of(FaultKind.HTTP_503), 9), 10_000).stream()
                .filter(k -> k != null).count();
        // binomial(10 000, 0.25): sd 43, so ±200 is more than 4.5 sd
        assertTrue(Math.abs(faulted - 2_500) < 200, "faulted " + faulted);
    }

    @Test
    void rateZeroNeverFaults() {
        assertTrue(draws(FaultPlan.none(), 100).stream().allMatch(k -> k == null));
        assertNull(new FaultPlan(0, List.of(FaultKind.HTTP_500), 1).next());
    }

    @Test
    void badSettingsAreRefusedWithTheKnownNames() {
        assertThrows(IllegalArgumentException.class, () -> new FaultPlan(1.5, List.of(FaultKind.HTTP_500), 1));
        assertThrows(IllegalArgumentException.class, () -> new FaultPlan(0.5, List.of(), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultKind.of("http_502"));
        assertTrue(e.getMessage().contains("http_500") && e.getMessage().contains("kill"), e.getMessage());
        assertEquals(FaultKind.STALL_MID_STREAM, FaultKind.of("stall_mid_stream"));
        assertTrue(!FaultKind.DEFAULTS.contains("kill") && FaultKind.DEFAULTS.contains("slow_first_token"));
    }
}
