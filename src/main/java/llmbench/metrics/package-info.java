/**
 * Every number the suite derives: the only code that computes rates, means, percentiles and rounding, from
 * {@link llmbench.timing.RequestRecord}s and server counters (this package depends on {@code timing}, never
 * the reverse). Converters in {@code results} and the report in {@code report} only place these values.
 * <ul>
 *   <li>the four rules, each once: {@link llmbench.metrics.Rates} (the zero-or-missing-denominator rule: seed
 *       rates 0.0, our ratios null), {@link llmbench.metrics.Means}, {@link llmbench.metrics.Percentiles}
 *       (the seed's small-sample rules) with {@link llmbench.metrics.LatencyDistribution} (HdrHistogram), and
 *       {@link llmbench.metrics.Rounding} (Python's round, as the seed's files);</li>
 *   <li>per request: the plan's five metrics in {@link llmbench.metrics.FiveMetrics} (streamed) and
 *       {@link llmbench.metrics.ResponseMetrics} (non-streamed); inter-token latency in
 *       {@link llmbench.metrics.InterTokenLatency} (and its run distribution), normalized latency in
 *       {@link llmbench.metrics.NormalizedLatency};</li>
 *   <li>per group: {@link llmbench.metrics.FiveMeans}, {@link llmbench.metrics.WallClockRates} (a batch run or a
 *       concurrency level over its wall clock), {@link llmbench.metrics.ConcurrencyAggregate} (the seed's
 *       bench_concurrent aggregate), {@link llmbench.metrics.ScalingAnswers} (the batch test's three answers),
 *       {@link llmbench.metrics.ExtractedFive} (the seed's extract_results derivation);</li>
 *   <li>capacity: {@link llmbench.metrics.Slo} and {@link llmbench.metrics.SloVerdict} (an SLO and whether a group
 *       meets it), {@link llmbench.metrics.RequestLatency} (a request's latencies from its intended send; good or
 *       not), {@link llmbench.metrics.RateFigures} (one offered rate: percentiles, throughput, goodput,
 *       {@link llmbench.metrics.InFlight}), {@link llmbench.metrics.CapacityAnswer} (highest rate within the SLO,
 *       knee);</li>
 *   <li>from server counters: {@link llmbench.metrics.CacheDeltas}, {@link llmbench.metrics.SpecDecodeDeltas},
 *       {@link llmbench.metrics.MemoryFigure}; {@link llmbench.metrics.LeastSquares} for the leak verdict's trend.</li>
 * </ul>
 * A new metric (e.g. goodput) is a record here built
 * on these four rules, with its definition in its Javadoc and the README.
 */
package llmbench.metrics;
