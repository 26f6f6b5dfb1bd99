package llmbench.metrics;

import java.util.ArrayList;
import java.util.List;
import llmbench.timing.RequestRecord;

/**
 * Whether a group of requests (one offered rate, or a whole run) meets an {@link Slo}. Each bound's group
 * figure, over the group's requests:
 * <ul>
 *   <li>{@code ttft}, {@code tpot}, {@code e2e}: the nearest-rank percentile (value at index
 *       max(0, ceil(q·n) − 1) of the sorted values, {@link Percentiles#nearestRank}) of the successful requests'
 *       own values from their start ({@link RequestLatency#fromStart});</li>
 *   <li>{@code itl}: the nearest-rank percentile of every gap between content chunks of the successful requests,
 *       pooled (vLLM's ITL percentiles);</li>
 *   <li>{@code error_rate}: failed / requests.</li>
 * </ul>
 * A latency bound over a group without any value (every request failed, or ITL not recorded) is missed with
 * value null: an SLO cannot be met by requests that did not answer.
 *
 * @param checks one per bound, in the SLO's order
 */
public record SloVerdict(Slo slo, List<Check> checks) {
    /** One bound's group figure; {@code value} null when there was nothing to measure. */
    public record Check(SloBound bound, Double value, boolean met) {
        /** "ttft_p95 = 2.31s > 2s" or "error_rate = 0.2 > 0.01", for one-line messages. */
        public String describe() {
            String v = value == null ? "not measured" : bound.metric() == SloBound.Metric.ERROR_RATE
                    ? Rounding.fixed(value, 4) : SloBound.seconds(Rounding.round(value, 4));
            return bound.figure() + " = " + v + (met ? " <= " : (value == null ? ", bound " : " > ")) + bound.limitText();
        }
    }

    public static SloVerdict of(Slo slo, List<RequestRecord> group, RequestLatency.TokenGaps gaps) {
        List<RequestRecord> ok = group.stream().filter(RequestRecord::succeeded).toList();
        List<RequestLatency> latencies = ok.stream().map(r -> RequestLatency.fromStart(r, gaps)).toList();
        List<Check> checks = new ArrayList<>();
        for (SloBound b : slo.bounds()) {
            Double value;
            if (b.metric() == SloBound.Metric.ERROR_RATE) {
                value = Rates.ratio(group.size() - ok.size(), group.size());
                checks.add(new Check(b, value, value == null || value <= b.limit()));
                continue;
            }
            value = b.metric() == SloBound.Metric.ITL ? pooledGapPercentile(ok, gaps, b.quantile())
                    : Percentiles.nearestRank(latencies.stream().map(l -> l.value(b.metric()))
                    .filter(v -> v != null).mapToDouble(Double::doubleValue).toArray(), b.quantile());
            checks.add(new Check(b, value, value != null && value <= b.limit()));
        }
        return new SloVerdict(slo, List.copyOf(checks));
    }

    /** The q-th nearest-rank percentile of every content-chunk gap of {@code ok}; null when none was recorded. */
    public static Double pooledGapPercentile(List<RequestRecord> ok, RequestLatency.TokenGaps gaps, double q) {
        double[] all = ok.stream().map(gaps).filter(g -> g != null).flatMapToDouble(java.util.Arrays::stream).toArray();
        return Percentiles.nearestRank(all, q);
    }

    public boolean met() {
        return checks.stream().allMatch(Check::met);
    }

    /** The first bound missed, or null. */
    public Check firstMiss() {
        return checks.stream().filter(c -> !c.met()).findFirst().orElse(null);
    }
}
