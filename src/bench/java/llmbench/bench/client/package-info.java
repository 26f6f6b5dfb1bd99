/**
 * The suite's own timing accuracy (not a test): {@link llmbench.bench.client.TimingAccuracy} compares the
 * stamps of a finished run with the reference server's ground truth, request by request.
 * {@code launchers/bench_client_capacity.sh} runs it per concurrency level; BENCHMARKS.md holds the results.
 */
package llmbench.bench.client;
