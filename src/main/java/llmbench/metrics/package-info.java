/**
 * Metrics derived from {@link llmbench.timing.RequestRecord}s. Each definition lives here once and the
 * README quotes it: the plan's five mandatory metrics in {@link llmbench.metrics.FiveMetrics}, percentiles
 * in {@link llmbench.metrics.LatencyDistribution} (HdrHistogram) and {@link llmbench.metrics.NearestRank}
 * (the seed scripts' own index rule, kept for comparability), and the batch test's three answers in
 * {@link llmbench.metrics.ScalingAnswers}; the seed's concurrency order statistics in
 * {@link llmbench.metrics.SeedOrderStats}; the metrics of a non-streamed request in
 * {@link llmbench.metrics.ResponseMetrics}; cache, speculative-decoding and memory figures from server counters in
 * {@link llmbench.metrics.CacheDeltas}, {@link llmbench.metrics.SpecDecodeDeltas} and
 * {@link llmbench.metrics.MemoryFigure}.
 */
package llmbench.metrics;
