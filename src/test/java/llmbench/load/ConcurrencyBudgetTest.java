package llmbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrencyBudgetTest {
    @Test
    void aLevelHandsOutEachRequestIndexOnceThenNone() {
        ConcurrencyPlan.Budget b = new ConcurrencyPlan.Budget(3, Duration.ofMinutes(1));
        assertEquals(List.of(0, 1, 2, -1, -1), List.of(b.claim(), b.claim(), b.claim(), b.claim(), b.claim()));
    }

    @Test
    void noRequestStartsAfterTheLevelsDuration() throws InterruptedException {
        ConcurrencyPlan.Budget b = new ConcurrencyPlan.Budget(100, Duration.ofMillis(20));
        assertEquals(0, b.claim());
        Thread.sleep(40);
        assertEquals(-1, b.claim());
    }

    @Test
    void everyUserSendsAtLeastOneRequest() {
        ConcurrencyPlan plan = new ConcurrencyPlan(List.of(1, 8), 4, Duration.ofMinutes(1), Duration.ZERO, 0);
        assertEquals(4, plan.requestsAt(1));
        assertEquals(8, plan.requestsAt(8));
        assertEquals(5, new ConcurrencyPlan(List.of(5), null, Duration.ofMinutes(1), Duration.ZERO, 0).requestsAt(5));
    }
}
