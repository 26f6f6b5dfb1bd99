package llmbench.metrics;

import java.util.Comparator;
import java.util.List;

/**
 * The sweep's answers, from its open-rate rows in order of offered rate.
 *
 * <p><b>max_rate_within_slo_rps</b>: the first offered rate r_b whose group missed the SLO and the rate before it,
 * r_a (which met it), are named; for each bound missed at r_b whose figure at r_a was within its limit, the rate
 * where that figure reaches its limit by linear interpolation, r_a + (limit − v_a) / (v_b − v_a) · (r_b − r_a);
 * the answer is the smallest of them (r_a when no missed bound can be interpolated, e.g. one not measured).
 * Every rate met: the highest rate tested, a lower bound ({@code within_slo_at_every_rate}). The lowest rate
 * missed already: null ({@code missed_at_lowest_rate}). {@code users_at_max_rate} is the mean in flight
 * interpolated the same way (Little's law: rate × time in the system).
 *
 * <p><b>knee_rps</b>: the offered rate after which median e2e latency (from the intended send) grows at
 * least as fast as the load, i.e. the lower rate r_i of the first step whose elasticity
 * (ΔL / L_i) / (Δr / r_i) is ≥ 1: before it, added load costs latency less than proportionally (a batching
 * server spreads a step over more sequences); from it on, latency is dominated by queueing. Null when no step
 * reaches 1 (the sweep ended before the knee) or there are fewer than two rates with a latency.
 */
public record CapacityAnswer(Double maxRateWithinSloRps, Double lastMetRps, Double firstMissedRps, String missedBound,
                             Double usersAtMaxRate, String status, Double kneeRps) {
    public static final String KNEE_RULE = "lowest offered rate r_i at which the next step's median e2e latency "
            + "elasticity (dL/L_i)/(dr/r_i) is >= 1";

    /** One open rate: its offered rate and figures. */
    public record Point(double offeredRps, RateFigures figures) {
    }

    public static CapacityAnswer of(List<Point> rows, Slo slo) {
        List<Point> sorted = rows.stream().sorted(Comparator.comparingDouble(Point::offeredRps)).toList();
        Double knee = knee(sorted);
        if (slo == null || sorted.isEmpty()) {
            return new CapacityAnswer(null, null, null, null, null, slo == null ? "no_slo" : "no_rates", knee);
        }
        Point last = null;
        for (Point p : sorted) {
            if (Boolean.TRUE.equals(p.figures().sloMet())) {
                last = p;
                continue;
            }
            SloVerdict.Check miss = p.figures().verdict().firstMiss();
            if (last == null) {
                return new CapacityAnswer(null, null, p.offeredRps(), miss.describe(), null, "missed_at_lowest_rate", knee);
            }
            double best = Double.POSITIVE_INFINITY;
            String bound = miss.describe();
            for (SloVerdict.Check c : p.figures().verdict().checks()) {
                if (c.met()) {
                    continue;
                }
                Double va = last.figures().figure(c.bound());
                Double vb = c.value();
                double r = last.offeredRps();
                if (va != null && vb != null && vb > va && va <= c.bound().limit()) {
                    r = last.offeredRps() + (c.bound().limit() - va) / (vb - va) * (p.offeredRps() - last.offeredRps());
                }
                if (r < best) {
                    best = r;
                    bound = c.describe();
                }
            }
            double t = (best - last.offeredRps()) / (p.offeredRps() - last.offeredRps());
            double users = last.figures().inFlight().mean()
                    + t * (p.figures().inFlight().mean() - last.figures().inFlight().mean());
            return new CapacityAnswer(best, last.offeredRps(), p.offeredRps(), bound, users, "interpolated", knee);
        }
        return new CapacityAnswer(last.offeredRps(), last.offeredRps(), null, null, last.figures().inFlight().mean(),
                "within_slo_at_every_rate", knee);
    }

    private static Double knee(List<Point> sorted) {
        List<Point> withLatency = sorted.stream().filter(p -> p.figures().e2eP50S() != null).toList();
        for (int i = 0; i + 1 < withLatency.size(); i++) {
            Point a = withLatency.get(i);
            Point b = withLatency.get(i + 1);
            double la = a.figures().e2eP50S();
            double dr = b.offeredRps() - a.offeredRps();
            if (la <= 0 || dr <= 0) {
                continue;
            }
            double elasticity = ((b.figures().e2eP50S() - la) / la) / (dr / a.offeredRps());
            if (elasticity >= 1) {
                return a.offeredRps();
            }
        }
        return null;
    }
}
