package llmbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchReleaseTest {
    @Test
    void theLastUserToConnectSetsOneInstantEveryUserWaitsFor() {
        BatchRelease release = new BatchRelease(3);
        assertEquals(0, release.arrive(1_000_000L));
        assertEquals(1, release.arrive(2_000_000L));
        assertEquals(2, release.arrive(7_000_000L)); // the third: the instant is 7 ms + 5 ms + 3 × 50 µs
        assertEquals(Duration.ofNanos(5_150_000L), release.untilRelease(0, 7_000_000L));
        assertEquals(Duration.ofNanos(150_000L), release.untilRelease(0, 12_000_000L));
    }

    @Test
    void usersArePacedTwentyMicrosecondsApartInArrivalOrder() {
        BatchRelease release = new BatchRelease(2);
        release.arrive(0);
        release.arrive(0);
        long instant = BatchRelease.lead(2);
        assertEquals(Duration.ZERO, release.untilRelease(0, instant));
        assertEquals(Duration.ofNanos(20_000L), release.untilRelease(1, instant));
    }

    @Test
    void aUserHandedItsPauseAfterTheInstantSendsAtOnce() {
        BatchRelease release = new BatchRelease(1);
        release.arrive(0);
        assertEquals(Duration.ZERO, release.untilRelease(0, BatchRelease.lead(1) + 1));
    }

    @Test
    void theLeadGrowsWithTheUsersTheRendezvousMustHandOut() {
        assertEquals(5_000_000L + 1024 * 50_000L, BatchRelease.lead(1024)); // 56.2 ms for 1,024 users
    }
}
