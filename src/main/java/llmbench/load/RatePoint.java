package llmbench.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import llmbench.clock.EpochClock;

/**
 * One point of a rate sweep: what it sends (its kind, planned arrivals and their intended offsets) and, while it
 * runs, who was sent when. Thread-safe: Gatling's users claim arrivals from several event loops.
 * <ul>
 *   <li>{@link Kind#RATE}: open model; arrival i is meant to be sent at {@code anchor + offset_i}. Gatling does not
 *       say when it started the injection, so the anchor is the earliest start consistent with every arrival
 *       claimed so far: min over claims of (claim time − offset). Arrival i's intended send is the anchor at its
 *       claim + offset_i, never later than its claim, so no lag is negative, and latencies from the intended send
 *       are never shorter than from the actual one (the first user of a scenario starts a little later than
 *       the others, relative to the schedule; anchoring on it alone would make later arrivals look early). A
 *       {@linkplain #deferred() deferred} rate (a sweep's, known only after the throughput run) fixes its rate,
 *       offsets and anchor (the first claim + {@link #DEFERRED_LEAD_US}) when its first user claims; its users
 *       wait (Gatling pause) until their instants.</li>
 *   <li>{@link Kind#SYNCHRONOUS}: closed loop, one request in flight, no schedule (no intended send).</li>
 *   <li>{@link Kind#THROUGHPUT}: every planned request at once, no schedule.</li>
 * </ul>
 * Arrival indices are handed out in claim order; users that start within microseconds of each other may claim
 * in an order that differs from their injection order, which swaps two nearly equal intended instants.
 */
public final class RatePoint {
    public enum Kind { SYNCHRONOUS, THROUGHPUT, RATE }

    /** How far ahead of its first claim a deferred rate's schedule starts, so its users are all parked in time. */
    public static final long DEFERRED_LEAD_US = 200_000;

    private final int index;
    private final Kind kind;
    private final String caseName;
    private final int planned;
    private final long maxUs;
    private final boolean deferred;
    private volatile Double offeredRps;
    private volatile long[] offsetsUs;

    private final AtomicLong anchorUs = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong firstStartUs = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEndUs = new AtomicLong(Long.MIN_VALUE);

    RatePoint(int index, Kind kind, String caseName, int planned, long maxUs, Double offeredRps, long[] offsetsUs) {
        this.index = index;
        this.kind = kind;
        this.caseName = caseName;
        this.planned = planned;
        this.maxUs = maxUs;
        this.offeredRps = offeredRps;
        this.offsetsUs = offsetsUs;
        this.deferred = kind == Kind.RATE && offsetsUs == null;
    }

    public int index() {
        return index;
    }

    public Kind kind() {
        return kind;
    }

    public String caseName() {
        return caseName;
    }

    /** Users to inject: the planned arrivals (a deferred rate's bound; those past rate.duration.s are not sent). */
    public int users() {
        return kind == Kind.RATE && !deferred ? offsetsUs.length : planned;
    }

    public boolean deferred() {
        return deferred;
    }

    /** The offered rate; null for synchronous and throughput runs, and for a deferred rate before it starts. */
    public Double offeredRps() {
        return offeredRps;
    }

    /** Intended offsets from the anchor (µs); null for closed-loop points and a deferred rate before it starts. */
    public long[] offsetsUs() {
        return offsetsUs;
    }

    /** The schedule's anchor (epoch µs), or null before the first claim. */
    public Long anchorUs() {
        long a = anchorUs.get();
        return a == Long.MIN_VALUE ? null : a;
    }

    /** Arrivals this point can send (a RATE's schedule length once known, else the planned count). */
    public int arrivals() {
        long[] o = offsetsUs;
        return kind == Kind.RATE && o != null ? o.length : planned;
    }

    /** Fixes a deferred rate's rate and schedule (once; later calls are ignored). */
    synchronized void fix(double rate, long[] offsets) {
        if (offsetsUs == null) {
            offeredRps = rate;
            offsetsUs = offsets;
        }
    }

    /**
     * The next arrival: its index and intended send (epoch µs; null for closed-loop points), or null when the
     * point has sent all it may (planned count reached, or a synchronous run's time is up).
     */
    Arrival claim() {
        long now = EpochClock.nowMicros();
        long lead = deferred ? DEFERRED_LEAD_US : 0;
        anchorUs.compareAndSet(Long.MIN_VALUE, now + lead);
        if (kind == Kind.SYNCHRONOUS && maxUs >= 0 && now - anchorUs.get() >= maxUs) {
            return null;
        }
        int i = next.getAndIncrement();
        if (i >= arrivals()) {
            return null;
        }
        if (kind != Kind.RATE) {
            return new Arrival(i, null);
        }
        long anchor = deferred ? anchorUs.get() : anchorUs.accumulateAndGet(now - offsetsUs[i], Math::min);
        return new Arrival(i, anchor + offsetsUs[i]);
    }

    /** One claimed arrival. */
    public record Arrival(int index, Long intendedSendUs) {
    }

    void started() {
        started.incrementAndGet();
        firstStartUs.accumulateAndGet(EpochClock.nowMicros(), Math::min);
    }

    void finished(boolean ok) {
        if (!ok) {
            failed.incrementAndGet();
        }
        finished.incrementAndGet();
        lastEndUs.accumulateAndGet(EpochClock.nowMicros(), Math::max);
    }

    int inFlight() {
        return started.get() - finished.get();
    }

    int finishedCount() {
        return finished.get();
    }

    int failedCount() {
        return failed.get();
    }

    /**
     * Requests answered well per second over the point's span (first send to last hand-over), as seen by the load
     * generator while it ran: the floor (synchronous) and ceiling (throughput) a sweep places its rates between.
     * Null before anything finished.
     */
    Double liveRate() {
        long span = lastEndUs.get() - firstStartUs.get();
        int ok = finished.get() - failed.get();
        return span > 0 && ok > 0 ? ok / (span / 1e6) : null;
    }
}
