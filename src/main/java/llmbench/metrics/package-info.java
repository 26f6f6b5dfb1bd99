/**
 * Metrics derived from {@link llmbench.timing.RequestRecord}s. Each definition lives here once and the
 * README quotes it: the plan's five mandatory metrics in {@link llmbench.metrics.FiveMetrics}, percentiles
 * in {@link llmbench.metrics.LatencyDistribution} (HdrHistogram) and {@link llmbench.metrics.NearestRank}
 * (the seed scripts' own index rule, kept for comparability), and the batch test's three answers in
 * {@link llmbench.metrics.ScalingAnswers}.
 */
package llmbench.metrics;
