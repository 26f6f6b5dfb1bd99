package llmbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchReleaseTest {
    @Test
    void theLastUserToConnectSetsOneInstantEveryUserWaitsFor() {
        BatchRelease release = new BatchRelease(3);
        release.arrive(1_000_000L);
        release.arrive(2_000_000L);
        release.arrive(7_000_000L); // the third: the instant is 7 ms + 5 ms + 3 × 50 µs
        assertEquals(Duration.ofNanos(5_150_000L), release.untilRelease(7_000_000L));
        assertEquals(Duration.ofNanos(150_000L), release.untilRelease(12_000_000L));
    }

    @Test
    void aUserHandedItsPauseAfterTheInstantSendsAtOnce() {
        BatchRelease release = new BatchRelease(1);
        release.arrive(0);
        assertEquals(Duration.ZERO, release.untilRelease(BatchRelease.lead(1) + 1));
    }

    @Test
    void theLeadGrowsWithTheUsersTheRendezvousMustHandOut() {
        assertEquals(5_000_000L + 1024 * 50_000L, BatchRelease.lead(1024)); // 56.2 ms for 1,024 users
    }
}
