package llmbench.timing;

import java.util.List;

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
        boolean streamed) {

    public CapturedStream(RequestLabels labels, long sendUs, Long firstTokenUs, String firstTokenMessage, Long endUs,
                          List<Message> messages, long closedUs, String failure) {
        this(labels, sendUs, firstTokenUs, firstTokenMessage, endUs, messages, closedUs, failure, null, true);
    }

    /** A non-streamed request: its response body (or null) and status, received at {@code endUs}. */
    public static CapturedStream response(RequestLabels labels, long sendUs, long endUs, Integer status, String body,
                                          String failure) {
        List<Message> m = body == null ? List.of() : List.of(new Message(endUs, body));
        return new CapturedStream(labels, sendUs, null, null, endUs, m, endUs, failure, status, false);
    }

    /** One SSE message as Gatling delivers it: {@code {"data":<payload>}} and its arrival stamp. */
    public record Message(long arrivalUs, String body) {
    }
}
