/**
 * Request and token timing. A streamed request leaves Gatling as a {@link llmbench.timing.CapturedStream}
 * (raw SSE messages with arrival stamps, plus the client-clock stamps taken by our checks); after the stream
 * has ended, off Gatling's event loops, {@link llmbench.timing.StreamRecordExtractor} turns it into one
 * {@link llmbench.timing.RequestRecord}: the named timestamps of that request's life, the arrival gaps of its
 * content chunks (inter-token latency's input), its token counts with their source, and what the reply said
 * besides: prompt tokens served from cache ({@link llmbench.timing.CachedPrompt}), SSE messages that were not
 * JSON, and for a refused stream the server's reply to the same request sent again. Every derived metric is
 * computed from that record, in {@code llmbench.metrics}.
 */
package llmbench.timing;
