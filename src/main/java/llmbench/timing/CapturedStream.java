package llmbench.timing;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the load generator hands over for one streamed request, untouched: no parsing happens on Gatling's
 * event loop. Stamps are epoch microseconds on the client clock; a buffered message only has Gatling's
 * millisecond arrival stamp, converted to microseconds.
 *
 * @param sendUs            taken just before the request is handed to Gatling's HTTP client
 * @param firstTokenUs      taken by the check that matched the first non-empty content chunk, or null
 * @param firstTokenMessage that chunk's message (the check consumes it, so it is not among {@code messages})
 * @param endUs             taken by the check that matched {@code data: [DONE]}, or null if it never came
 * @param messages          every other message in arrival order
 * @param closedUs          taken when the stream was handed over: after [DONE], a failure or a timeout
 * @param failure           Gatling's verdict when the stream failed (connect refused, non-200, timeout), else null
 * @param httpStatus        the response status when the client saw it (non-streamed requests), else null
 * @param streamed          false for a non-streamed request: {@code messages} then holds its one response body
 * @param requestBody       the JSON body sent (a reference to the session's string, read after the stream ended
 *                          for its {@code max_tokens}), or null
 * @param refusalBody       for a stream refused with an HTTP status, the server's reply body to the same request sent
 *                          again (Gatling's SSE connect drops the first one's body), else null
 */
public record CapturedStream(
        RequestLabels labels,
        long sendUs,
        Long firstTokenUs,
        String firstTokenMessage,
        Long endUs,
        List<Message> messages,
        long closedUs,
        String failure,
        Integer httpStatus,
        boolean streamed,
        String requestBody,
        String refusalBody) {
    private static final Pattern STATUS_IN_REASON = Pattern.compile("response with code (\\d{3})");
    private static final Pattern MAX_TOKENS = Pattern.compile("\"max_tokens\"\\s*:\\s*(\\d{1,9})");

    public CapturedStream(RequestLabels labels, long sendUs, Long firstTokenUs, String firstTokenMessage, Long endUs,
                          List<Message> messages, long closedUs, String failure) {
        this(labels, sendUs, firstTokenUs, firstTokenMessage, endUs, messages, closedUs, failure, null, true, null, null);
    }

    public CapturedStream(RequestLabels labels, long sendUs, Long firstTokenUs, String firstTokenMessage, Long endUs,
                          List<Message> messages, long closedUs, String failure, Integer httpStatus, boolean streamed,
                          String requestBody) {
        this(labels, sendUs, firstTokenUs, firstTokenMessage, endUs, messages, closedUs, failure, httpStatus, streamed,
                requestBody, null);
    }

    /**
     * The HTTP status a stream was refused with, as Gatling named it in its connect failure ("Server returned http
     * response with code 429"); null for a stream that opened, a refused connection, or a reason Gatling did not log.
     */
    public Integer refusedStatus() {
        if (!streamed || failure == null || !messages.isEmpty() || firstTokenUs != null) {
            return null;
        }
        Matcher m = STATUS_IN_REASON.matcher(failure);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** This refused stream with the server's reply body to the same request sent again. */
    public CapturedStream withRefusalBody(String body) {
        return new CapturedStream(labels, sendUs, firstTokenUs, firstTokenMessage, endUs, messages, closedUs, failure,
                httpStatus, streamed, requestBody, body);
    }

    /**
     * The request's {@code max_tokens}, null when its body names none. The body is JSON written by Jackson, where a
     * quote inside a string is escaped, so the first {@code "max_tokens":} is the top-level key.
     */
    public Integer maxTokens() {
        if (requestBody == null) {
            return null;
        }
        Matcher m = MAX_TOKENS.matcher(requestBody);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** A non-streamed request whose request body is not kept. */
    public static CapturedStream response(RequestLabels labels, long sendUs, long endUs, Integer status, String body,
                                          String failure) {
        return response(labels, sendUs, endUs, status, body, failure, null);
    }

    /** A non-streamed request: its response body (or null) and status, received at {@code endUs}. */
    public static CapturedStream response(RequestLabels labels, long sendUs, long endUs, Integer status, String body,
                                          String failure, String requestBody) {
        List<Message> m = body == null ? List.of() : List.of(new Message(endUs, body));
        return new CapturedStream(labels, sendUs, null, null, endUs, m, endUs, failure, status, false, requestBody, null);
    }

    /** One SSE message as Gatling delivers it: {@code {"data":<payload>}} and its arrival stamp. */
    public record Message(long arrivalUs, String body) {
    }
}
