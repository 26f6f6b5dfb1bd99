package llmbench.load;

import static io.gatling.javaapi.core.CoreDsl.exec;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The concurrency test's levels (the plan's bench_concurrent): the case name and request budget of each
 * level N, and the loop each of its N users runs — take the next request of the level, send it, repeat —
 * until the budget is used up or the duration has passed, so N requests are in flight until the budget runs
 * out. The injection (N users at once, levels one after another) is in ConcurrentSimulation.
 */
public final class ConcurrencyPlan {
    private static final String CLAIM = "llmClaim";

    private final List<Integer> levels;
    private final Integer requestsPerLevel;
    private final Duration maxDuration;
    private final Duration pauseBetweenLevels;
    private final int warmups;

    /** @param requestsPerLevel requests per level; null means one per user (the seed's N requests at level N) */
    public ConcurrencyPlan(List<Integer> levels, Integer requestsPerLevel, Duration maxDuration,
                           Duration pauseBetweenLevels, int warmups) {
        this.levels = levels;
        this.requestsPerLevel = requestsPerLevel;
        this.maxDuration = maxDuration;
        this.pauseBetweenLevels = pauseBetweenLevels;
        this.warmups = warmups;
    }

    public static String caseName(int level) {
        return "concurrency " + level;
    }

    public static int level(String caseName) {
        return Integer.parseInt(caseName.substring("concurrency ".length()));
    }

    /** Requests sent at level N: the budget, but never fewer than N (every user sends at least one). */
    public int requestsAt(int level) {
        return requestsPerLevel == null ? level : Math.max(level, requestsPerLevel);
    }

    public Duration pauseBetweenLevels() {
        return pauseBetweenLevels;
    }

    public int warmups() {
        return warmups;
    }

    /**
     * What one user of level N does: take the level's next request index from the shared budget, send it,
     * repeat until the budget is used up or the level's duration has passed; a started request finishes.
     */
    public ChainBuilder userLoop(int level, StreamingRequest request, IntFunction<String> body) {
        return userLoop(level, request, body, i -> null);
    }

    /** {@link #userLoop(int, StreamingRequest, IntFunction)} with the workload's bodies, recording what it asked. */
    public ChainBuilder userLoop(int level, StreamingRequest request, Workload workload) {
        return userLoop(level, request, workload::body, workload::requested);
    }

    private ChainBuilder userLoop(int level, StreamingRequest request, IntFunction<String> body,
                                  IntFunction<llmbench.timing.RequestedLengths> asked) {
        String name = caseName(level);
        Budget budget = new Budget(requestsAt(level), maxDuration);
        ChainBuilder claim = exec(s -> s.set(CLAIM, budget.claim()));
        return claim.asLongAs(s -> s.getInt(CLAIM) >= 0).on(
                exec(s -> {
                    int i = s.getInt(CLAIM);
                    Session fed = s.set(StreamingRequest.REQUEST_IDX, i).set(StreamingRequest.RUN, level)
                            .set(StreamingRequest.BODY, body.apply(i));
                    return asked.apply(i) == null ? fed.remove(StreamingRequest.REQUESTED)
                            : fed.set(StreamingRequest.REQUESTED, asked.apply(i));
                })
                        .exec(request.chain(name, false))
                        .exec(claim));
    }

    /** A level's shared request budget: indices 0..total-1, none after the deadline (set by the first claim). */
    static final class Budget {
        private final int total;
        private final long maxNanos;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicLong startNanos = new AtomicLong(Long.MIN_VALUE);

        Budget(int total, Duration max) {
            this.total = total;
            this.maxNanos = max.toNanos();
        }

        int claim() {
            long now = System.nanoTime();
            startNanos.compareAndSet(Long.MIN_VALUE, now);
            if (now - startNanos.get() > maxNanos) {
                return -1;
            }
            int i = next.getAndIncrement();
            return i < total ? i : -1;
        }
    }
}
