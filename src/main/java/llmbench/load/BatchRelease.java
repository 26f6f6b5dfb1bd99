package llmbench.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets the k users of one batch send together once all k have opened their connections, each from its own event
 * loop, paced {@link #PACE_NANOS} apart. Gatling's {@code rendezVous(k)} alone releases the waiting users one after another on one thread, running
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
    /**
     * Sends are paced this far apart in arrival order (1,024 users: 20 ms in all). Netty runs every task that is due
     * before it polls the sockets again (for up to 1 s, {@code io.netty.eventLoop.maxTaskProcessingQuantumMs}), so k
     * sends due at one instant would keep an event loop from reading until its last send; paced, each turn of the
     * loop sends what has come due and then reads. Measured at 1,024 streams (three interleaved pairs, load 3-5):
     * first tokens the server wrote while the batch was still arriving were stamped p50 3-24 ms late paced, 19-65 ms
     * unpaced; the whole batch's p99 83-99 vs 44-148 ms (BENCHMARKS.md "Harness accuracy").
     */
    static final long PACE_NANOS = 20_000L;
    private static final String ORDER = "llmBatchReleaseOrder";

    private final int users;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile long releaseNanos;

    public BatchRelease(int users) {
        this.users = users;
    }

    /** Each user, once connected: counts itself in, waits for the other k − 1, then for its instant. */
    public ChainBuilder together() {
        return exec(s -> s.set(ORDER, arrive(System.nanoTime())))
                .rendezVous(users).exec(pause(s -> untilRelease(s.getInt(ORDER), System.nanoTime())));
    }

    /** One user is connected: returns its arrival order (0-based); the k-th sets the common instant. */
    int arrive(long nowNanos) {
        int order = arrived.getAndIncrement();
        if (order == users - 1) {
            releaseNanos = nowNanos + lead(users);
        }
        return order;
    }

    static long lead(int users) {
        return LEAD_FIXED_NANOS + LEAD_PER_USER_NANOS * users;
    }

    /** The wait of the user that arrived {@code order}-th: until the common instant plus its place in the pacing. */
    Duration untilRelease(int order, long nowNanos) {
        return Duration.ofNanos(Math.max(0, releaseNanos + order * PACE_NANOS - nowNanos));
    }
}
