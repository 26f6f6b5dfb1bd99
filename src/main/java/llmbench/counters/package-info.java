/**
 * The server's own counters: {@code /health} (the seed's {@code cache_stats}, memory fields),
 * {@code /v1/spec_decode/metrics} and Prometheus {@code /metrics}. Read with a short timeout on the JDK HTTP
 * client's threads, never on Gatling's event loops ({@link llmbench.counters.CounterReader}); kept by name
 * for the converters ({@link llmbench.counters.SnapshotBook}); a server that does not report something gives
 * a {@link llmbench.counters.Snapshot} that says "not reported" and why, and the run goes on.
 */
package llmbench.counters;
