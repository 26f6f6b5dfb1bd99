package llmbench.bench.server;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The client-side figure: how far each inter-token interval a stream sees is from the profile's step time.
 *
 * <pre>
 *   for every stream and every two consecutive token-carrying reads i−1, i with
 *       windowStart ≤ t(i−1)  and  t(i) ≤ windowEnd:
 *   interval  = t(i) − t(i−1)
 *   deviation = | interval − expected |,      expected = T(d, 0) = a + b·d   (d = streams decoding)
 * </pre>
 *
 * In the window every stream has had its first token and none has finished, so d is the level's stream
 * count and no step prefills. A read that carries k &gt; 1 tokens (steps coalesced on the way) still counts
 * as one arrival: a client saw those tokens late, which is what the figure is for. Histograms are in µs.
 */
final class IntervalDeviation {
    private final Histogram deviationUs = new Histogram(3);
    private final Histogram intervalUs = new Histogram(3);
    private long tokensInWindow;

    /** The intervals of {@code streams} inside [windowStart, windowEnd] (nanoTime). */
    static IntervalDeviation of(List<StreamTimeline> streams, long windowStartNanos, long windowEndNanos,
                                double expectedMs) {
        IntervalDeviation d = new IntervalDeviation();
        d.add(streams, windowStartNanos, windowEndNanos, expectedMs);
        return d;
    }

    /** Adds the intervals of one more round (histograms add up across rounds). */
    void add(List<StreamTimeline> streams, long windowStartNanos, long windowEndNanos, double expectedMs) {
        long expectedNanos = Math.round(expectedMs * 1_000_000.0);
        for (StreamTimeline s : streams) {
            for (int i = 1; i < s.stamped(); i++) {
                long from = s.arrivalNanos(i - 1);
                long to = s.arrivalNanos(i);
                if (from < windowStartNanos || to > windowEndNanos) {
                    continue;
                }
                long interval = to - from;
                intervalUs.recordValue(interval / 1000);
                deviationUs.recordValue(Math.abs(interval - expectedNanos) / 1000);
                tokensInWindow += s.tokensAt(i);
            }
        }
    }

    long intervals() {
        return intervalUs.getTotalCount();
    }

    /** Tokens that arrived in the window (the second read of each counted interval). */
    long tokensInWindow() {
        return tokensInWindow;
    }

    /** Deviation at percentile {@code p} in µs; -1 without intervals. */
    long deviationUs(double p) {
        return intervals() == 0 ? -1 : deviationUs.getValueAtPercentile(p);
    }

    /** Percentage of intervals whose deviation is at most {@code limitUs}; -1 without intervals. */
    double percentWithinUs(long limitUs) {
        return intervals() == 0 ? -1 : deviationUs.getPercentileAtOrBelowValue(limitUs);
    }

    long maxDeviationUs() {
        return intervals() == 0 ? -1 : deviationUs.getMaxValue();
    }

    /** Interval at percentile {@code p} in µs; -1 without intervals. */
    long intervalUs(double p) {
        return intervals() == 0 ? -1 : intervalUs.getValueAtPercentile(p);
    }
}
