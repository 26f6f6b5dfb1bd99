package llmbench.refserver.groundtruth;

/**
 * What the reference server knows about one request's timing, in epoch microseconds of
 * {@link llmbench.clock.EpochClock}: comparable with the load generator's own stamps.
 *
 * @param receivedEpochUs              the complete request had been read from the socket
 * @param firstContentWrittenEpochUs   the write of the first chunk with non-empty content: the start of the flush
 *                                     that wrote it when that flush wrote it at once (the bytes were in the
 *                                     client's socket when the call returned), else when the write completed
 *                                     (null if no content was ever sent)
 * @param lastChunkWrittenEpochUs      the write holding the final chunk (finish_reason, usage chunk and
 *                                     [DONE] go out in one write), by the same rule; for a non-streaming
 *                                     request, the response's write completed; null if cancelled
 * @param finishReason                 "stop", "length", or "cancelled" (client went away / shutdown)
 */
public record GroundTruth(String id, long receivedEpochUs, Long firstContentWrittenEpochUs,
                          Long lastChunkWrittenEpochUs, int promptTokens, int completionTokens,
                          String finishReason) {
}
