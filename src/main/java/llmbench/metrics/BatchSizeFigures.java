package llmbench.metrics;

import java.util.List;
import llmbench.timing.RequestRecord;

/**
 * The seed's bench_batch.py figures of one batch size k (spec §5.2) and ours, over its runs:
 * <pre>
 *   avg_aggregate_throughput_tok_s = mean over runs of aggregate_throughput_tok_s
 *   avg_per_request_latency_s      = mean total_time_s of the successful requests of all runs
 *   p95_per_request_latency_s      = nearest rank of those ({@link Percentiles#nearestRank})
 *   avg_prompt_tokens              = round(mean of the prompt_tokens &gt; 0)          (Python's round, a whole number)
 *   aggregate_prefill_tok_s        = mean over runs of theirs                          (ours)
 *   aggregate_decode_tok_s         = mean over runs of theirs                          (ours)
 *   dispatch_spread_s              = the largest run's                                  (ours)
 * </pre>
 * A mean over runs takes each run's figure as its run object has it (rounded: throughput and decode 2
 * decimals, prefill 1), as the seed averages its own run objects; the per-run figures are {@link WallClockRates}.
 *
 * @param runs           each run's figures, in run order
 * @param metrics        the five metrics of the successful streamed requests of all runs
 * @param avgLatencyS    null without a successful request
 * @param avgPromptTokens 0 when no request reported prompt tokens (the seed's value then)
 */
public record BatchSizeFigures(
        List<WallClockRates> runs,
        List<FiveMetrics> metrics,
        Double avgThroughputTokS,
        Double avgLatencyS,
        Double p95LatencyS,
        long avgPromptTokens,
        Double aggregatePrefillTokS,
        Double aggregateDecodeTokS,
        double dispatchSpreadS) {

    /** @param runs the requests of each run, in run order */
    public static BatchSizeFigures of(List<List<RequestRecord>> runs) {
        List<WallClockRates> perRun = runs.stream().map(WallClockRates::of).toList();
        List<RequestRecord> ok = runs.stream().flatMap(List::stream).filter(RequestRecord::succeeded).toList();
        List<FiveMetrics> metrics = FiveMetrics.ofSuccessfulStreams(ok);
        double[] latencies = metrics.stream().mapToDouble(FiveMetrics::totalTimeS).toArray();
        Double avgPrompt = Means.ofPresent(ok.stream().map(RequestRecord::promptTokens)
                .filter(p -> p != null && p > 0).map(Integer::doubleValue).toList());
        return new BatchSizeFigures(perRun, metrics,
                Means.ofPresent(perRun.stream().map(w -> Rounding.round(w.throughputTokS(), 2)).toList()),
                Means.of(latencies), Percentiles.nearestRank(latencies, 0.95),
                avgPrompt == null ? 0 : Rounding.toWhole(avgPrompt),
                Means.ofPresent(perRun.stream().map(w -> Rounding.round(w.prefillTokS(), 1)).toList()),
                Means.ofPresent(perRun.stream().map(w -> Rounding.round(w.decodeTokS(), 2)).toList()),
                perRun.stream().mapToDouble(WallClockRates::dispatchSpreadS).max().orElse(0));
    }

    /**
     * The seed's top-level {@code prompt_tokens_avg}: {@code int(mean)} (truncated, not rounded) of the batch
     * sizes' {@code avg_prompt_tokens} above 0; 0 when none is.
     */
    public static long promptTokensAvg(List<BatchSizeFigures> sizes) {
        Double m = Means.ofPresent(sizes.stream().map(BatchSizeFigures::avgPromptTokens).filter(p -> p > 0)
                .map(Long::doubleValue).toList());
        return m == null ? 0 : m.longValue();
    }
}
