package llmbench.timing;

/**
 * One request's life as named timestamps (epoch microseconds, client clock) and token counts.
 * A field is null when the stream never reached that point: nothing here is estimated.
 *
 * @param sendUs          request handed to the HTTP client
 * @param firstChunkUs    first SSE message of any kind (a role-only chunk counts here)
 * @param firstTokenUs    first chunk with non-empty content or reasoning text: the end of prefill, TTFT's end
 * @param lastContentUs   last chunk with non-empty content
 * @param endUs           {@code data: [DONE]} received: the end of the request
 * @param closedUs        the stream was handed over by the load generator, whether it ended well or not
 * @param promptTokens    as used for metrics: the server's usage figure ({@code usage.prompt_tokens}), else null
 * @param completionTokens as used for metrics: usage.completion_tokens, else the number of content chunks
 * @param tokenSource     "usage" or "chunks": where {@code completionTokens} came from
 * @param contentChunks   chunks with non-empty content, counted by the client whatever the server reports
 * @param content         the generated text as received (kept in memory; the request log keeps a preview)
 * @param streamed        SSE request (false: one JSON response, so there is no client-side first token)
 * @param shape           the reply's form (object, chunks parsed), for API checks; null when unknown
 * @param serverTimings   the server's own prefill/decode times when its reply carried them, else null
 * @param contentGapsUs   the arrival gaps between consecutive content chunks, µs, in arrival order
 *                        ({@code contentChunks − 1} of them; the first from {@code firstTokenUs}, the suite's µs
 *                        stamp, to the next chunk's Gatling stamp (1 ms resolution); a gap the stamps' resolution
 *                        makes negative is 0); null for a non-streamed reply or a stream without content.
 *                        Shared, never modified.
 * @param cachedPrompt    prompt tokens the server served from its prefix cache, with the field it named them in;
 *                        null when the reply did not say
 * @param unparsableEvents SSE messages that were neither JSON nor {@code [DONE]}: counted, not parsed
 * @param maxTokens       the {@code max_tokens} the request asked for, null when its body named none
 */
public record RequestRecord(
        RequestLabels labels,
        String responseId,
        long sendUs,
        Long firstChunkUs,
        Long firstTokenUs,
        Long lastContentUs,
        Long endUs,
        long closedUs,
        Integer promptTokens,
        Integer completionTokens,
        String tokenSource,
        Integer usagePromptTokens,
        Integer usageCompletionTokens,
        int contentChunks,
        String finishReason,
        Integer httpStatus,
        String error,
        String content,
        boolean streamed,
        ServerTimings serverTimings,
        ReplyShape shape,
        int[] contentGapsUs,
        CachedPrompt cachedPrompt,
        int unparsableEvents,
        Integer maxTokens) {

    /** A record without inter-token gaps, cached-prompt count, unparsable events or max_tokens. */
    public RequestRecord(RequestLabels labels, String responseId, long sendUs, Long firstChunkUs, Long firstTokenUs,
                         Long lastContentUs, Long endUs, long closedUs, Integer promptTokens,
                         Integer completionTokens, String tokenSource, Integer usagePromptTokens,
                         Integer usageCompletionTokens, int contentChunks, String finishReason, Integer httpStatus,
                         String error, String content, boolean streamed, ServerTimings serverTimings,
                         ReplyShape shape) {
        this(labels, responseId, sendUs, firstChunkUs, firstTokenUs, lastContentUs, endUs, closedUs, promptTokens,
                completionTokens, tokenSource, usagePromptTokens, usageCompletionTokens, contentChunks, finishReason,
                httpStatus, error, content, streamed, serverTimings, shape, null, null, 0, null);
    }

    /** A record without generated text or server timings. */
    public RequestRecord(RequestLabels labels, String responseId, long sendUs, Long firstChunkUs, Long firstTokenUs,
                         Long lastContentUs, Long endUs, long closedUs, Integer promptTokens,
                         Integer completionTokens, String tokenSource, Integer usagePromptTokens,
                         Integer usageCompletionTokens, int contentChunks, String finishReason, Integer httpStatus,
                         String error) {
        this(labels, responseId, sendUs, firstChunkUs, firstTokenUs, lastContentUs, endUs, closedUs, promptTokens,
                completionTokens, tokenSource, usagePromptTokens, usageCompletionTokens, contentChunks, finishReason,
                httpStatus, error, null, true, null, null, null, null, 0, null);
    }

    public boolean succeeded() {
        return error == null;
    }

    /** Usage reported a completion count that differs from the content chunks the client saw. */
    public boolean usageDisagreesWithChunks() {
        return usageCompletionTokens != null && usageCompletionTokens != contentChunks;
    }
}
