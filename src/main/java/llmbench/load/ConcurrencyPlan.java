package llmbench.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import llmbench.counters.CounterReader;
import llmbench.counters.SnapshotBook;

/**
 * The concurrency test's load shape (the plan's bench_concurrent): for each level N, exactly N users injected
 * at once, each looping — take the next request of the level, send it, repeat — until the level's request
 * budget is used up or its duration has passed (a request that has started always finishes), so N requests
 * are in flight until the budget runs out. Levels run one after another ({@code andThen}), each wrapped by a
 * {@code /health} reading before and after, with the seed's pause between levels.
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

    public PopulationBuilder populations(StreamingRequest request, IntFunction<String> body, String warmupBody,
                                         SnapshotBook counters) {
        List<PopulationBuilder> steps = new ArrayList<>();
        if (warmups > 0) {
            steps.add(scenario("warmup").repeat(warmups, StreamingRequest.REQUEST_IDX).on(
                            exec(s -> s.set(StreamingRequest.BODY, warmupBody).set(StreamingRequest.RUN, 0))
                                    .exec(request.chain("warmup", true)))
                    .injectOpen(atOnceUsers(1)));
        }
        for (int level : levels) {
            String name = caseName(level);
            Duration pause = steps.isEmpty() ? Duration.ZERO : pauseBetweenLevels;
            steps.add(scenario(name + " health before")
                    .exec(CounterStep.read(counters, name + " before", List.of(CounterReader.HEALTH)))
                    .injectOpen(nothingFor(pause), atOnceUsers(1)));
            Budget budget = new Budget(requestsAt(level), maxDuration);
            ChainBuilder claim = exec(s -> s.set(CLAIM, budget.claim()));
            steps.add(scenario(name)
                    .exec(claim)
                    .asLongAs(s -> s.getInt(CLAIM) >= 0).on(
                            exec(s -> s.set(StreamingRequest.REQUEST_IDX, s.getInt(CLAIM))
                                    .set(StreamingRequest.RUN, level)
                                    .set(StreamingRequest.BODY, body.apply(s.getInt(CLAIM))))
                                    .exec(request.chain(name, false))
                                    .exec(claim))
                    .injectOpen(atOnceUsers(level)));
            steps.add(scenario(name + " health after")
                    .exec(CounterStep.read(counters, name + " after", List.of(CounterReader.HEALTH)))
                    .injectOpen(atOnceUsers(1)));
        }
        PopulationBuilder chain = steps.get(steps.size() - 1);
        for (int i = steps.size() - 2; i >= 0; i--) {
            chain = steps.get(i).andThen(chain);
        }
        return chain;
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
