package llmbench.metrics;

import java.util.List;
import llmbench.timing.RequestRecord;

/**
 * The seed's bench_concurrent.py {@code aggregate} of one concurrency level (spec §5.3), over its successful
 * streamed requests: {@code ttft_p50} / {@code latency_p50} = median, {@code ttft_p95}, {@code latency_p95},
 * {@code latency_p99} = {@code sorted[int(q·n)]} ({@link Percentiles}), {@code ttft_mean}, and
 * {@code per_request_tok_s_mean} = the mean of the requests' {@code generation_tok_s} as the rows have them
 * (rounded to 2 decimals, {@link Rounding}), as the seed averages its rows; the clock and token sums are in
 * {@link #wall}. The order statistics are null without a successful stream.
 */
public record ConcurrencyAggregate(
        WallClockRates wall,
        Double ttftP50,
        Double ttftP95,
        Double ttftMean,
        Double latencyP50,
        Double latencyP95,
        Double latencyP99,
        Double perRequestTokSMean) {

    public static ConcurrencyAggregate of(List<RequestRecord> level) {
        List<FiveMetrics> metrics = FiveMetrics.ofSuccessfulStreams(level);
        double[] ttfts = metrics.stream().mapToDouble(FiveMetrics::ttftS).toArray();
        double[] latencies = metrics.stream().mapToDouble(FiveMetrics::totalTimeS).toArray();
        double[] generation = metrics.stream().mapToDouble(m -> Rounding.round(m.generationTokS(), 2)).toArray();
        return new ConcurrencyAggregate(WallClockRates.of(level), Percentiles.median(ttfts),
                Percentiles.indexed(ttfts, 0.95), Means.of(ttfts), Percentiles.median(latencies),
                Percentiles.indexed(latencies, 0.95), Percentiles.indexed(latencies, 0.99), Means.of(generation));
    }
}
