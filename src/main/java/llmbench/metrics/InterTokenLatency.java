package llmbench.metrics;

import java.util.Arrays;
import java.util.List;
import llmbench.timing.RequestRecord;

/**
 * Inter-token latency (ITL) of one streamed request: the gaps between the arrivals of its consecutive content
 * chunks ({@link RequestRecord#contentGapsUs()}; n content chunks give n − 1 gaps), summed up per request as
 * <pre>
 *   itl_p50_s = nearest rank of the request's gaps at 0.50   (value at index ceil(0.50·m) − 1 of the m sorted gaps)
 *   itl_p99_s = nearest rank at 0.99                         ({@link Percentiles#nearestRank}: an observed gap, never interpolated)
 *   itl_max_s = the largest gap
 * </pre>
 * and over a group of requests as one HdrHistogram of every gap of every successful streamed request
 * ({@link #distributionOf}), so a stream that stalls 2 s once shows in {@code itl_max_s} and the run's tail
 * although its mean decode rate looks fine. Resolution: the first chunk's stamp is the suite's own (µs), the
 * others are Gatling's buffered-message stamps (1 ms), so every gap is a whole number of milliseconds give or
 * take the first one's sub-millisecond part; a gap the truncation makes negative counts as 0. A gap is counted
 * per content chunk, which is one token on servers that stream one token per chunk (vLLM, llama.cpp, the
 * reference server) and several when a server batches tokens into a chunk.
 *
 * @param p50S seconds
 * @param p99S seconds
 * @param maxS seconds
 * @param gaps how many gaps the figures are over (≥ 1)
 */
public record InterTokenLatency(double p50S, double p99S, double maxS, int gaps) {

    /**
     * The ITL of a successful or failed streamed record; null when it has fewer than two content chunks (a
     * non-streamed reply has none), since one chunk has no gap.
     */
    public static InterTokenLatency of(RequestRecord r) {
        int[] gaps = r.contentGapsUs();
        if (gaps == null || gaps.length == 0) {
            return null;
        }
        double[] s = new double[gaps.length];
        for (int i = 0; i < gaps.length; i++) {
            s[i] = Rates.seconds(gaps[i]);
        }
        return new InterTokenLatency(Percentiles.nearestRank(s, 0.50), Percentiles.nearestRank(s, 0.99),
                Arrays.stream(s).max().orElseThrow(), gaps.length);
    }

    /** Every gap of the successful streamed requests among {@code records}, in one distribution. */
    public static LatencyDistribution distributionOf(List<RequestRecord> records) {
        LatencyDistribution d = new LatencyDistribution();
        for (RequestRecord r : records) {
            if (r.succeeded() && r.contentGapsUs() != null) {
                for (int g : r.contentGapsUs()) {
                    d.recordMicros(g);
                }
            }
        }
        return d;
    }
}
