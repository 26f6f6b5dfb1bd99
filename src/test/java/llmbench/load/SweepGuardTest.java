package llmbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepGuardTest {
    private static RatePlan plan(SweepGuard guard) {
        return RatePlan.of("values", List.of(1.0, 2.0), 6, Duration.ofSeconds(10), null, false, "constant", 1, 1,
                0.1, 0.1, guard);
    }

    @Test
    void moreRequestsInFlightThanTheBoundStopEveryLaterArrival() {
        SweepGuard guard = new SweepGuard(2, 0.5);
        RatePoint p = plan(guard).points().get(1);
        for (int i = 0; i < 3; i++) {
            assertTrue(guard.allows(p));
            guard.sent();
        }
        assertFalse(guard.allows(p));
        assertEquals("3 requests in flight at rate 2/s (2.00 req/s offered) (rate.stop.in.flight 2): the server answers "
                + "fewer requests than arrive", guard.stopReason());
        guard.done();
        guard.done();
        assertFalse(guard.allows(p), "a stopped sweep stays stopped");
    }

    @Test
    void tooManyFailuresAmongAtLeastTenAnsweredStopTheSweep() {
        SweepGuard guard = new SweepGuard(100, 0.5);
        RatePoint p = plan(guard).points().get(0);
        for (int i = 0; i < 9; i++) {
            p.started();
            p.finished(false);
        }
        assertTrue(guard.allows(p), "nine answered are too few to judge");
        assertNull(guard.stopReason());
        p.started();
        p.finished(false);
        assertFalse(guard.allows(p));
        assertTrue(guard.stopReason().startsWith("10 of 10 answered requests failed at rate 1/s"), guard.stopReason());
    }

    @Test
    void warmUpAndCoolDownAreTheFirstAndLastTenthOfARatesArrivals() {
        RatePlan plan = plan(new SweepGuard(100, 0.5));
        RatePoint two = plan.points().get(1);
        assertEquals(20, two.arrivals());
        assertEquals(-1, plan.phase(two, 0));
        assertEquals(-1, plan.phase(two, 1));
        assertEquals(0, plan.phase(two, 2));
        assertEquals(0, plan.phase(two, 17));
        assertEquals(1, plan.phase(two, 18));
    }
}
