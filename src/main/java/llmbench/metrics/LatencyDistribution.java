package llmbench.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import llmbench.timing.RequestRecord;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution in microseconds, kept in an HdrHistogram (3 significant digits, so any reported
 * percentile is within 0.1 % of the recorded value); distributions of several cases add up with {@link #add}.
 */
public final class LatencyDistribution {
    private static final long MAX_TRACKABLE_US = 24L * 3600 * 1_000_000;
    private final Histogram histogram = new Histogram(MAX_TRACKABLE_US, 3);

    /** TTFT (first_token − send) of the successful requests that had a first token (a non-streamed one has none). */
    public static LatencyDistribution ttftOf(List<RequestRecord> records) {
        return sinceSend(records, RequestRecord::firstTokenUs);
    }

    /** Latency (end − send) of the successful requests. */
    public static LatencyDistribution latencyOf(List<RequestRecord> records) {
        return sinceSend(records, RequestRecord::endUs);
    }

    /** The time from send to {@code stamp} of the successful requests that reached it. */
    private static LatencyDistribution sinceSend(List<RequestRecord> records, Function<RequestRecord, Long> stamp) {
        LatencyDistribution d = new LatencyDistribution();
        for (RequestRecord r : records) {
            Long at = stamp.apply(r);
            if (r.succeeded() && at != null) {
                d.recordMicros(at - r.sendUs());
            }
        }
        return d;
    }

    public void recordMicros(long micros) {
        histogram.recordValue(Math.max(0, Math.min(micros, MAX_TRACKABLE_US)));
    }

    public void add(LatencyDistribution other) {
        histogram.add(other.histogram);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** p50, p90, p95, p99, max and mean in seconds; empty when nothing was recorded. */
    public Map<String, Double> summarySeconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (count() == 0) {
            return out;
        }
        out.put("p50", percentileSeconds(50));
        out.put("p90", percentileSeconds(90));
        out.put("p95", percentileSeconds(95));
        out.put("p99", percentileSeconds(99));
        out.put("max", histogram.getMaxValue() / 1e6);
        out.put("mean", histogram.getMean() / 1e6);
        return out;
    }

    public double percentileSeconds(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
