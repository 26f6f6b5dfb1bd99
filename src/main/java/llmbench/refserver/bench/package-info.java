/**
 * The reference server's stream-capacity benchmark (not a test): for each stream count, a reference server
 * in its own JVM ({@link llmbench.refserver.bench.ServerProcess}) serves that many concurrent streams from
 * a Netty client ({@link llmbench.refserver.bench.StreamLoad}); each stream's token arrival times
 * ({@link llmbench.refserver.bench.StreamTimeline}) are compared with the profile's step time for the batch
 * ({@link llmbench.refserver.bench.IntervalDeviation}), and the server's own emit-lag distribution is read
 * for the same steady-state window. {@link llmbench.refserver.bench.StreamCapacityBench} runs the levels and
 * prints one row each; BENCHMARKS.md holds the command and results.
 */
package llmbench.refserver.bench;
