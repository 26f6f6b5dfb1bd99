/**
 * The reference server's HTTP face: the seed server's routes, error envelopes and SSE framing on Netty.
 * Event loops only read and write ({@link llmbench.refserver.http.BodyLimiter} collects bodies and
 * enforces the size limit); {@link llmbench.refserver.http.ApiHandler} hands each complete request to a
 * small worker pool that validates and routes it; response bytes of a stream are built on the scheduler thread
 * (or a llama slot thread, {@link llmbench.refserver.engine.LlamaBackend}) by
 * {@link llmbench.refserver.http.SseStream}, which also stamps the ground truth when writes complete.
 * {@link llmbench.refserver.http.Transport} picks the event loops' transport (native epoll, else NIO).
 */
package llmbench.refserver.http;
