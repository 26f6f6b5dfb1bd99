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
        String secondId = null;
        String object = null;
        int parsedChunks = 0;
        boolean headWellFormed = true;

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
            if (!c.parsed() || c.done()) {
                continue;
            }
            if (id == null) {
                id = c.id();
            } else if (secondId == null && c.id() != null && !c.id().equals(id)) {
                secondId = c.id();
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
            if (c.error() != null && inBandError == null) {
                inBandError = c.error();
            }
        }

        Integer completion = usageCompletion != null ? usageCompletion : Integer.valueOf(contentChunks);
        String source = usageCompletion != null ? "usage" : "chunks";
        Integer status = firstChunkUs != null ? Integer.valueOf(200) : statusOf(s.failure());
        String error = secondId != null ? RESENT + " (response ids " + id + ", " + secondId + ")"
                : errorOf(s, firstChunkUs, inBandError, finish);
        return new RequestRecord(s.labels(), id, s.sendUs(), firstChunkUs, s.firstTokenUs(), lastContentUs,
                s.endUs(), s.closedUs(), usagePrompt, completion, source, usagePrompt, usageCompletion, contentChunks, finish,
                status, error, content.toString(), true, serverTimings, new ReplyShape(object, parsedChunks, headWellFormed));
    }

    /**
     * Gatling's SSE client reconnects (re-sends the POST, after the server's {@code retry} delay, 3 s by default)
     * when a connection breaks mid-stream; the second response's chunks then land in the same stream. Such a
     * record mixes two generations, so it is a failure, never a success, and the server saw one request more.
     */
    public static final String RESENT = "connection broke mid-stream and the HTTP client re-sent the request "
            + "(SSE reconnect): two responses in one stream";

    private static String errorOf(CapturedStream s, Long firstChunkUs, String inBandError, String finish) {
        if (inBandError != null) {
            return "server error in stream: " + inBandError;
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

    /**
     * The HTTP status named in Gatling's connect failure ("Server returned http response with code 429"),
     * else null: a refused connection or a reason Gatling did not log has no status.
     */
    static Integer statusOf(String failure) {
        if (failure == null) {
            return null;
        }
        java.util.regex.Matcher m = STATUS_IN_REASON.matcher(failure);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static final java.util.regex.Pattern STATUS_IN_REASON =
            java.util.regex.Pattern.compile("response with code (\\d{3})");

    private static String orUnknown(String failure) {
        return failure == null ? "request failed" : failure;
    }
}
