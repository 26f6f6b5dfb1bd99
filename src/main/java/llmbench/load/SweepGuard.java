package llmbench.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops a rate sweep that clearly cannot hold: once stopped, no user of any point sends again (later rates are
 * higher and cannot hold either), and the result and console say why. Two rules, checked at every arrival:
 * more than {@code maxInFlight} requests in flight (the queue grows without bound: the server finishes fewer
 * requests than arrive), or more than {@code maxErrorRate} of the current point's answered requests failed,
 * once at least {@link #MIN_ANSWERED} were answered.
 */
public final class SweepGuard {
    public static final int MIN_ANSWERED = 10;

    private final int maxInFlight;
    private final double maxErrorRate;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<String> reason = new AtomicReference<>();

    public SweepGuard(int maxInFlight, double maxErrorRate) {
        this.maxInFlight = maxInFlight;
        this.maxErrorRate = maxErrorRate;
    }

    /** Why the sweep stopped, or null while it runs. */
    public String stopReason() {
        return reason.get();
    }

    void stop(String why) {
        if (reason.compareAndSet(null, why)) {
            System.out.println("gatling-llm-bench: sweep stopped early: " + why);
        }
    }

    /** Whether an arrival of {@code p} may be sent now; stops the sweep when a rule says it cannot hold. */
    boolean allows(RatePoint p) {
        if (reason.get() != null) {
            return false;
        }
        int now = inFlight.get();
        if (now > maxInFlight) {
            stop(now + " requests in flight at " + describe(p) + " (rate.stop.in.flight " + maxInFlight
                    + "): the server answers fewer requests than arrive");
            return false;
        }
        int answered = p.finishedCount();
        int failed = p.failedCount();
        if (answered >= MIN_ANSWERED && failed > maxErrorRate * answered) {
            stop(failed + " of " + answered + " answered requests failed at " + describe(p)
                    + " (rate.stop.error.rate " + maxErrorRate + ")");
            return false;
        }
        return true;
    }

    void sent() {
        inFlight.incrementAndGet();
    }

    void done() {
        inFlight.decrementAndGet();
    }

    private static String describe(RatePoint p) {
        return p.offeredRps() == null ? p.caseName() : String.format(java.util.Locale.ROOT, "%s (%.3g req/s offered)",
                p.caseName(), p.offeredRps());
    }
}
