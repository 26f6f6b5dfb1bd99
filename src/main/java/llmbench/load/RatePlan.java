package llmbench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import llmbench.config.BadInputException;
import llmbench.timing.RequestRecord;

/**
 * What RateSweepSimulation sends, point by point, and how its records are split into phases.
 *
 * <p><b>Points.</b> {@code values}: one open-model rate per value, ascending, each with
 * {@code rate.requests} arrivals or, by default, ceil(rate × {@code rate.duration.s}); with both given, arrivals
 * after {@code rate.duration.s} are not sent. {@code sweep} (GuideLLM's): a synchronous run (one request in
 * flight, {@code rate.requests} requests or until {@code rate.duration.s}), a throughput run (all
 * {@code rate.requests} at once), then points − 2 open rates evenly spaced strictly between the two runs' achieved
 * rates (floor + j / (points − 1) · (ceiling − floor)), each with {@code rate.requests} arrivals within
 * {@code rate.duration.s}. The sweep's rates are fixed when the first of their users starts.
 *
 * <p><b>Phases.</b> A rate's arrivals are numbered in schedule order; the first floor(warmup · n) are its
 * warm-up, the last floor(cooldown · n) its cool-down, the rest are measured. A request belongs to the phase of
 * its <em>intended</em> send, whenever it ends: a measured request that finishes during the cool-down counts in
 * full, a warm-up request that finishes inside the measured window counts only towards that window's completions
 * (throughput and goodput), never towards latency. The measurement window runs from the first measured arrival's
 * intended send to the first cool-down arrival's (without a cool-down: to the last measured arrival's plus one
 * mean gap). Synchronous and throughput runs have no warm-up or cool-down; their window is first send to last end.
 */
public final class RatePlan {
    public static final int SWEEP_DEFAULT_REQUESTS = 64;

    private final List<RatePoint> points;
    private final ArrivalSchedule.Arrivals arrivals;
    private final double burstiness;
    private final long seed;
    private final double warmup;
    private final double cooldown;
    private final boolean sweep;
    private final long maxUs;
    private final SweepGuard guard;

    private RatePlan(List<RatePoint> points, ArrivalSchedule.Arrivals arrivals, double burstiness, long seed,
                     double warmup, double cooldown, boolean sweep, long maxUs, SweepGuard guard) {
        this.points = points;
        this.arrivals = arrivals;
        this.burstiness = burstiness;
        this.seed = seed;
        this.warmup = warmup;
        this.cooldown = cooldown;
        this.sweep = sweep;
        this.maxUs = maxUs;
        this.guard = guard;
    }

    /**
     * @param requests    arrivals per rate, or null for rate × duration (values) / {@link #SWEEP_DEFAULT_REQUESTS}
     * @param capDuration whether arrivals past {@code duration} are dropped when {@code requests} is given
     */
    public static RatePlan of(String profile, List<Double> values, int sweepPoints, Duration duration, Integer requests,
                              boolean capDuration, String arrivals, double burstiness, long seed, double warmup,
                              double cooldown, SweepGuard guard) {
        ArrivalSchedule.Arrivals kind = ArrivalSchedule.Arrivals.valueOf(arrivals.toUpperCase(Locale.ROOT));
        if (burstiness != 1.0 && kind != ArrivalSchedule.Arrivals.GAMMA) {
            throw new BadInputException("rate.burstiness " + burstiness + " needs rate.arrivals=gamma (is " + arrivals + ")");
        }
        if (warmup + cooldown >= 0.9) {
            throw new BadInputException("rate.warmup + rate.cooldown = " + (warmup + cooldown)
                    + " leaves too few measured arrivals; keep the sum below 0.9");
        }
        long durUs = duration.toNanos() / 1000;
        List<RatePoint> points = new ArrayList<>();
        boolean sweep = profile.equals("sweep");
        if (sweep) {
            int n = requests == null ? SWEEP_DEFAULT_REQUESTS : requests;
            points.add(new RatePoint(0, RatePoint.Kind.SYNCHRONOUS, "sweep synchronous", n, durUs, null, null));
            points.add(new RatePoint(1, RatePoint.Kind.THROUGHPUT, "sweep throughput", n, -1, null, null));
            for (int j = 1; j <= sweepPoints - 2; j++) {
                points.add(new RatePoint(j + 1, RatePoint.Kind.RATE, "sweep rate " + j, n, durUs, null, null));
            }
        } else {
            List<Double> rates = new ArrayList<>(new TreeSet<>(values));
            for (int i = 0; i < rates.size(); i++) {
                double r = rates.get(i);
                int n = requests != null ? requests : (int) Math.ceil(r * durUs / 1e6 - 1e-9);
                long cap = requests == null || capDuration ? durUs : -1;
                long[] offsets = ArrivalSchedule.offsetsUs(kind, r, burstiness, n, seed + i, cap);
                if (offsets.length == 0) {
                    throw new BadInputException("rate " + r + "/s sends no request within rate.duration.s");
                }
                points.add(new RatePoint(i, RatePoint.Kind.RATE, caseName(r), n, cap, r, offsets));
            }
        }
        return new RatePlan(List.copyOf(points), kind, burstiness, seed, warmup, cooldown, sweep, durUs, guard);
    }

    /** "rate 0.5/s", the Gatling scenario and record case of an explicit rate. */
    public static String caseName(double rate) {
        return "rate " + (rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate)) + "/s";
    }

    public List<RatePoint> points() {
        return points;
    }

    public boolean sweep() {
        return sweep;
    }

    public ArrivalSchedule.Arrivals arrivals() {
        return arrivals;
    }

    public double burstiness() {
        return burstiness;
    }

    public long seed() {
        return seed;
    }

    public double warmup() {
        return warmup;
    }

    public double cooldown() {
        return cooldown;
    }

    public SweepGuard guard() {
        return guard;
    }

    public RatePoint point(String caseName) {
        for (RatePoint p : points) {
            if (p.caseName().equals(caseName)) {
                return p;
            }
        }
        return null;
    }

    /** The phase of arrival {@code idx} of {@code p}: -1 warm-up, 0 measured, 1 cool-down. */
    public int phase(RatePoint p, int idx) {
        if (p.kind() != RatePoint.Kind.RATE) {
            return 0;
        }
        int n = p.arrivals();
        if (idx < (int) Math.floor(warmup * n)) {
            return -1;
        }
        return idx >= n - (int) Math.floor(cooldown * n) ? 1 : 0;
    }

    public boolean isMeasured(RequestRecord r) {
        RatePoint p = point(r.labels().caseName());
        return p != null && !r.labels().warmup() && phase(p, r.labels().requestIdx()) == 0;
    }

    /**
     * The point's measurement window [from, to) in epoch µs, or null when it has not started. Open rates: from
     * the schedule (see the class comment); closed-loop runs: from the records given (first send, last end + 1).
     */
    public long[] window(RatePoint p, List<RequestRecord> records) {
        if (p.kind() == RatePoint.Kind.RATE) {
            Long anchor = p.anchorUs();
            long[] o = p.offsetsUs();
            if (anchor == null || o == null || o.length == 0) {
                return null;
            }
            int n = o.length;
            int first = Math.min((int) Math.floor(warmup * n), n - 1);
            int cool = n - (int) Math.floor(cooldown * n);
            long to = cool < n ? o[cool] : o[n - 1] + Math.round(1e6 / p.offeredRps());
            return new long[] {anchor + o[first], anchor + Math.max(to, o[first] + 1)};
        }
        long from = records.stream().mapToLong(RequestRecord::sendUs).min().orElse(Long.MAX_VALUE);
        long to = records.stream().mapToLong(r -> r.endUs() != null ? r.endUs() : r.closedUs()).max().orElse(Long.MIN_VALUE);
        return from < to ? new long[] {from, to + 1} : null;
    }

    /**
     * Fixes a deferred sweep rate before its first arrival: floor = the synchronous run's achieved rate, ceiling =
     * the throughput run's, as seen live by the load generator (requests answered well over first send to last
     * hand-over). Called by the rate's first user.
     */
    void fixDeferred(RatePoint p) {
        if (!p.deferred() || p.offsetsUs() != null) {
            return;
        }
        Double floor = points.get(0).liveRate();
        Double ceiling = points.get(1).liveRate();
        int middle = points.size() - 2;
        double rate;
        if (floor == null || ceiling == null) {
            // nothing answered in a closed-loop run: the sweep cannot place its rates; it stops
            guard.stop("the synchronous or throughput run answered no request; the sweep cannot place its rates");
            rate = 1;
        } else {
            int j = p.index() - 1;
            rate = floor + (double) j / (middle + 1) * (ceiling - floor);
            if (!(rate > 0)) {
                rate = floor;
            }
        }
        p.fix(rate, ArrivalSchedule.offsetsUs(arrivals, rate, burstiness, p.users(), seed + p.index(), maxUs));
    }
}
