package llmbench.refserver.groundtruth;

/**
 * What the reference server knows about one request's timing, in epoch microseconds of
 * {@link llmbench.clock.EpochClock}: comparable with the load generator's own stamps.
 *
 * @param receivedEpochUs              the complete request had been read from the socket
 * @param firstContentWrittenEpochUs   the write of the first chunk with non-empty content completed
 *                                     (null if no content was ever sent)
 * @param lastChunkWrittenEpochUs      the write holding the final chunk (finish_reason, usage chunk and
 *                                     [DONE] go out in one write) completed; for a non-streaming
 *                                     request, the response's write; null if cancelled
 * @param finishReason                 "stop", "length", or "cancelled" (client went away / shutdown)
 */
public record GroundTruth(String id, long receivedEpochUs, Long firstContentWrittenEpochUs,
                          Long lastChunkWrittenEpochUs, int promptTokens, int completionTokens,
                          String finishReason) {
}
