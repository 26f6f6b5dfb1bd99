/**
 * The embedded reference server: an OpenAI-compatible inference server imitation that the suite can
 * start in-process ({@link llmbench.refserver.ReferenceServer#start}) or as a process
 * ({@link llmbench.refserver.ReferenceServerMain}). It speaks the seed server's API, times its tokens with
 * a continuous-batching scheduler driven by a documented performance profile (or lets llama.cpp generate:
 * {@link llmbench.refserver.engine.LlamaBackend}), and records for each
 * request when it was received and when its first content and last chunk reached the socket
 * ({@link llmbench.refserver.groundtruth.GroundTruth}), so measured latencies can be checked against the truth.
 * The root holds only what assembles and starts the server (including {@link llmbench.refserver.ThreadPriorities},
 * which puts the threads that keep the token schedule under SCHED_FIFO on request); the subpackages never
 * depend on it: settings
 * ({@code settings}: every flag, declared once), the HTTP layer ({@code http}), the engines behind it
 * ({@code engine}, {@code scheduler}, {@code model}, {@code kvcache}, {@code spec}, {@code profile}) and the
 * ground-truth log ({@code groundtruth}). See docs/reference-server.md.
 */
package llmbench.refserver;
