package llmbench.results;

import static llmbench.metrics.Rounding.round;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import llmbench.load.RatePlan;
import llmbench.load.RatePoint;
import llmbench.metrics.CapacityAnswer;
import llmbench.metrics.RateFigures;
import llmbench.metrics.RequestLatency;
import llmbench.metrics.Slo;
import llmbench.metrics.SloVerdict;
import llmbench.timing.RequestRecord;

/**
 * Maps RateSweepSimulation's records to {@code bench_rate_*.json}: one row per point ({@link RateFigures}; open
 * rates ascending, then the sweep's synchronous and throughput runs), and at the top the answers
 * ({@link CapacityAnswer}): {@code max_rate_within_slo_rps} with the two rates it lies between, the knee, and why
 * the sweep stopped early if it did.
 */
public final class RateResultConverter {
    private final RatePlan plan;
    private final Slo slo;
    private final RequestLatency.TokenGaps gaps;

    public RateResultConverter(RatePlan plan, Slo slo, RequestLatency.TokenGaps gaps) {
        this.plan = plan;
        this.slo = slo;
        this.gaps = gaps;
    }

    /** A point's figures, null for a point that sent nothing. */
    public record Row(RatePoint point, RateFigures figures, int sent) {
    }

    public List<Row> rows(List<RequestRecord> all) {
        List<Row> rows = new ArrayList<>();
        for (RatePoint p : plan.points()) {
            List<RequestRecord> mine = all.stream().filter(r -> r.labels().caseName().equals(p.caseName())).toList();
            long[] w = plan.window(p, mine.stream().filter(plan::isMeasured).toList());
            if (mine.isEmpty() || w == null) {
                continue;
            }
            rows.add(new Row(p, RateFigures.of(mine, plan::isMeasured, w[0], w[1], slo, gaps), mine.size()));
        }
        return rows;
    }

    public CapacityAnswer answer(List<Row> rows) {
        return CapacityAnswer.of(rows.stream().filter(r -> r.point().kind() == RatePoint.Kind.RATE
                        && r.point().offeredRps() != null && r.figures().measured() > 0)
                .map(r -> new CapacityAnswer.Point(r.point().offeredRps(), r.figures())).toList(), slo);
    }

    /**
     * The one line of an SLO miss (the lowest offered rate that missed, its first missed bound and value), or
     * null when every open rate met it or there is no SLO. A sweep's synchronous and throughput runs are reported
     * with their checks but do not fail the run: they bound the sweep, they are not rates asked of the server.
     */
    public String sloMiss(List<RequestRecord> all) {
        if (slo == null) {
            return null;
        }
        for (Row r : sorted(rows(all))) {
            SloVerdict v = r.figures().verdict();
            if (r.point().kind() == RatePoint.Kind.RATE && v != null && r.figures().measured() > 0 && !v.met()) {
                return "SLO missed at " + where(r) + ": " + v.firstMiss().describe() + " (slo " + slo.text() + ")";
            }
        }
        return null;
    }

    private static String where(Row r) {
        Double offered = r.point().offeredRps();
        return offered != null ? String.format(Locale.ROOT, "%s req/s offered (%s)", fmt(offered), r.point().caseName())
                : r.point().caseName();
    }

    private static String fmt(double d) {
        return llmbench.metrics.Rounding.fixed(d, 3).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static List<Row> sorted(List<Row> rows) {
        return rows.stream().sorted(Comparator.comparing((Row r) -> r.point().kind() != RatePoint.Kind.RATE)
                .thenComparingDouble(r -> r.point().offeredRps() == null ? 0 : r.point().offeredRps())).toList();
    }

    public ObjectNode convert(List<RequestRecord> all, RunInfo info, boolean partial, ZonedDateTime now) {
        ObjectNode root = ResultJson.header("bench_rate", info, partial, now);
        List<Row> rows = rows(all);
        CapacityAnswer a = answer(rows);
        root.put("slo", slo == null ? null : slo.text());
        root.put("max_rate_within_slo_rps", round(a.maxRateWithinSloRps(), 3));
        ObjectNode m = root.putObject("max_rate_within_slo");
        m.put("status", a.status());
        m.put("last_rate_met_rps", a.lastMetRps());
        m.put("first_rate_missed_rps", a.firstMissedRps());
        m.put("missed_bound", a.missedBound());
        m.put("users_at_max_rate", round(a.usersAtMaxRate(), 2));
        m.put("rule", "linear interpolation of the first missed bound's figure between the last rate that met the "
                + "SLO and the first that did not; users = mean requests in flight interpolated the same way");
        root.put("knee_rps", a.kneeRps());
        root.put("knee_rule", CapacityAnswer.KNEE_RULE);
        root.put("stopped_early", plan.guard().stopReason());
        ObjectNode load = root.putObject("load");
        load.put("profile", plan.sweep() ? "sweep" : "values");
        load.put("arrivals", plan.arrivals().name().toLowerCase(Locale.ROOT));
        load.put("burstiness", plan.burstiness());
        load.put("seed", plan.seed());
        load.put("warmup_fraction", plan.warmup());
        load.put("cooldown_fraction", plan.cooldown());
        load.put("latency_from", "intended send (corrected for coordinated omission); *_actual_s from the actual send");
        ArrayNode out = root.putArray("rates");
        for (Row r : sorted(rows)) {
            out.add(row(r));
        }
        List<RequestRecord> measured = all.stream().filter(r -> !r.labels().warmup() && plan.isMeasured(r)).toList();
        ResultCounts.put(root, all, measured);
        return root;
    }

    private ObjectNode row(Row row) {
        RateFigures f = row.figures();
        RatePoint p = row.point();
        ObjectNode o = RecordJson.JSON.createObjectNode();
        o.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
        o.put("case", p.caseName());
        o.put("offered_rate_rps", round(p.offeredRps(), 4));
        o.put("achieved_rate_rps", round(f.achievedRps(), 4));
        o.put("requests_planned", p.arrivals());
        o.put("requests_sent", row.sent());
        o.put("measured", f.measured());
        o.put("errors", f.errors());
        o.put("window_s", round(f.windowS(), 4));
        o.put("mean_in_flight", round(f.inFlight().mean(), 3));
        o.put("max_in_flight", f.inFlight().max());
        o.put("ttft_p50_s", round(f.ttftP50S(), 4));
        o.put("ttft_p95_s", round(f.ttftP95S(), 4));
        o.put("ttft_p99_s", round(f.ttftP99S(), 4));
        o.put("itl_p50_s", round(f.itlP50S(), 4));
        o.put("itl_p95_s", round(f.itlP95S(), 4));
        o.put("itl_p99_s", round(f.itlP99S(), 4));
        o.put("e2e_p50_s", round(f.e2eP50S(), 4));
        o.put("e2e_p95_s", round(f.e2eP95S(), 4));
        o.put("e2e_p99_s", round(f.e2eP99S(), 4));
        o.put("tpot_p50_s", round(f.tpotP50S(), 5));
        o.put("ttft_p50_actual_s", round(f.ttftP50ActualS(), 4));
        o.put("ttft_p95_actual_s", round(f.ttftP95ActualS(), 4));
        o.put("ttft_p99_actual_s", round(f.ttftP99ActualS(), 4));
        o.put("e2e_p50_actual_s", round(f.e2eP50ActualS(), 4));
        o.put("e2e_p95_actual_s", round(f.e2eP95ActualS(), 4));
        o.put("e2e_p99_actual_s", round(f.e2eP99ActualS(), 4));
        o.put("output_tok_s", round(f.outputTokS(), 2));
        o.put("total_tok_s", round(f.totalTokS(), 2));
        o.put("goodput_rps", round(f.goodputRps(), 4));
        o.put("goodput_tok_s", round(f.goodputTokS(), 2));
        o.put("good_fraction", round(f.goodFraction(), 4));
        o.put("slo_met", f.sloMet());
        if (f.verdict() != null) {
            ArrayNode checks = o.putArray("slo_checks");
            for (SloVerdict.Check c : f.verdict().checks()) {
                ObjectNode ch = checks.addObject();
                ch.put("bound", c.bound().text());
                ch.put("figure", c.bound().figure());
                ch.put("value", round(c.value(), 4));
                ch.put("limit", c.bound().limit());
                ch.put("met", c.met());
            }
        }
        o.put("scheduling_lag_p99_s", round(f.schedulingLagP99S(), 4));
        o.put("scheduling_lag_max_s", round(f.schedulingLagMaxS(), 4));
        return o;
    }
}
