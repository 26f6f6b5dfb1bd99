/**
 * The reference server's stream-capacity benchmark (not a test): for each stream count, a reference server
 * in its own JVM ({@link llmbench.bench.server.ServerProcess}) serves that many concurrent streams from
 * a Netty client ({@link llmbench.bench.server.StreamLoad}); each stream's token arrival times
 * ({@link llmbench.bench.server.StreamTimeline}) are compared with the profile's step time for the batch
 * ({@link llmbench.bench.server.IntervalDeviation}), and the server's own emit-lag distribution is read
 * for the same steady-state window. {@link llmbench.bench.server.StreamCapacityBench} runs the levels and
 * prints one row each; BENCHMARKS.md holds the command and results.
 */
package llmbench.bench.server;
