package llmbench.timing;

/**
 * Turns a {@link CapturedStream} into a {@link RequestRecord}. Runs after the stream has ended and off
 * Gatling's event loops, so it may parse every chunk.
 *
 * <p>Rules (the seed server's benchmark scripts, §5 of its spec, plus what they leave implicit):
 * TTFT ends at the first chunk with non-empty generated text, never at a role-only or empty chunk;
 * completion tokens come from the usage chunk when the server sent one, else from the count of content
 * chunks, and both counts are kept; prompt tokens come only from usage. A stream is a failure when it
 * never produced content, never sent {@code [DONE]}, carried an in-band error, or finished with
 * {@code finish_reason} "error" or "cancelled".
 */
public final class StreamRecordExtractor {

    public RequestRecord extract(CapturedStream s) {
        if (!s.streamed()) {
            return ResponseRecordExtractor.extract(s);
        }
        StringBuilder content = new StringBuilder();
        String id = null;
        Long firstChunkUs = s.messages().isEmpty() ? null : s.messages().get(0).arrivalUs();
        Long lastContentUs = null;
        int contentChunks = 0;
        String finish = null;
        Integer usagePrompt = null;
        Integer usageCompletion = null;
        String inBandError = null;
        String object = null;
        int parsedChunks = 0;
        boolean headWellFormed = true;
        int unparsable = 0;
        CachedPrompt cached = null;
        // arrival stamps of the content chunks, in arrival order: the first chunk's is the check's own µs stamp
        long[] stamps = new long[Math.max(1, s.messages().size() + 1)];
        int contentStamps = 0;

        if (s.firstTokenUs() != null) {
            StreamChunk first = StreamChunk.parseGatlingMessage(s.firstTokenMessage());
            id = first.id();
            contentChunks = first.hasText() ? 1 : 0;
            if (first.hasText()) {
                content.append(first.text());
            }
            // The first content chunk was consumed by a check, so it is not among the buffered messages: it is
            // checked here, and with the first two buffered chunks makes "the first three".
            if (first.parsed()) {
                parsedChunks++;
                headWellFormed = first.id() != null && first.object() != null;
            } else if (first.unparsable()) {
                unparsable++;
            }
            if (first.hasText()) {
                stamps[contentStamps++] = s.firstTokenUs();
            }
            lastContentUs = s.firstTokenUs();
            finish = first.finishReason();
            if (firstChunkUs == null || s.firstTokenUs() < firstChunkUs) {
                firstChunkUs = s.firstTokenUs();
            }
        }
        ServerTimings serverTimings = null;
        for (CapturedStream.Message m : s.messages()) {
            StreamChunk c = StreamChunk.parseGatlingMessage(m.body());
            if (!c.parsed()) {
                unparsable += c.unparsable() ? 1 : 0;
                continue;
            }
            if (c.done()) {
                continue;
            }
            if (id == null) {
                id = c.id();
            }
            if (object == null) {
                object = c.object();
            }
            if (parsedChunks < 3 && (c.id() == null || c.object() == null)) {
                headWellFormed = false;
            }
            parsedChunks++;
            if (c.hasText()) {
                contentChunks++;
                content.append(c.text());
                stamps[contentStamps++] = m.arrivalUs();
                if (lastContentUs == null || m.arrivalUs() > lastContentUs) {
                    lastContentUs = m.arrivalUs();
                }
            }
            if (c.finishReason() != null) {
                finish = c.finishReason();
            }
            if (c.usageCompletionTokens() != null) {
                usagePrompt = c.usagePromptTokens();
                usageCompletion = c.usageCompletionTokens();
            }
            if (c.serverTimings() != null) {
                serverTimings = c.serverTimings(); // the last one wins (llama.cpp: final and usage chunk agree)
            }
            if (c.cachedPrompt() != null) {
                cached = c.cachedPrompt();
            }
            if (c.error() != null && inBandError == null) {
                inBandError = c.error();
            }
        }

        Integer completion = usageCompletion != null ? usageCompletion : Integer.valueOf(contentChunks);
        String source = usageCompletion != null ? "usage" : "chunks";
        Integer status = firstChunkUs != null ? Integer.valueOf(200) : s.refusedStatus();
        String error = errorOf(s, firstChunkUs, inBandError, finish);
        return new RequestRecord(s.labels(), id, s.sendUs(), firstChunkUs, s.firstTokenUs(), lastContentUs,
                s.endUs(), s.closedUs(), usagePrompt, completion, source, usagePrompt, usageCompletion, contentChunks, finish,
                status, error, content.toString(), true, serverTimings, new ReplyShape(object, parsedChunks, headWellFormed),
                gaps(stamps, contentStamps), cached, unparsable, s.maxTokens());
    }

    /**
     * The gaps between consecutive content-chunk stamps, µs; null without content. A gap the stamps' mixed
     * resolution (µs first stamp, 1 ms Gatling stamps after it) makes negative is 0.
     */
    static int[] gaps(long[] stamps, int n) {
        if (n == 0) {
            return null;
        }
        int[] gaps = new int[n - 1];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, stamps[i] - stamps[i - 1]));
        }
        return gaps;
    }

    private static String errorOf(CapturedStream s, Long firstChunkUs, String inBandError, String finish) {
        if (inBandError != null) {
            return "server error in stream: " + inBandError;
        }
        if (firstChunkUs == null && s.refusedStatus() != null && s.refusalBody() != null) {
            // the non-streamed path's rule: the status and the first 200 characters of the server's reply
            String body = s.refusalBody().strip();
            return "HTTP " + s.refusedStatus() + ": " + body.substring(0, Math.min(200, body.length()));
        }
        if (firstChunkUs == null) {
            return "no event stream: " + orUnknown(s.failure())
                    + " (connection refused, non-200 status or non-SSE reply; Gatling's log names it)";
        }
        if (s.firstTokenUs() == null) {
            return "stream ended or timed out before any content chunk";
        }
        if (s.endUs() == null) {
            return "stream ended or timed out before data: [DONE]";
        }
        if ("error".equals(finish) || "cancelled".equals(finish)) {
            return "finish_reason " + finish;
        }
        return null;
    }

    private static String orUnknown(String failure) {
        return failure == null ? "request failed" : failure;
    }
}
