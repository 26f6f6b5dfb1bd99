package llmbench.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import llmbench.timing.CapturedStream;
import llmbench.clock.EpochClock;
import llmbench.timing.RecordSink;
import llmbench.timing.RequestLabels;

/**
 * The one non-streamed request (POST of the session's {@link StreamingRequest#BODY}, one JSON response):
 * a Gatling request that keeps the status and the body and fails (KO) on a status other than 200. The body
 * is handed over unparsed, like a stream's messages. Its end stamp is taken in the action after the response,
 * so it includes Gatling's hand-over (well under a millisecond); its Gatling row is the response time.
 * Gatling's default request timeout (60 s, {@code gatling.http.requestTimeout}) applies.
 */
public final class ResponseRequest {
    private static final String SEND_US = "llmRespSendUs";
    private static final String STATUS = "llmRespStatus";
    /** Session attribute holding the last response body (for a follow-up request built from it). */
    public static final String RESPONSE = "llmRespBody";

    private final String simulation;
    private final String path;
    private final String apiKey;
    private final RecordSink sink;

    public ResponseRequest(String simulation, String path, String apiKey, RecordSink sink) {
        this.simulation = simulation;
        this.path = path;
        this.apiKey = apiKey;
        this.sink = sink;
    }

    public ChainBuilder chain(String caseName, boolean warmup) {
        var request = http(caseName).post(path)
                .header("Content-Type", "application/json")
                .body(StringBody("#{" + StreamingRequest.BODY + "}"))
                .check(status().saveAs(STATUS), bodyString().saveAs(RESPONSE), status().is(200));
        if (apiKey != null) {
            request = request.header("Authorization", "Bearer " + apiKey);
        }
        return exec(s -> {
                    sink.sent();
                    return s.removeAll(STATUS, RESPONSE).set(SEND_US, EpochClock.nowMicros());
                })
                .exec(request)
                .exec(s -> {
                    sink.accept(capture(s, caseName, warmup));
                    return s;
                });
    }

    private CapturedStream capture(Session s, String caseName, boolean warmup) {
        long end = EpochClock.nowMicros();
        RequestLabels labels = new RequestLabels(simulation, caseName,
                s.contains(StreamingRequest.RUN) ? s.getInt(StreamingRequest.RUN) : 0,
                s.contains(StreamingRequest.REQUEST_IDX) ? s.getInt(StreamingRequest.REQUEST_IDX) : 0, warmup);
        Integer status = s.contains(STATUS) ? s.getInt(STATUS) : null;
        String body = s.contains(RESPONSE) ? s.getString(RESPONSE) : null;
        return CapturedStream.response(labels, s.getLong(SEND_US), end, status, body,
                status == null ? "no response (connection failed or timed out; Gatling's log names it)" : null,
                s.contains(StreamingRequest.BODY) ? s.getString(StreamingRequest.BODY) : null);
    }
}
