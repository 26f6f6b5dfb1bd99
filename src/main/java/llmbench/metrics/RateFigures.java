package llmbench.metrics;

import java.util.List;
import java.util.function.Predicate;
import llmbench.timing.RequestRecord;

/**
 * The figures of one offered rate of a rate sweep (one row of {@code bench_rate_*.json}).
 *
 * <p>Two sets of requests, two questions:
 * <ul>
 *   <li><b>measured</b> requests (the caller's predicate: arrivals outside the rate's warm-up and cool-down)
 *       give the latency percentiles, errors, good_fraction and the SLO verdict — "how were the requests sent at
 *       this rate served";</li>
 *   <li><b>completions inside the measurement window</b> {@code [fromUs, toUs)} — every request of the rate,
 *       whatever its phase, whose end ([DONE], or hand-over for a failure) lies in it — give achieved_rate_rps,
 *       output and total tok/s and goodput, each divided by the window's length: "what did the server deliver
 *       while this load was applied". A server that falls behind its arrivals delivers fewer completions per
 *       second than were offered, even though every measured request eventually completes.</li>
 * </ul>
 * Latency percentiles are nearest rank ({@link Percentiles#nearestRank}) over the measured successful requests,
 * measured from the intended send ({@link RequestLatency#fromStart}); the {@code *_actual} figures from the
 * actual send. ITL percentiles pool every content-chunk gap of those requests (null when gaps are not recorded).
 *
 * <pre>
 *   achieved_rate_rps = successful completions in window / window_s
 *   output_tok_s      = Σ completion_tokens of those / window_s
 *   total_tok_s       = Σ (prompt + completion) of those / window_s   (null when a prompt count is unknown)
 *   goodput_rps       = good completions in window / window_s         (good: {@link RequestLatency#isGood})
 *   goodput_tok_s     = Σ completion_tokens of the good ones / window_s
 *   good_fraction     = good measured / measured
 *   scheduling_lag_p99_s = nearest-rank p99 of (actual − intended send) over measured requests with a schedule
 * </pre>
 * Without an SLO, goodput, good_fraction and slo_met are null.
 */
public record RateFigures(
        int measured, int successful, int errors, double windowS,
        Double achievedRps, InFlight inFlight,
        Double ttftP50S, Double ttftP95S, Double ttftP99S,
        Double ttftP50ActualS, Double ttftP95ActualS, Double ttftP99ActualS,
        Double e2eP50S, Double e2eP95S, Double e2eP99S,
        Double e2eP50ActualS, Double e2eP95ActualS, Double e2eP99ActualS,
        Double itlP50S, Double itlP95S, Double itlP99S,
        Double tpotP50S,
        Double outputTokS, Double totalTokS,
        Double goodputRps, Double goodputTokS, Double goodFraction,
        Double schedulingLagP99S, Double schedulingLagMaxS,
        SloVerdict verdict) {

    public static RateFigures of(List<RequestRecord> all, Predicate<RequestRecord> isMeasured, long fromUs, long toUs,
                                 Slo slo, RequestLatency.TokenGaps gaps) {
        List<RequestRecord> measured = all.stream().filter(isMeasured).toList();
        List<RequestRecord> ok = measured.stream().filter(RequestRecord::succeeded).toList();
        List<RequestLatency> fromStart = ok.stream().map(r -> RequestLatency.fromStart(r, gaps)).toList();
        List<RequestLatency> fromSend = ok.stream().map(r -> RequestLatency.fromActualSend(r, gaps)).toList();
        double windowS = Rates.seconds(toUs - fromUs);

        List<RequestRecord> done = all.stream().filter(RequestRecord::succeeded)
                .filter(r -> r.endUs() != null && r.endUs() >= fromUs && r.endUs() < toUs).toList();
        long completion = done.stream().mapToLong(r -> r.completionTokens() == null ? 0 : r.completionTokens()).sum();
        boolean promptsKnown = done.stream().allMatch(r -> r.promptTokens() != null);
        long prompt = done.stream().mapToLong(r -> r.promptTokens() == null ? 0 : r.promptTokens()).sum();

        Double goodput = null;
        Double goodTok = null;
        Double goodFraction = null;
        SloVerdict verdict = null;
        if (slo != null) {
            List<RequestRecord> good = done.stream().filter(r -> RequestLatency.isGood(r, RequestLatency.fromStart(r, gaps), slo)).toList();
            goodput = Rates.ratio(good.size(), windowS);
            goodTok = Rates.ratio(good.stream().mapToLong(r -> r.completionTokens() == null ? 0 : r.completionTokens()).sum(), windowS);
            goodFraction = Rates.ratio(measured.stream()
                    .filter(r -> RequestLatency.isGood(r, RequestLatency.fromStart(r, gaps), slo)).count(), measured.size());
            verdict = SloVerdict.of(slo, measured, gaps);
        }
        double[] lags = measured.stream().map(RequestLatency::schedulingLagS).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).toArray();
        return new RateFigures(measured.size(), ok.size(), measured.size() - ok.size(), windowS,
                Rates.ratio(done.size(), windowS), InFlight.over(all, fromUs, toUs),
                pct(fromStart, RequestLatency::ttftS, 0.50), pct(fromStart, RequestLatency::ttftS, 0.95), pct(fromStart, RequestLatency::ttftS, 0.99),
                pct(fromSend, RequestLatency::ttftS, 0.50), pct(fromSend, RequestLatency::ttftS, 0.95), pct(fromSend, RequestLatency::ttftS, 0.99),
                pct(fromStart, RequestLatency::e2eS, 0.50), pct(fromStart, RequestLatency::e2eS, 0.95), pct(fromStart, RequestLatency::e2eS, 0.99),
                pct(fromSend, RequestLatency::e2eS, 0.50), pct(fromSend, RequestLatency::e2eS, 0.95), pct(fromSend, RequestLatency::e2eS, 0.99),
                SloVerdict.pooledGapPercentile(ok, gaps, 0.50), SloVerdict.pooledGapPercentile(ok, gaps, 0.95),
                SloVerdict.pooledGapPercentile(ok, gaps, 0.99),
                pct(fromStart, RequestLatency::tpotS, 0.50),
                Rates.ratio(completion, windowS), promptsKnown ? Rates.ratio(prompt + completion, windowS) : null,
                goodput, goodTok, goodFraction,
                Percentiles.nearestRank(lags, 0.99), lags.length == 0 ? null : java.util.Arrays.stream(lags).max().getAsDouble(),
                verdict);
    }

    private static Double pct(List<RequestLatency> values, java.util.function.Function<RequestLatency, Double> f, double q) {
        return Percentiles.nearestRank(values.stream().map(f).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).toArray(), q);
    }

    /** The group figure this row has for an SLO bound (what {@link CapacityAnswer} interpolates). */
    public Double figure(SloBound b) {
        if (verdict == null) {
            return null;
        }
        return verdict.checks().stream().filter(c -> c.bound().equals(b)).map(SloVerdict.Check::value)
                .findFirst().orElse(null);
    }

    public Boolean sloMet() {
        return verdict == null ? null : verdict.met();
    }
}
