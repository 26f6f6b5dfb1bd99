package llmbench.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets the k users of one batch send together once all k have opened their connections, each from its own event
 * loop. Gatling's {@code rendezVous(k)} alone releases the waiting users one after another on one thread, running
 * each user's next actions as it goes: with the send in them, releasing 1,024 users took about 560 ms, during
 * which no first token was read (they were stamped up to a second late). Here the rendezvous only hands each user
 * a pause until a common instant, set when the k-th user arrives, a little after the whole release is done;
 * each pause ends on the user's own event loop, so the sends are spread over Gatling's event loops and reads go
 * on between them. A user released after that instant sends at once; its send stamp shows it.
 */
public final class BatchRelease {
    /** Release lead: a fixed part, and a part per user for the rendezvous to hand every user its pause. */
    static final long LEAD_FIXED_NANOS = 5_000_000L;
    static final long LEAD_PER_USER_NANOS = 50_000L;

    private final int users;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile long releaseNanos;

    public BatchRelease(int users) {
        this.users = users;
    }

    /** Each user, once connected: counts itself in, waits for the other k − 1, then for the common instant. */
    public ChainBuilder together() {
        return exec(s -> {
            arrive(System.nanoTime());
            return s;
        }).rendezVous(users).exec(pause(s -> untilRelease(System.nanoTime())));
    }

    /** One user is connected; the k-th sets the common instant. */
    void arrive(long nowNanos) {
        if (arrived.incrementAndGet() == users) {
            releaseNanos = nowNanos + lead(users);
        }
    }

    static long lead(int users) {
        return LEAD_FIXED_NANOS + LEAD_PER_USER_NANOS * users;
    }

    Duration untilRelease(long nowNanos) {
        return Duration.ofNanos(Math.max(0, releaseNanos - nowNanos));
    }
}
