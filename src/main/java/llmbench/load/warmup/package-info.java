/**
 * The client's own warm-up: before anything is sent to the target, {@link llmbench.load.warmup.ClientWarmup}
 * runs the suite's streamed-request path (Gatling's connect and send, SSE decoding, the checks that stamp the
 * first token, the record extraction) against a {@link llmbench.load.warmup.LoopbackStreamServer} inside the
 * Gatling JVM, so that the JIT has compiled that path before the first measured burst.
 *
 * <p>Why: a cold JVM runs the send path in the interpreter, so a burst of k sends keeps Gatling's event loops
 * busy for hundreds of milliseconds and the first tokens that arrive meanwhile are read, and stamped, late
 * (BENCHMARKS.md "Harness accuracy": 256 streams, first-token stamp error p50 9.8 ms in a JVM's first batch, 0.5
 * ms in its third). Warming against the target would load it with requests that are not the plan's; the
 * loopback server costs the target nothing.
 */
package llmbench.load.warmup;
