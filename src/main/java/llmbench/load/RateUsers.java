package llmbench.load;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.IntFunction;
import llmbench.clock.EpochClock;

/**
 * What one user of a rate sweep does (the injection itself is in RateSweepSimulation): claim the point's next
 * arrival, and send it with its intended send instant in the session (recorded beside the actual send), or do
 * nothing when the point has sent all it may or the sweep was stopped ({@link SweepGuard}). A deferred rate's
 * users are injected at once and wait (Gatling pause) until their intended instants; a synchronous run is one
 * user sending until its budget is used.
 */
public final class RateUsers {
    private static final String CLAIMED = "llmRateClaimed";

    private final RatePlan plan;
    private final StreamingRequest request;
    private final Function<RatePoint, IntFunction<String>> bodies;

    /** @param bodies per point, the request body of its arrival i */
    public RateUsers(RatePlan plan, StreamingRequest request, Function<RatePoint, IntFunction<String>> bodies) {
        this.plan = plan;
        this.request = request;
        this.bodies = bodies;
    }

    /** One arrival of an open rate, or one request of a throughput run. */
    public ChainBuilder arrival(RatePoint p) {
        ChainBuilder claim = exec(s -> claim(s, p));
        ChainBuilder wait = p.deferred()
                ? exec(pause(s -> untilIntended(s)))
                : exec(s -> s);
        return claim.doIf(s -> s.getBoolean(CLAIMED)).then(wait.exec(send(p)));
    }

    /** The synchronous run: one user, one request after another, until the point's budget or time is used. */
    public ChainBuilder synchronous(RatePoint p) {
        return exec(s -> claim(s, p)).asLongAs(s -> s.getBoolean(CLAIMED)).on(
                exec(Session::markAsSucceeded).exec(send(p)).exec(s -> claim(s, p)));
    }

    private ChainBuilder send(RatePoint p) {
        return exec(s -> {
            plan.guard().sent();
            p.started();
            return s;
        }).doIfOrElse(s -> plan.phase(p, s.getInt(StreamingRequest.REQUEST_IDX)) < 0)
                .then(request.chain(p.caseName(), true))
                .orElse(request.chain(p.caseName(), false))
                .exec(s -> {
                    p.finished(!s.isFailed());
                    plan.guard().done();
                    return s;
                });
    }

    private Session claim(Session s, RatePoint p) {
        plan.fixDeferred(p);
        RatePoint.Arrival a = plan.guard().allows(p) ? p.claim() : null;
        if (a == null) {
            return s.set(CLAIMED, false);
        }
        Session out = s.set(CLAIMED, true)
                .set(StreamingRequest.REQUEST_IDX, a.index())
                .set(StreamingRequest.RUN, p.index())
                .set(StreamingRequest.BODY, bodies.apply(p).apply(a.index()));
        return a.intendedSendUs() == null ? out.remove(StreamingRequest.INTENDED_SEND_US)
                : out.set(StreamingRequest.INTENDED_SEND_US, a.intendedSendUs());
    }

    private static Duration untilIntended(Session s) {
        long wait = s.getLong(StreamingRequest.INTENDED_SEND_US) - EpochClock.nowMicros();
        return Duration.ofNanos(Math.max(0, wait) * 1000);
    }
}
