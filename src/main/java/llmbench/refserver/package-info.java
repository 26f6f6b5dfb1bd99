/**
 * The embedded reference server: an OpenAI-compatible inference server imitation that the suite can
 * start in-process ({@link llmbench.refserver.ReferenceServer#start}) or as a process
 * ({@link llmbench.refserver.ReferenceServerMain}). It speaks the seed server's API, times its tokens with
 * a continuous-batching scheduler driven by a documented performance profile (or lets llama.cpp generate:
 * {@link llmbench.refserver.engine.LlamaBackend}), and records for each
 * request when it was received and when its first content and last chunk reached the socket
 * ({@link llmbench.refserver.GroundTruth}), so measured latencies can be checked against the truth.
 * See docs/reference-server.md.
 */
package llmbench.refserver;
